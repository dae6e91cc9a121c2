/**
 * A backend gone wrong, for tests: an adapter whose answers and pushes a test breaks on the way to the
 * store, and the broken shapes conv-kit's store must survive, each as a backend really sent it.
 */
import type { AdapterEvent, AdapterEventSink, ConversationAdapter } from '../core/adapter.js';
import type { Conversation, Message, Note } from '../core/model.js';

/** What a test changes on the way from the real adapter to the store. */
export interface Tampering {
  /** Replaces what an adapter method resolved with (`method` is its name, `args` what the store called it with). */
  result?(method: string, value: unknown, args: unknown[]): unknown;
  /** Replaces a push before the store hears it. */
  push?(event: AdapterEvent): unknown;
}

export interface TamperedAdapter extends ConversationAdapter {
  /** Hands the store anything at all, as if the backend had pushed it. */
  push(event: unknown): void;
  /** What the store threw while it took a push: nothing, if the store holds up. */
  readonly thrown: unknown[];
}

/** `adapter`, with what it says to the store changed by `tampering`. */
export function tamperedAdapter(adapter: ConversationAdapter, tampering: Tampering = {}): TamperedAdapter {
  let sink: AdapterEventSink | undefined;
  const thrown: unknown[] = [];
  const deliver = (event: unknown) => {
    try {
      sink?.(event as AdapterEvent);
    } catch (error) {
      thrown.push(error);
    }
  };
  const methods = new Proxy(adapter, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value != 'function') return value;
      return (...args: unknown[]) => {
        if (key === 'connect') {
          sink = args[0] as AdapterEventSink;
          args[0] = (event: AdapterEvent) => deliver(tampering.push ? tampering.push(event) : event);
        }
        const result: unknown = value.apply(target, args);
        return tampering.result && result instanceof Promise
          ? result.then((answer) => tampering.result!(String(key), answer, args))
          : result;
      };
    },
  });
  return Object.assign(Object.create(methods) as ConversationAdapter, { push: deliver, thrown });
}

/** One broken shape: how it breaks a valid item, and what the store makes of it. */
export interface HostileCase<T> {
  /** What is wrong, as a test title says it. */
  name: string;
  /** The item as the backend sent it, made from a valid one. */
  break(valid: T): unknown;
  /** The field the store reports. */
  field: string;
  /** `dropped`: not shown, the others are; `repaired`: shown with a neutral value; `kept`: shown as sent. */
  outcome: 'dropped' | 'repaired' | 'kept';
}

const without = <T extends object>(item: T, field: keyof T): unknown => {
  const copy = { ...item };
  delete copy[field];
  return copy;
};

/** Messages as broken backends sent them: each used to stop the chat from rendering. */
export const HOSTILE_MESSAGES: readonly HostileCase<Message>[] = [
  {
    name: 'sentAt as a string',
    break: (m) => ({ ...m, sentAt: '2024-05-01T09:30:00Z' }),
    field: 'sentAt',
    outcome: 'dropped',
  },
  { name: 'no attachments', break: (m) => without(m, 'attachments'), field: 'attachments', outcome: 'repaired' },
  {
    name: 'an attachment without mimeType',
    break: (m) => ({
      ...m,
      attachments: [{ name: 'receipt.png', size: 2048, url: 'https://files.example.com/r.png' }],
    }),
    field: 'attachments.0.mimeType',
    outcome: 'dropped',
  },
  {
    name: 'a null attachment',
    break: (m) => ({ ...m, attachments: [null] }),
    field: 'attachments.0',
    outcome: 'dropped',
  },
  {
    name: 'latitude as a string',
    break: (m) => ({ ...m, location: { latitude: '51.5007', longitude: -0.1246 } }),
    field: 'location.latitude',
    outcome: 'dropped',
  },
  { name: 'text as a number', break: (m) => ({ ...m, text: 42 }), field: 'text', outcome: 'dropped' },
  {
    name: 'text as an object',
    break: (m) => ({ ...m, text: { html: '<b>Hello</b>' } }),
    field: 'text',
    outcome: 'dropped',
  },
];

/** Notes as broken backends sent them. */
export const HOSTILE_NOTES: readonly HostileCase<Note>[] = [
  { name: 'no author', break: (n) => without(n, 'author'), field: 'author', outcome: 'dropped' },
  { name: 'text: null', break: (n) => ({ ...n, text: null }), field: 'text', outcome: 'dropped' },
];

/** Conversations as broken backends sent them: a missing customer used to empty the whole list. */
export const HOSTILE_CONVERSATIONS: readonly HostileCase<Conversation>[] = [
  { name: 'customer: null', break: (c) => ({ ...c, customer: null }), field: 'customer', outcome: 'repaired' },
  { name: 'no customer', break: (c) => without(c, 'customer'), field: 'customer', outcome: 'repaired' },
  {
    name: 'a channel named constructor',
    break: (c) => ({ ...c, channel: 'constructor' }),
    field: '',
    outcome: 'kept',
  },
  { name: 'a channel named __proto__', break: (c) => ({ ...c, channel: '__proto__' }), field: '', outcome: 'kept' },
];

/** Pushes that are no event at all, or an event without what it must carry. */
export const HOSTILE_PUSHES: readonly unknown[] = [
  null,
  'hello',
  42,
  [],
  {},
  { type: 'no-such-event' },
  { type: 'constructor' },
  { type: '__proto__' },
  { type: 'message' },
  { type: 'message', message: null },
  { type: 'conversation', conversation: 'c-1' },
  { type: 'note', note: [] },
  { type: 'conversation-removed' },
  { type: 'connection', state: 'exploded' },
];
