/**
 * The outbox: every message an agent sends waits here until the backend confirms it, so a message
 * is never lost (it is persisted before the first attempt) and never doubled (every attempt carries
 * the same clientId, and one holder of the lock flushes at a time).
 */
import type { Attachment, GeoLocation, Message } from './model.js';
import type { ExclusiveLock, KeyValueStorage } from './ports.js';
import { toConvError } from './errors.js';

export interface OutboxFile {
  name: string;
  mimeType: string;
  size: number;
  blob: Blob;
  width?: number;
  height?: number;
  /** Set once uploaded, so a retry does not upload the file again. */
  uploaded?: Attachment;
}

export interface OutboxEntry {
  clientId: string;
  conversationId: string;
  text: string;
  files: OutboxFile[];
  location?: GeoLocation;
  createdAt: number;
  attempts: number;
  /** `waiting`: due now or after `nextAttemptAt`; `sending`: in flight; `failed`: refused for good. */
  state: 'waiting' | 'sending' | 'failed';
  nextAttemptAt?: number;
  errorCode?: string;
}

export interface DeliveryContext {
  signal: AbortSignal;
  /** Marks a file uploaded, persisting it so a retry after a reload skips it. */
  fileUploaded(index: number, attachment: Attachment): Promise<void>;
}

export interface OutboxOptions {
  storage: KeyValueStorage;
  lock: ExclusiveLock;
  /** Uploads the files and sends the message; rejects with a ConvError. */
  deliver(entry: OutboxEntry, context: DeliveryContext): Promise<Message>;
  /** The entry changed (state, attempts, upload); the store shows it. */
  onChange(entry: OutboxEntry): void;
  onDelivered(entry: OutboxEntry, message: Message): void;
  now?: () => number;
  random?: () => number;
  retryBaseMs?: number;
  retryMaxMs?: number;
}

export interface Outbox {
  /** Persists the entry, then flushes. Resolves with the stored entry (its `createdAt` may move a millisecond to keep order). */
  add(entry: Omit<OutboxEntry, 'attempts' | 'state'>): Promise<OutboxEntry>;
  /** Puts a failed message back in line. */
  retry(clientId: string): Promise<void>;
  /** Deletes a waiting or failed message; an in-flight attempt is aborted. */
  remove(clientId: string): Promise<void>;
  /** Loads what a previous page left behind (after a reload or a crash). */
  restore(): Promise<OutboxEntry[]>;
  entries(): OutboxEntry[];
  /** Keeps an entry another tab stored, so this tab can take over if that tab closes. Not saved again. */
  adopt(entry: OutboxEntry): void;
  /** Forgets an entry another tab delivered or deleted. */
  forget(clientId: string): void;
  /** Sending pauses while offline and resumes at once when back online. */
  setOnline(online: boolean): void;
  flush(): Promise<void>;
  dispose(): void;
}

const KEY_PREFIX = 'outbox:';

