/** The one way element tests get a connected store: the demo's world in a memory backend, no latency. */
import { createMemoryAdapter, type MemoryAdapter, type MemoryBackend } from '../../src/adapters/memory.js';
import type { ConversationAdapter } from '../../src/core/adapter.js';
import type { Agent } from '../../src/core/model.js';
import {
  createConversationStore,
  type ConversationStore,
  type ConversationStoreOptions,
} from '../../src/core/store.js';
import { seededBackend } from './seed.js';

export interface TestWorkspace {
  backend: MemoryBackend;
  /** The memory adapter the store talks through (or that `wrapAdapter` wrapped). */
  adapter: MemoryAdapter;
  store: ConversationStore;
}

export interface TestWorkspaceOptions extends Partial<Omit<ConversationStoreOptions, 'adapter'>> {
  backend?: MemoryBackend;
  /** Who signs in to the backend. Default: agent-1. */
  signedInAs?: Agent;
  /** Time each adapter call takes. Default 0. */
  latencyMs?: number;
  /** Puts something between the store and the memory adapter (a recorder, a fault). */
  wrapAdapter?: (adapter: MemoryAdapter) => ConversationAdapter;
}

export async function connectedWorkspace({
  backend,
  signedInAs,
  latencyMs = 0,
  wrapAdapter,
  ...storeOptions
}: TestWorkspaceOptions = {}): Promise<TestWorkspace> {
  const world = backend ?? seededBackend({ replyDelayMs: false });
  const adapter = createMemoryAdapter({ backend: world, agent: signedInAs, latencyMs });
  const store = createConversationStore({ ...storeOptions, adapter: wrapAdapter ? wrapAdapter(adapter) : adapter });
  await store.connect();
  return { backend: world, adapter, store };
}
