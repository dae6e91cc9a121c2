/**
 * A backend that answers with whatever fast-check makes up: valid conversations, messages and notes,
 * the same with one field broken (any value, or none), and results and pushes that are no such thing
 * at all. The memory backend cannot hold malformed data, so this scripted one stands in for a backend
 * gone wrong; it says exactly what the run generated, at once.
 */
import fc from 'fast-check';
import type { AdapterEventSink, ConversationAdapter } from '../../src/core/adapter.js';
import { ConvError } from '../../src/core/errors.js';
import {
  customerLabel,
  listOf,
  type Agent,
  type Conversation,
  type ConversationListName,
  type Message,
  type Note,
} from '../../src/core/model.js';
import type { ConversationStore } from '../../src/core/store.js';

export const AGENT: Agent = { id: 'agent-1', name: 'Alex Morgan' };
/** The one conversation the run's messages and notes belong to: valid, active and the agent's. */
export const ANCHOR = 'conv-anchor';

/** How wrong a value can be: anything fast-check makes, and the values backends really get wrong. */
const junk = fc.oneof(
  fc.anything({ withNullPrototype: true, withObjectString: true }),
  fc.constantFrom(
    null,
    undefined,
    '',
    'constructor',
    '__proto__',
    'toString',
    NaN,
    Infinity,
    -1e20,
    8.64e15 + 1,
    '2024-05-01T09:30:00Z',
    '51.5007',
    42,
    [],
    [null],
    {},
    { html: '<b>hi</b>' },
  ),
);

const DELETE = Symbol('delete');
type Corruption = { path: (string | number)[]; value: unknown } | { whole: unknown };
/** One field broken (set to junk, or removed), or the whole item replaced by junk. */
const corruption = (paths: (string | number)[][]): fc.Arbitrary<Corruption> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        path: fc.constantFrom(...paths),
        value: fc.oneof(junk, fc.constant(DELETE)),
      }),
    },
    { weight: 1, arbitrary: fc.record({ whole: junk }) },
  );

function broken(item: object, how: Corruption): unknown {
  if ('whole' in how) return how.whole;
  const copy = structuredClone(item) as Record<string | number, unknown>;
  let at = copy;
  for (const key of how.path.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = typeof key === 'number' ? [] : {};
    at = at[key] as Record<string | number, unknown>;
  }
  const last = how.path.at(-1)!;
  if (how.value === DELETE) delete at[last];
  else at[last] = how.value;
  return copy;
}

/** An item as the backend sends it: valid (and known to be), or broken. */
export interface Sent<T> {
  valid: boolean;
  value: T | unknown;
}
interface Entry {
  item: object;
  corruption: Corruption | null;
}
const sent = (item: fc.Arbitrary<object>, paths: (string | number)[][]): fc.Arbitrary<Entry> =>
  fc.record({ item, corruption: fc.option(corruption(paths), { freq: 2 }) });
/** The item with its ids filled in, then broken if the run says so. */
const finish = <T>(entry: Entry, fill: object): Sent<T> => {
  const item = { ...entry.item, ...fill };
  return entry.corruption ? { valid: false, value: broken(item, entry.corruption) } : { valid: true, value: item };
};

const time = fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 });
/** Texts and names: anything for the store; words an agent can read (and a test can find) on screen. */
const words = (onScreen: boolean) =>
  onScreen ? fc.constantFrom('Ada', 'Grace', 'Alan', 'Nia', 'Rosa', 'Kenji', 'Amara') : fc.string({ maxLength: 12 });

const conversationItem = (onScreen: boolean) =>
  fc.record(
    {
      customer: fc.record(
        { id: fc.string({ maxLength: 6 }), name: words(onScreen), phone: fc.constant('+44 20 7946 0000') },
        { requiredKeys: ['id'] },
      ),
      channel: fc.constantFrom('chat', 'sms', 'whatsapp', 'constructor', '__proto__', 'toString', 'hasOwnProperty'),
      status: fc.constantFrom('offered', 'queued', 'active', 'ended'),
      assigneeId: fc.constantFrom(AGENT.id, 'agent-2'),
      createdAt: time,
      updatedAt: time,
      endedAt: time,
      unreadCount: fc.nat(9),
      lastMessage: fc.record({
        text: words(onScreen),
        author: fc.constantFrom('customer', 'agent', 'system'),
        at: time,
      }),
    },
    { requiredKeys: ['customer', 'channel', 'status', 'createdAt', 'updatedAt', 'unreadCount'] },
  );
