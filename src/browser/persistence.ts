/**
 * Browser defaults for the store's ports: IndexedDB (idb-keyval) for the outbox and drafts,
 * Web Locks so one tab of an agent sends at a time, BroadcastChannel so the other tabs show the same.
 * Everything is namespaced per agent: two agents sharing a browser profile never see each other's outbox.
 */
import { createStore, del, entries, get, set } from 'idb-keyval';
import type { Agent } from '../core/model.js';
import {
  createLocalLock,
  createMemoryStorage,
  type ExclusiveLock,
  type KeyValueStorage,
  type TabChannel,
} from '../core/ports.js';
import type { StorePersistence } from '../core/store.js';

export function createIndexedDbStorage(namespace: string): KeyValueStorage {
  const store = createStore(`conv-kit:${namespace}`, 'state');
  return {
    get: (key) => get(key, store),
    set: (key, value) => set(key, value, store),
    del: (key) => del(key, store),
    async entries<T>(prefix: string) {
      const all = await entries<IDBValidKey, T>(store);
      return all.filter(([key]) => typeof key === 'string' && key.startsWith(prefix)) as Array<[string, T]>;
    },
  };
}

/** Holds a Web Lock while the task runs; falls back to a page-local lock where Web Locks are missing. */
export function createWebLock(namespace: string): ExclusiveLock {
  const locks = globalThis.navigator?.locks;
  if (!locks) return createLocalLock();
  return { run: (name, task) => locks.request(`conv-kit:${namespace}:${name}`, task) as ReturnType<typeof task> };
}

export function createTabChannel(namespace: string): TabChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  const channel = new BroadcastChannel(`conv-kit:${namespace}`);
  return {
    post: (message) => channel.postMessage(message),
    subscribe(listener) {
      const onMessage = (event: MessageEvent) => listener(event.data);
      channel.addEventListener('message', onMessage);
      return () => channel.removeEventListener('message', onMessage);
    },
    close: () => channel.close(),
  };
}

/**
 * The persistence a browser page wants: pass it as `createConversationStore({ persistence: browserPersistence() })`.
 * `scope` separates several workspaces of one agent on one origin (tests use it too).
 */
export function browserPersistence(scope = 'default'): (agent: Agent) => StorePersistence {
  return (agent) => {
    const namespace = `${scope}:${agent.id}`;
    if (typeof indexedDB === 'undefined') return { storage: createMemoryStorage() };
    return {
      storage: createIndexedDbStorage(namespace),
      lock: createWebLock(namespace),
      channel: createTabChannel(namespace),
    };
  };
}
