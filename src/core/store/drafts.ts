/**
 * What the agent is writing in each conversation. Typing is saved behind (at most every 300 ms);
 * sending clears the saved draft at once, right after the message itself is saved, and a draft
 * older than a message still in the outbox is never restored: no reload brings sent text back.
 */
import type { OutboxEntry } from '../outbox.js';
import { EMPTY_DRAFT, type StoreContext } from './context.js';
import type { Draft } from './types.js';

/** A draft as persistence keeps it: with the time of its last change. */
interface SavedDraft extends Draft {
  changedAt?: number;
}

const isSavedDraft = (value: unknown): value is SavedDraft =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Draft).text === 'string' &&
  ((value as Draft).files === undefined || Array.isArray((value as Draft).files));

const KEY_PREFIX = 'draft:';
const WRITE_DELAY_MS = 300;

export type Drafts = ReturnType<typeof createDrafts>;

export function createDrafts(context: StoreContext) {
  const { drafts } = context;
  const changedAt = new Map<string, number>();
  const writes = new Map<string, ReturnType<typeof setTimeout>>();

  const write = (conversationId: string): Promise<void> => {
    clearTimeout(writes.get(conversationId));
    writes.delete(conversationId);
    const draft = drafts.get(conversationId);
    if (!draft || !(draft.text || draft.files?.length)) return context.storage.del(KEY_PREFIX + conversationId);
    const saved: SavedDraft = { ...draft, changedAt: changedAt.get(conversationId) ?? context.now() };
    return context.storage.set(KEY_PREFIX + conversationId, saved);
  };

  return {
    get: (conversationId: string): Draft => drafts.get(conversationId) ?? EMPTY_DRAFT,

    set(conversationId: string, draft: Draft): void {
      drafts.set(conversationId, draft);
      changedAt.set(conversationId, context.now());
      clearTimeout(writes.get(conversationId));
      writes.set(
        conversationId,
        setTimeout(() => void write(conversationId), WRITE_DELAY_MS),
      );
      context.emit(`draft:${conversationId}`);
    },

    /** The message was saved: the draft goes now, not on a timer. */
    clearSent(conversationId: string): void {
      drafts.delete(conversationId);
      changedAt.delete(conversationId);
      void write(conversationId);
      context.emit(`draft:${conversationId}`);
    },

    /** Drafts a previous page left, except those a message still waiting in the outbox was sent from. */
    async restore(waiting: readonly OutboxEntry[]): Promise<void> {
      for (const [key, saved] of await context.storage.entries<unknown>(KEY_PREFIX)) {
        const conversationId = key.slice(KEY_PREFIX.length);
        if (drafts.has(conversationId) || !isSavedDraft(saved)) continue;
        const savedAt = saved.changedAt ?? 0;
        if (waiting.some((entry) => entry.conversationId === conversationId && entry.createdAt >= savedAt)) {
          void context.storage.del(key);
          continue;
        }
        drafts.set(conversationId, saved.files ? { text: saved.text, files: saved.files } : { text: saved.text });
        changedAt.set(conversationId, savedAt);
        context.emit(`draft:${conversationId}`);
      }
    },

    forgetAll(): void {
      for (const id of [...drafts.keys()]) {
        drafts.delete(id);
        context.emit(`draft:${id}`);
      }
    },
  };
}