const CONVERSATION_PATHS = [
  ['id'],
  ['customer'],
  ['customer', 'id'],
  ['customer', 'name'],
  ['customer', 'phone'],
  ['channel'],
  ['status'],
  ['assigneeId'],
  ['createdAt'],
  ['updatedAt'],
  ['endedAt'],
  ['unreadCount'],
  ['lastMessage'],
  ['lastMessage', 'text'],
  ['lastMessage', 'author'],
  ['lastMessage', 'at'],
];

const attachment = fc.record(
  {
    name: fc.string({ maxLength: 8 }),
    mimeType: fc.constantFrom('image/png', 'image/jpeg', 'application/pdf'),
    size: fc.nat(10_000_000),
    url: fc.constantFrom('https://files.example.com/a.png', 'data:image/png;base64,iVBORw0KGgo='),
    width: fc.nat(4000),
    height: fc.nat(4000),
  },
  { requiredKeys: ['name', 'mimeType', 'size', 'url'] },
);
const messageItem = (onScreen: boolean) =>
  fc.record(
    {
      id: fc.string({ maxLength: 6 }),
      author: fc.constantFrom('customer', 'agent', 'system'),
      authorName: words(onScreen),
      text: onScreen ? fc.constant('') : fc.string({ maxLength: 20 }),
      attachments: fc.array(attachment, { maxLength: onScreen ? 0 : 2 }),
      location: fc.record({
        latitude: fc.double({ min: -90, max: 90, noNaN: true }),
        longitude: fc.double({ min: -180, max: 180, noNaN: true }),
      }),
      sentAt: time,
      status: fc.constantFrom('pending', 'sending', 'sent', 'delivered', 'read', 'failed'),
    },
    { requiredKeys: ['author', 'text', 'attachments', 'sentAt', 'status'] },
  );
const MESSAGE_PATHS = [
  ['id'],
  ['clientId'],
  ['conversationId'],
  ['author'],
  ['authorName'],
  ['text'],
  ['attachments'],
  ['attachments', 0],
  ['attachments', 0, 'name'],
  ['attachments', 0, 'mimeType'],
  ['attachments', 0, 'size'],
  ['attachments', 0, 'url'],
  ['attachments', 0, 'width'],
  ['location'],
  ['location', 'latitude'],
  ['location', 'longitude'],
  ['location', 'label'],
  ['sentAt'],
  ['status'],
  ['errorCode'],
];

const noteItem = (onScreen: boolean) =>
  fc.record({
    author: fc.record({ id: fc.constantFrom(AGENT.id, 'agent-2'), name: words(onScreen) }),
    text: onScreen ? fc.constant('') : fc.string({ maxLength: 20 }),
    createdAt: time,
  });
const NOTE_PATHS = [
  ['id'],
  ['conversationId'],
  ['author'],
  ['author', 'id'],
  ['author', 'name'],
  ['text'],
  ['createdAt'],
];

/** Everything a run's backend says, in the order the store hears it. */
export interface HostileScript {
  conversations: Sent<Conversation>[];
  /** When set, the snapshot is this instead of `{ agent, conversations }`. */
  brokenSnapshot?: unknown;
  pushes: { kind: 'conversation' | 'message' | 'note' | 'junk'; sent: Sent<unknown> }[];
  messages: Sent<Message>[];
  brokenPage?: unknown;
  notes: Sent<Note>[];
  brokenNotes?: unknown;
  previous: { conversation: Sent<Conversation>; messages: Sent<Message>[] }[];
  /** What `endChat` answers with. */
  ended: Sent<Conversation>;
}

