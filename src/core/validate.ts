/**
 * Guards for what a backend hands the store. Its data is untrusted: each item is checked against
 * the model before it enters the store, repaired where a neutral value is safe, and otherwise left
 * out, so one broken item never keeps the others from showing. Small hand-written checks, no DOM.
 */
import type { AdapterEvent } from './adapter.js';
import type { Agent, Attachment, Conversation, Message, Note, StandardResponse } from './model.js';
import type { StoreAction } from './store/types.js';

/** What the store checks: an item, a push as a whole (`event`), or a result as a whole (`snapshot`, `page`, `previous`, `list`). */
export interface CheckedItems {
  conversation: Conversation;
  message: Message;
  note: Note;
  attachment: Attachment;
  standardResponse: StandardResponse;
  event: AdapterEvent;
  snapshot: { agent: Agent; conversations: unknown[] };
  page: { items: unknown[]; nextCursor?: string };
  previous: { conversation: unknown; messages: unknown[] };
  list: unknown[];
}

export type CheckedItem = keyof CheckedItems;

/** One wrong field of one item the backend sent. */
export interface InvalidField {
  item: CheckedItem;
  /** The first wrong field, as a path (`sentAt`, `customer`, `attachments.0.mimeType`); `''` when the item is no object at all. */
  field: string;
  /** `true`: shown with a neutral value in that field; `false`: left out. */
  repaired: boolean;
  /** The item's id (a message's clientId), when it has one. */
  id?: string;
}

/**
 * What the store's `invalid-data` topic carries: one wrong field, with the action whose adapter call
 * answered with it (`push` for what the backend pushed) and the conversation concerned.
 */
export interface InvalidDataEvent extends InvalidField {
  action: StoreAction;
  conversationId?: string;
}

/** `undefined` when the value is right, else the path of what is wrong in it (`''`: the value itself). */
type Check = (value: unknown) => string | undefined;

const is =
  (test: (value: unknown) => unknown): Check =>
  (value) =>
    test(value) ? undefined : '';
const within = (key: string | number, wrong: string) => (wrong ? `${key}.${wrong}` : `${key}`);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value == 'object' && !!value;

const text = is((value) => typeof value == 'string');
const id = is((value) => typeof value == 'string' && value);
const number = is(Number.isFinite);
/** A moment a Date can hold: anything else makes formatting a time throw. */
const time = is((value) => typeof value == 'number' && Math.abs(value) <= 864e13);
const array = is(Array.isArray);
const oneOf = (...values: unknown[]) => is((value) => values.includes(value));
/** Absent, or `null` as JSON backends write absent. */
const optional =
  (check: Check): Check =>
  (value) =>
    value == null ? undefined : check(value);
const list =
  (check: Check): Check =>
  (value) => {
    if (!Array.isArray(value)) return '';
    for (const [index, item] of value.entries()) {
      const wrong = check(item);
      if (wrong !== undefined) return within(index, wrong);
    }
  };
const record =
  (fields: Record<string, Check>): Check =>
  (value) => {
    if (!isObject(value)) return '';
    for (const key in fields) {
      const wrong = fields[key]!(value[key]);
      if (wrong !== undefined) return within(key, wrong);
    }
  };

const author = oneOf('customer', 'agent', 'system');
const agent = record({ id, name: text });
const customer = record({ id: text, name: optional(text), phone: optional(text) });
/** A kind this version does not know (a newer backend's) is repaired away: the notice is dropped and the message's text shows. */
const notice = optional(
  (value) =>
    record({ kind: oneOf('ended-by-customer', 'ended-by-agent') })(value) ??
    ((value as { kind: string }).kind == 'ended-by-agent' ? record({ agentName: text })(value) : undefined),
);
const preview = optional(record({ text, author, at: time, notice }));
const attachment = record({
  id: optional(text),
  name: text,
  mimeType: text,
  size: number,
  url: text,
  width: optional(number),
  height: optional(number),
  thumbnailUrl: optional(text),
});
/** Pushes that carry no item; the others are checked as their conversation, message or note. */
const EVENTS = new Map([
  ['conversation-removed', record({ conversationId: id })],
  ['connection', record({ state: oneOf('online', 'offline', 'reconnecting') })],
  ['typing', record({ conversationId: id, typing: oneOf(true, false) })],
]);
const ITEM_EVENTS = ['conversation', 'message', 'note'];

