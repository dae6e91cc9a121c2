/**
 * What the store's modules share: the normalized state, the change emitter, and the adapter call
 * with its timeout. One per store; only the modules in this folder see it.
 */
import { createNanoEvents } from 'nanoevents';
import type { ConversationAdapter } from '../adapter.js';
import { ConvError, toConvError } from '../errors.js';
import type { Agent, Conversation, Message, Note, PreviousConversation } from '../model.js';
import { createMemoryStorage, type KeyValueStorage } from '../ports.js';
import type {
  ConnectionState,
  ConversationStoreOptions,
  Draft,
  InvalidDataEvent,
  MessagesState,
  NotesState,
  PreviousConversationsState,
  StoreAction,
  StoreErrorEvent,
  StoreTopic,
} from './types.js';
import { checked, type CheckedItem, type CheckedItems } from '../validate.js';

export interface StoreContext {
  readonly options: ConversationStoreOptions;
  readonly adapter: ConversationAdapter;
  readonly now: () => number;
  agent: Agent | undefined;
  connection: ConnectionState;
  /** The agent's persistence once known; this page's memory before. */
  storage: KeyValueStorage;
  lastEventAt: number;
  readonly conversations: Map<string, Conversation>;
  readonly messages: Map<string, MessagesState>;
  readonly notes: Map<string, NotesState>;
  readonly previous: Map<string, PreviousConversationsState>;
  readonly drafts: Map<string, Draft>;
  readonly uploadProgress: Map<string, number>;
  /** How many views show each conversation: its unread count stays at zero meanwhile. */
  readonly viewing: Map<string, number>;
  emit(topic: StoreTopic, payload?: unknown): void;
  on(topic: StoreTopic, listener: (payload?: unknown) => void): () => void;
  /** An adapter call that fails as `network` when it takes longer than `requestTimeoutMs`. */
  call<T>(promise: Promise<T>): Promise<T>;
  /** Announces a failed action on the `error` topic and returns it as a ConvError to throw. */
  fail(action: StoreAction, raw: unknown, conversationId?: string): ConvError;
  /**
   * What the backend sent, checked: the item (repaired where safe), or `undefined` to leave it out.
   * Each wrong field is announced on `invalid-data` and, as an `invalid` error, on `error`. A message
   * or note checked for a `conversationId` must belong to it. A `required` result that is wrong
   * throws that error instead, for the failing action to announce.
   */
  check<K extends CheckedItem>(
    item: K,
    value: unknown,
    action: StoreAction,
    conversationId?: string,
    required?: boolean,
  ): CheckedItems[K] | undefined;
  /** The valid items of a list the backend sent. */
  checkAll<K extends CheckedItem>(
    item: K,
    values: readonly unknown[],
    action: StoreAction,
    conversationId?: string,
  ): CheckedItems[K][];
}

export const EMPTY_MESSAGES: MessagesState = Object.freeze({
  items: Object.freeze([]) as readonly Message[],
  status: 'idle' as const,
});
export const EMPTY_NOTES: NotesState = Object.freeze({
  items: Object.freeze([]) as readonly Note[],
  status: 'idle' as const,
});
export const EMPTY_PREVIOUS: PreviousConversationsState = Object.freeze({
  items: Object.freeze([]) as readonly PreviousConversation[],
  status: 'idle' as const,
  complete: false,
});
export const EMPTY_DRAFT: Draft = Object.freeze({ text: '' });
/** Delivery only moves forward along this order. */
export const DELIVERY_ORDER: Record<Message['status'], number> = {
  pending: 0,
  sending: 1,
  failed: 1,
  sent: 2,
  delivered: 3,
  read: 4,
};

interface StoreEvents {
  [topic: string]: (payload?: unknown) => void;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new ConvError('network', `No answer from the backend within ${Math.round(ms / 1000)} s`)),
      ms,
    );
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}

export function createStoreContext(options: ConversationStoreOptions): StoreContext {
  const emitter = createNanoEvents<StoreEvents>();
  const timeoutMs = options.requestTimeoutMs ?? 20_000;
  const context: StoreContext = {
    options,
    adapter: options.adapter,
    now: options.now ?? Date.now,
    agent: undefined,
    connection: 'idle',
    storage: createMemoryStorage(),
    lastEventAt: 0,
    conversations: new Map(),
    messages: new Map(),
    notes: new Map(),
    previous: new Map(),
    drafts: new Map(),
    uploadProgress: new Map(),
    viewing: new Map(),
    emit: (topic, payload) => emitter.emit(topic, payload),
    on: (topic, listener) => emitter.on(topic, listener),
    call: (promise) => withTimeout(promise, timeoutMs),
    fail(action, raw, conversationId) {
      const error = toConvError(raw);
      context.emit('error', { action, conversationId, error } satisfies StoreErrorEvent);
      return error;
    },
    check(item, value, action, conversationId, required) {
      let error: ConvError | undefined;
      const valid = checked(
        item,
        value,
        (problem) => {
          const event: InvalidDataEvent = { ...problem, action, conversationId };
          context.emit('invalid-data', event);
          error = new ConvError('invalid', `The backend sent an invalid ${problem.item}: ${problem.field}`, {
            ...event,
          });
          if (!required) context.fail(action, error, conversationId);
        },
        conversationId,
      );
      if (required && !valid) throw error;
      return valid;
    },
    checkAll: (item, values, action, conversationId) =>
      values.flatMap((value) => {
        const valid = context.check(item, value, action, conversationId);
        return valid ? [valid] : [];
      }),
  };
  return context;
}