/** A run of a hostile backend; `onScreen` keeps names and texts readable, and lists short enough to be all on screen. */
export function hostileScript({ onScreen = false } = {}): fc.Arbitrary<HostileScript> {
  const most = onScreen ? 4 : 8;
  const conversations = fc.array(sent(conversationItem(onScreen), CONVERSATION_PATHS), { maxLength: most });
  const messages = fc.array(sent(messageItem(onScreen), MESSAGE_PATHS), { maxLength: most });
  const notes = fc.array(sent(noteItem(onScreen), NOTE_PATHS), { maxLength: most });
  const pushes = fc.array(
    fc.oneof(
      fc.record({
        kind: fc.constant('conversation' as const),
        entry: sent(conversationItem(onScreen), CONVERSATION_PATHS),
      }),
      fc.record({ kind: fc.constant('message' as const), entry: sent(messageItem(onScreen), MESSAGE_PATHS) }),
      fc.record({ kind: fc.constant('note' as const), entry: sent(noteItem(onScreen), NOTE_PATHS) }),
      fc.record({
        kind: fc.constant('junk' as const),
        event: fc.oneof(
          junk,
          fc.record(
            {
              type: fc.oneof(
                junk,
                fc.constantFrom('message', 'note', 'conversation', 'connection', 'conversation-removed'),
              ),
              message: junk,
              note: junk,
              conversation: junk,
              state: junk,
            },
            { requiredKeys: ['type'] },
          ),
          fc.record({
            type: fc.constant('conversation-removed'),
            conversationId: fc.oneof(junk, fc.constant('gone-1')),
          }),
        ),
      }),
    ),
    { maxLength: most * 2 },
  );
  const sometimes = (arbitrary: fc.Arbitrary<unknown>) => fc.option(arbitrary, { freq: 12, nil: undefined });
  return fc
    .record({
      conversations,
      brokenSnapshot: sometimes(fc.oneof(junk, fc.record({ agent: junk, conversations: junk }))),
      pushes,
      messages,
      brokenPage: sometimes(fc.oneof(junk, fc.record({ items: junk, nextCursor: junk }))),
      notes,
      brokenNotes: sometimes(junk),
      previous: fc.array(fc.record({ conversation: sent(conversationItem(onScreen), CONVERSATION_PATHS), messages }), {
        maxLength: 2,
      }),
      ended: sent(conversationItem(onScreen), CONVERSATION_PATHS),
    })
    .map((run) => {
      let serial = 0;
      const conversation = (entry: Entry, id = `conv-${++serial}`) => finish<Conversation>(entry, { id });
      const message = (entry: Entry, conversationId = ANCHOR) => {
        const n = ++serial;
        return finish<Message>(entry, { clientId: `msg-${n}`, conversationId, ...(onScreen && { text: `Line ${n}` }) });
      };
      const note = (entry: Entry) => {
        const n = ++serial;
        return finish<Note>(entry, { id: `note-${n}`, conversationId: ANCHOR, ...(onScreen && { text: `Note ${n}` }) });
      };
      return {
        conversations: run.conversations.map((entry) => conversation(entry)),
        brokenSnapshot: run.brokenSnapshot,
        pushes: run.pushes.map((push) =>
          push.kind === 'junk'
            ? { kind: 'junk' as const, sent: { valid: false, value: push.event } }
            : {
                kind: push.kind,
                sent:
                  push.kind === 'conversation'
                    ? conversation(push.entry)
                    : push.kind === 'message'
                      ? message(push.entry)
                      : note(push.entry),
              },
        ),
        messages: run.messages.map((entry) => message(entry)),
        brokenPage: run.brokenPage,
        notes: run.notes.map((entry) => note(entry)),
        brokenNotes: run.brokenNotes,
        previous: run.previous.map((earlier) => {
          const sentConversation = conversation(earlier.conversation);
          const id = (sentConversation.value as Conversation | undefined)?.id ?? `conv-${serial}`;
          return { conversation: sentConversation, messages: earlier.messages.map((entry) => message(entry, id)) };
        }),
        ended: conversation(run.ended, ANCHOR),
      };
    });
}

const anchor = (now: number): Conversation => ({
  id: ANCHOR,
  customer: { id: 'cust-anchor', name: 'Anchor Customer' },
  channel: 'chat',
  status: 'active',
  assigneeId: AGENT.id,
  createdAt: now,
  updatedAt: now,
  unreadCount: 0,
});

export interface ScriptedAdapter extends ConversationAdapter {
  /** Hands the store one of the script's pushes; returns what the store threw (nothing, if it holds up). */
  push(event: unknown): unknown;
}