const CHECKS: Record<CheckedItem, Check> = {
  attachment,
  conversation: record({
    id,
    customer,
    channel: text,
    status: oneOf('offered', 'queued', 'active', 'ended'),
    assigneeId: optional(text),
    createdAt: time,
    updatedAt: time,
    endedAt: optional(time),
    unreadCount: number,
    lastMessage: preview,
    offerExpiresAt: optional(time),
  }),
  message: record({
    id: optional(text),
    clientId: id,
    conversationId: id,
    author,
    authorName: optional(text),
    text,
    attachments: list(attachment),
    location: optional(
      record({ latitude: number, longitude: number, accuracy: optional(number), label: optional(text) }),
    ),
    sentAt: time,
    status: oneOf('pending', 'sending', 'sent', 'delivered', 'read', 'failed'),
    errorCode: optional(text),
    notice,
  }),
  note: record({ id, conversationId: id, author: agent, text, createdAt: time }),
  standardResponse: record({ id, title: text, text }),
  event: (value) => {
    const check = isObject(value) && EVENTS.get(value.type as string);
    return check ? check(value) : 'type';
  },
  snapshot: record({ agent, conversations: array }),
  page: record({ items: array, nextCursor: optional(text) }),
  previous: record({ conversation: is(isObject), messages: array }),
  list: array,
};

const present = is((value) => value != null);
/** Fields put right instead of leaving the item out: [field, when it needs it, the neutral value]. */
const REPAIRS: Partial<Record<CheckedItem, [string, Check, unknown][]>> = {
  // The elements show a customer without a name or phone under the neutral label; the preview is only a summary.
  conversation: [
    ['customer', customer, { id: '' }],
    ['lastMessage', preview, undefined],
    // Without a moment to count down to, an offer shows no time left.
    ['offerExpiresAt', optional(time), undefined],
  ],
  // An absent list is an empty one: words without photos, a photo without words.
  message: [
    ['text', present, ''],
    ['attachments', present, []],
    ['notice', notice, undefined],
  ],
};

/**
 * `value` as a valid item of that kind (a repaired copy where that is safe), or `undefined` when it
 * has to be left out. Each wrong field is told to `report`. A message or note checked for a
 * conversation (`owner`) must belong to it.
 */
export function checked<K extends CheckedItem>(
  item: K,
  value: unknown,
  report: (problem: InvalidField) => void,
  owner?: string,
): CheckedItems[K] | undefined {
  if (item == 'event' && isObject(value) && ITEM_EVENTS.includes(value.type as string)) {
    const kind = value.type as 'conversation';
    const inner = checked(kind, value[kind], report);
    return inner && ({ ...value, [kind]: inner } as CheckedItems[K]);
  }
  const key: unknown = isObject(value) ? (value.clientId ?? value.id) : undefined;
  const tell = (field: string, repaired: boolean) =>
    report({ item, field, repaired, ...(typeof key == 'string' && { id: key }) });
  if (isObject(value)) {
    let repaired = value;
    for (const [field, check, neutral] of REPAIRS[item] ?? [])
      if (check(repaired[field]) !== undefined) {
        tell(field, true);
        repaired = { ...repaired, [field]: neutral };
      }
    value = repaired;
  }
  const wrong =
    CHECKS[item](value) ??
    (owner && (item == 'message' || item == 'note') && (value as Note).conversationId != owner
      ? 'conversationId'
      : undefined);
  if (wrong === undefined) return value as CheckedItems[K];
  tell(wrong, false);
}
