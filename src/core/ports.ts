/**
 * Small interfaces through which the core reaches browser facilities, so the same store runs
 * in a test, a browser and Node. Browser defaults live in src/browser/.
 */

/** Key-value persistence (IndexedDB through idb-keyval in the browser). Values are structured-cloneable. */
export interface KeyValueStorage {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  /** Every entry whose key starts with `prefix`. */
  entries<T>(prefix: string): Promise<Array<[string, T]>>;
}

/** Runs `task` while holding a lock no other tab of the same agent holds (Web Locks in the browser). */
export interface ExclusiveLock {
  run<T>(name: string, task: () => Promise<T>): Promise<T>;
}

/** A message bus between tabs of the same agent (BroadcastChannel in the browser). */
export interface TabChannel {
  post(message: unknown): void;
  subscribe(listener: (message: unknown) => void): () => void;
  close(): void;
}

/** A photo ready to leave the device. */
export interface PreparedPhoto {
  /** The file to upload, under the original name. */
  file: File;
  /** True when the photo was decoded and encoded again (metadata gone); false when it goes as chosen. */
  reencoded: boolean;
  /** True when its metadata was removed without re-encoding (HEIC, AVIF, GIF, WebP, an undecodable JPEG). */
  stripped?: boolean;
  /** Size of `file` when known: after scaling and rotation for a re-encoded photo, else from its header. */
  width?: number;
  height?: number;
}

/** Gets a chosen photo ready to upload (in the browser: re-encoded without its metadata, `preparePhotoForUpload`). */
export type PhotoPreparer = (file: File) => Promise<PreparedPhoto>;

/** Keeps everything in this page's memory: nothing survives a reload. */
export function createMemoryStorage(): KeyValueStorage {
  const values = new Map<string, unknown>();
  return {
    async get<T>(key: string) {
      return structuredClone(values.get(key)) as T | undefined;
    },
    async set(key, value) {
      values.set(key, structuredClone(value));
    },
    async del(key) {
      values.delete(key);
    },
    async entries<T>(prefix: string) {
      return [...values]
        .filter(([key]) => key.startsWith(prefix))
        .map(([key, value]) => [key, structuredClone(value) as T] as [string, T]);
    },
  };
}

/** One holder at a time within this page: enough when there is a single tab. */
export function createLocalLock(): ExclusiveLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(name: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(name) ?? Promise.resolve();
      const result = previous.then(task, task);
      tails.set(
        name,
        result.catch(() => undefined),
      );
      return result;
    },
  };
}

export function randomId(): string {
  return globalThis.crypto.randomUUID();
}
