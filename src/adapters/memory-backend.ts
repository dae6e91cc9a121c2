/**
 * The memory backend: one in-page "server" for the memory adapter (memory.ts). It starts with the
 * conversations its `data` option makes (none by default), keeps every change, re-checks uploads with
 * the admin's file-type policy, and can play customers who answer and walk in (`customers`).
 *
 * Its parts: the shared records, lookups and pushes (memory-backend-state.ts), the changes and the
 * scripted customers' answers (memory-backend-changes.ts), and the connection side
 * (memory-backend-server.ts). This module puts them together with the live traffic.
 */
import { createBackendChanges, type BackendChanges } from './memory-backend-changes.js';
import { createContactParts } from './memory-backend-contact.js';
import { createServer } from './memory-backend-server.js';
import { createBackendState, type BackendState } from './memory-backend-state.js';
import {
  pickDelay,
  type MemoryBackend,
  type MemoryBackendOptions,
  type MemoryDelay,
  type Server,
} from './memory-backend-types.js';

export * from './memory-backend-types.js';

/** Live traffic stops adding to the Picklist beyond this, so a demo left open stays usable. */
const MAX_QUEUED = 30;

// Keeps the server side out of the public object: only the memory adapter can reach it.
const servers = new WeakMap<MemoryBackend, Server>();

/** The server side of a backend made by `createMemoryBackend`, for the memory adapter. */
export const serverOf = (backend: MemoryBackend): Server | undefined => servers.get(backend);

export function createMemoryBackend(options: MemoryBackendOptions = {}): MemoryBackend {
  const state = createBackendState(options);
  const changes = createBackendChanges(state, options);
  const { customerSays, openConversation, end, cancelTimers, expireOffer } = changes;
  const contact = createContactParts(state);
  const server = createServer(state, changes, options, contact);
  const stopTraffic = options.liveTraffic
    ? startLiveTraffic(state, changes, options.trafficEveryMs ?? [8000, 20000])
    : undefined;
  const expireDataOffers = () => state.conversations.forEach(expireOffer);
  expireDataOffers();

  const backend: MemoryBackend = {
    customerSays: (conversationId, text, extras) => structuredClone(customerSays(conversationId, text, extras)),
    customerTyping: contact.customerTyping,
    customerSeesAgentTyping: contact.customerSeesAgentTyping,
    queueConversation: (conversation = {}) => structuredClone(openConversation('queued', undefined, conversation)),
    offerConversation: (agentId, conversation = {}) =>
      structuredClone(openConversation('offered', agentId, conversation)),
    endByCustomer: (conversationId) => structuredClone(end(conversationId, 'customer')),
    conversations: () => structuredClone([...state.conversations.values()]),
    messages: (conversationId) => structuredClone(state.messagesOf(state.requireConversation(conversationId).id)),
    notes: (conversationId) => structuredClone(state.notes.get(state.requireConversation(conversationId).id) ?? []),
    sentMessages: () => structuredClone(state.sent),
    uploads: () => structuredClone(state.uploads),
    reset() {
      cancelTimers();
      contact.cancelTimers();
      for (const upload of state.uploads) URL.revokeObjectURL(upload.url);
      state.reset();
      expireDataOffers();
    },
    dispose() {
      cancelTimers();
      contact.cancelTimers();
      stopTraffic?.();
    },
  };
  servers.set(backend, server);
  return backend;
}

/** New customers walk in now and then until the returned stop is called. */
function startLiveTraffic(state: BackendState, changes: BackendChanges, every: MemoryDelay): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** Mostly the Picklist; sometimes a direct offer to an agent who is online. */
  const newCustomerArrives = () => {
    const { random, connections, conversations } = state;
    const online = [...new Set([...connections].map((connection) => connection.agent.id))];
    if (online.length && random.next() < 0.3) changes.openConversation('offered', random.pick(online), {});
    else if ([...conversations.values()].filter((conversation) => conversation.status === 'queued').length < MAX_QUEUED)
      changes.openConversation('queued', undefined, {});
  };

  const schedule = () => {
    timer = setTimeout(
      () => {
        newCustomerArrives();
        schedule();
      },
      pickDelay(state.random, every),
    );
  };
  schedule();
  return () => clearTimeout(timer);
}