/** Exponential backoff with jitter: spreads retries so a recovering backend is not stampeded. */
export function retryDelay(attempts: number, random: () => number, baseMs = 500, maxMs = 30_000): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export function createOutbox(options: OutboxOptions): Outbox {
  const { storage, lock, deliver, onChange, onDelivered } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const entries = new Map<string, OutboxEntry>();
  const inFlight = new Map<string, AbortController>();
  let online = true;
  let disposed = false;
  let flushing: Promise<void> | undefined;
  let flushAgain = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastCreatedAt = 0;

  // A disposed outbox (the page is going away) must not write back what a newer page already delivered.
  const save = async (entry: OutboxEntry) => {
    if (!disposed) await storage.set(KEY_PREFIX + entry.clientId, entry);
  };

  const update = async (entry: OutboxEntry, changes: Partial<OutboxEntry>) => {
    Object.assign(entry, changes);
    if (entries.has(entry.clientId)) await save(entry);
    onChange(entry);
  };

  /** The oldest not-failed message of each conversation: messages reach a customer in the order written. */
  const dueHeads = (): OutboxEntry[] => {
    const heads = new Map<string, OutboxEntry>();
    for (const entry of [...entries.values()].sort((a, b) => a.createdAt - b.createdAt)) {
      if (entry.state === 'failed' || heads.has(entry.conversationId)) continue;
      heads.set(entry.conversationId, entry);
    }
    return [...heads.values()];
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = undefined;
    if (disposed || !online) return;
    const next = Math.min(...dueHeads().map((entry) => entry.nextAttemptAt ?? 0));
    if (!Number.isFinite(next)) return;
    timer = setTimeout(() => void flush(), Math.max(0, next - now()));
  };

  const attempt = async (entry: OutboxEntry) => {
    const controller = new AbortController();
    inFlight.set(entry.clientId, controller);
    await update(entry, { state: 'sending', attempts: entry.attempts + 1 });
    try {
      const aborted = new Promise<never>((_, reject) =>
        controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true }),
      );
      // Racing the abort lets a deleted message or a closing page release the lock at once, even if the backend never answers.
      const message = await Promise.race([
        deliver(entry, {
          signal: controller.signal,
          fileUploaded: async (index, attachment) => {
            const file = entry.files[index];
            if (file) file.uploaded = attachment;
            if (entries.has(entry.clientId)) await save(entry);
          },
        }),
        aborted,
      ]);
      if (!entries.has(entry.clientId)) return; // deleted while in flight
      entries.delete(entry.clientId);
      await storage.del(KEY_PREFIX + entry.clientId);
      onDelivered(entry, message);
    } catch (raw) {
      if (!entries.has(entry.clientId) || controller.signal.aborted) return;
      const error = toConvError(raw);
      if (error.retryable) {
        await update(entry, {
          state: 'waiting',
          nextAttemptAt: now() + retryDelay(entry.attempts, random, options.retryBaseMs, options.retryMaxMs),
          errorCode: error.code,
        });
      } else {
        await update(entry, { state: 'failed', errorCode: error.code, nextAttemptAt: undefined });
      }
    } finally {
      inFlight.delete(entry.clientId);
    }
  };

  const flushOnce = async () => {
    await lock.run('conv-kit-outbox', async () => {
      // Another tab may have delivered what this one restored; storage is the truth.
      for (const clientId of [...entries.keys()]) {
        if (!(await storage.get(KEY_PREFIX + clientId))) {
          const entry = entries.get(clientId)!;
          if (entry.state !== 'sending') entries.delete(clientId);
        }
      }
      for (;;) {
        if (disposed || !online) return;
        const due = dueHeads().filter((entry) => (entry.nextAttemptAt ?? 0) <= now());
        if (due.length === 0) return;
        for (const entry of due) await attempt(entry);
      }
    });
  };

  const flush = (): Promise<void> => {
    if (flushing) {
      flushAgain = true;
      return flushing;
    }
    flushing = (async () => {
      do {
        flushAgain = false;
        await flushOnce();
      } while (flushAgain && !disposed);
    })().finally(() => {
      flushing = undefined;
      schedule();
    });
    return flushing;
  };

  return {
    async add(input) {
      // Strictly increasing, so two messages written in the same millisecond keep their order after a reload.
      const createdAt = Math.max(input.createdAt, lastCreatedAt + 1);
      lastCreatedAt = createdAt;
      const entry: OutboxEntry = { ...input, createdAt, attempts: 0, state: 'waiting' };
      entries.set(entry.clientId, entry);
      await save(entry);
      void flush();
      return entry;
    },
    async retry(clientId) {
      const entry = entries.get(clientId);
      if (!entry || entry.state !== 'failed') return;
      await update(entry, { state: 'waiting', attempts: 0, nextAttemptAt: undefined, errorCode: undefined });
      void flush();
    },
    async remove(clientId) {
      entries.delete(clientId);
      inFlight.get(clientId)?.abort();
      await storage.del(KEY_PREFIX + clientId);
      schedule();
    },
    async restore() {
      const stored = await storage.entries<OutboxEntry>(KEY_PREFIX);
      for (const [, entry] of stored) {
        // An attempt cut short by a reload is simply due again; the clientId keeps it single.
        const restored = { ...entry, state: entry.state === 'failed' ? 'failed' : 'waiting' } as OutboxEntry;
        if (!entries.has(restored.clientId)) entries.set(restored.clientId, restored);
        lastCreatedAt = Math.max(lastCreatedAt, restored.createdAt);
      }
      void flush();
      return [...entries.values()];
    },
    entries: () => [...entries.values()],
    adopt(entry) {
      const known = entries.get(entry.clientId);
      if (known?.state === 'sending') return;
      // Shown as the other tab reports it; sent here only if this tab gets the lock and storage still has it.
      entries.set(entry.clientId, { ...entry, state: entry.state === 'failed' ? 'failed' : 'waiting' });
      schedule();
    },
    forget(clientId) {
      if (entries.get(clientId)?.state !== 'sending') entries.delete(clientId);
      schedule();
    },
    setOnline(value) {
      online = value;
      if (online) {
        for (const entry of entries.values()) if (entry.state === 'waiting') entry.nextAttemptAt = undefined;
        void flush();
      } else {
        schedule();
      }
    },
    flush,
    dispose() {
      disposed = true;
      clearTimeout(timer);
      for (const controller of inFlight.values()) controller.abort();
    },
  };
}