/** The backend that says what the script says. */
export function scriptedAdapter(script: HostileScript): ScriptedAdapter {
  let sink: AdapterEventSink | undefined;
  const notHere = () => Promise.reject(new ConvError('forbidden', 'Not part of the script'));
  const page = (items: unknown[]) => ({ items });
  return {
    async connect(eventSink) {
      sink = eventSink;
      if (script.brokenSnapshot !== undefined) return script.brokenSnapshot as never;
      return {
        agent: AGENT,
        conversations: [anchor(1_700_000_000_000), ...script.conversations.map((c) => c.value as Conversation)],
      };
    },
    disconnect: () => (sink = undefined),
    push(event) {
      try {
        sink?.(event as never);
      } catch (error) {
        return error;
      }
    },
    pick: notHere,
    accept: notHere,
    reject: notHere,
    sendMessage: notHere,
    uploadAttachment: notHere,
    addNote: notHere,
    listMessages: async () =>
      (script.brokenPage !== undefined ? script.brokenPage : page(script.messages.map((m) => m.value))) as never,
    listPreviousConversations: async () =>
      page(
        script.previous.map((earlier) => ({
          conversation: earlier.conversation.value,
          messages: earlier.messages.map((m) => m.value),
        })),
      ) as never,
    listNotes: async () =>
      (script.brokenNotes !== undefined ? script.brokenNotes : script.notes.map((n) => n.value)) as never,
    endChat: async () => script.ended.value as never,
  };
}

/** The push the script makes of one of its items. */
export function pushOf({ kind, sent }: HostileScript['pushes'][number]): unknown {
  return kind === 'junk' ? sent.value : { type: kind, [kind]: sent.value };
}

/** The seed both properties run with, so a failure repeats; fast-check prints the shrunk script of any failure. */
export const HOSTILE_SEED = 20_140;

const validValues = <T>(items: Sent<unknown>[]) => items.filter((item) => item.valid).map((item) => item.value as T);
const pushed = (script: HostileScript, kind: 'conversation' | 'message' | 'note') =>
  script.pushes.filter((push) => push.kind === kind).map((push) => push.sent);

/**
 * What of a run must show, being valid: every conversation of the snapshot and of the pushes, and the
 * anchor's messages and notes, listed (unless the whole list was broken) and pushed.
 */
export function mustShow(script: HostileScript): { conversations: Conversation[]; messages: Message[]; notes: Note[] } {
  const listed = (items: Sent<unknown>[], broken: unknown) => (broken === undefined ? items : []);
  return {
    conversations: validValues([...script.conversations, ...pushed(script, 'conversation')]),
    messages: validValues([...listed(script.messages, script.brokenPage), ...pushed(script, 'message')]),
    notes: validValues([...listed(script.notes, script.brokenNotes), ...pushed(script, 'note')]),
  };
}

/** The list a valid conversation shows in for the agent, if any. */
export const listFor = (conversation: Conversation): ConversationListName | undefined => listOf(conversation, AGENT.id);

/** What the elements do with every item they show: none of it may throw for what the store holds. */
export function expectRenderable(store: ConversationStore): void {
  const date = (at: number) => new Date(at).toISOString();
  const lists: ConversationListName[] = ['conversations', 'picklist', 'history', 'offered'];
  const conversations = lists.flatMap((name) => store.list(name));
  const shown = (conversation: Conversation) => {
    customerLabel(conversation.customer);
    void `${conversation.channel.trim()} ${conversation.id.trim()} ${conversation.unreadCount.toFixed(0)}`;
    date(conversation.createdAt);
    date(conversation.updatedAt);
    if (conversation.endedAt != null) date(conversation.endedAt);
    if (conversation.lastMessage) void `${conversation.lastMessage.text.trim()} ${date(conversation.lastMessage.at)}`;
  };
  const shownMessage = (message: Message) => {
    void `${message.text.trim()} ${message.clientId.trim()} ${date(message.sentAt)}`;
    for (const file of message.attachments)
      void `${file.mimeType.startsWith('image/')} ${file.name.trim()} ${file.size.toFixed(0)} ${file.url.trim()}`;
    if (message.location) void `${message.location.latitude.toFixed(5)} ${message.location.longitude.toFixed(5)}`;
  };
  conversations.forEach(shown);
  store.messages(ANCHOR).items.forEach(shownMessage);
  for (const earlier of store.previousConversations(ANCHOR).items) {
    shown(earlier.conversation);
    earlier.messages.forEach(shownMessage);
  }
  for (const note of store.notes(ANCHOR).items)
    void `${note.author.name.trim()} ${note.text.trim()} ${date(note.createdAt)}`;
}
