/**
 * What the memory backend is made of, as the memory adapter and integrators see it: its options and
 * data, its public object, the server side a connection talks to, and the seeded randomness that makes
 * its runs repeat.
 */
import type { AdapterEvent, OutgoingMessage, OutgoingNote, PageOptions } from '../core/adapter.js';
import type { FileTypePolicyOptions } from '../core/file-policy.js';
import type {
  Agent,
  Attachment,
  Conversation,
  Customer,
  GeoLocation,
  Message,
  MessagePreview,
  Note,
  Page,
  PreviousConversation,
  StandardResponse,
} from '../core/model.js';

/** Who the memory adapter signs in as unless told otherwise. */
export const DEFAULT_AGENT: Agent = { id: 'agent-1', name: 'Alex Morgan' };

export interface Random {
  /** 0 ≤ n < 1 */
  next(): number;
  /** An integer from `min` to `max`, both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: tiny, fast and good enough for believable data and timings that repeat from a seed. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}

/**
 * What a backend writes into a conversation when it ends (the reference server writes the same): English words for
 * any client, and the notice the elements word in the agent's language.
 */
export function endedNotice(by: Agent | 'customer'): Pick<Message, 'text' | 'notice'> {
  return by === 'customer'
    ? { text: 'The customer left the chat', notice: { kind: 'ended-by-customer' } }
    : { text: `${by.name} ended the chat`, notice: { kind: 'ended-by-agent', agentName: by.name } };
}

/** The one-line preview the lists show. */
export function previewOf(message: Message): MessagePreview {
  const text = message.text.trim()
    ? message.text.trim().slice(0, 140)
    : message.location
      ? '📍'
      : message.attachments.length
        ? '📷'
        : '';
  return { text, author: message.author, at: message.sentAt, ...(message.notice && { notice: message.notice }) };
}

/** A customer's message adds one unread; the agent's reply means they have read it all; system notices change nothing. */
export function unreadCountAfter(conversation: Conversation, message: Message): number {
  if (message.author === 'customer') return conversation.unreadCount + 1;
  return message.author === 'agent' ? 0 : conversation.unreadCount;
}

export type MemoryDelay = number | readonly [number, number];

export interface MemoryBackendOptions {
  /** What the backend holds at first and again after `reset()`. Default: no conversations. */
  data?: (context: MemoryDataContext) => MemoryData;
  /** Who new customers are and what they say. Default: anonymous customers with one-line messages. */
  customers?: MemoryCustomers;
  /** Seeds every random choice, and `data` through its context. Default 1. */
  seed?: number;
  /** The moment the seeded timestamps are relative to. Default: `Date.now()`. */
  now?: number;
  /** How long a scripted customer takes to answer an agent (typing for the last two thirds of it); `0` or `false`: customers stay quiet. Default 1500. */
  replyDelayMs?: number | false;
  /** New customers arrive now and then, queued or offered to a connected agent. Default false. */
  liveTraffic?: boolean;
  /** Time between two new customers when `liveTraffic` is on. Default 8–20 s. */
  trafficEveryMs?: MemoryDelay;
  /**
   * How long an offer waits for the agent's answer before it goes back to the Picklist (and the agent
   * hears so); `0` or `false`: offers wait for ever. Default 60 s. Offers in `data` expire at their
   * `offerExpiresAt`, when they have one.
   */
  offerTimeoutMs?: number | false;
  /** The admin's file types: served by `getFileTypePolicy` and enforced on upload with conv-kit's own file-type policy. Default: the policy's defaults. */
  fileTypePolicy?: FileTypePolicyOptions;
  /** What `listStandardResponses` serves. Default: a few everyday answers (EXAMPLE_STANDARD_RESPONSES). */
  standardResponses?: readonly StandardResponse[];
}

/** What `data` is given: the same context always gives the same data, so tests and screenshots repeat. */
export interface MemoryDataContext {
  seed: number;
  /** The moment the data's timestamps are relative to. */
  now: number;
  /** Makes ids the backend keeps counting from, so later ones never collide with the data's. */
  nextId: (prefix: string) => string;
}

/** Conversations with their messages and notes, each list oldest first. */
export interface MemoryData {
  conversations: Conversation[];
  messages?: Message[];
  notes?: Note[];
}

/** The scripted customers: who walks in (live traffic, `queueConversation()`), and what they write. */
export interface MemoryCustomers {
  /** A new customer with the id the backend chose, and the channel they write on; `taken` holds the names other customers have. */
  walkIn(id: string, random: Random, taken: ReadonlySet<string>): { customer: Customer; channel: string };
  /** The customer's first message, when the caller gives none. */
  opening(customer: Customer, random: Random): string;
  /** What the customer answers, `replyDelayMs` after an agent's last message. */
  reply(customer: Customer, random: Random): string;
}

/** What a test or the demo may say about a new conversation; everything else is made up. */
export interface NewConversation {
  id?: string;
  customer?: Customer;
  channel?: string;
  /** The customer's first message. Default: a typical opening in the customer's language. */
  text?: string;
  /** An offer's own wait for the agent's answer, instead of the backend's `offerTimeoutMs`. */
  offerTimeoutMs?: number;
}

export interface CustomerMessageExtras {
  attachments?: Attachment[];
  location?: GeoLocation;
}

/** The backend's controls for tests and the demo. Every read returns a copy. */
export interface MemoryBackend {
  /** A customer writes in a conversation that has not ended. */
  customerSays(conversationId: string, text: string, extras?: CustomerMessageExtras): Message;
  /** The customer starts (`true`) or stops typing in a conversation that has not ended; the agents who list it hear it, nothing is stored. */
  customerTyping(conversationId: string, typing: boolean): void;
  /** What the customer's side shows: the agent handling the conversation is typing (`sendTyping`, until it stops or no repeat comes). */
  customerSeesAgentTyping(conversationId: string): boolean;
  /** A new customer waits in the Picklist. */
  queueConversation(conversation?: NewConversation): Conversation;
  /** A new customer is offered to one agent. */
  offerConversation(agentId: string, conversation?: NewConversation): Conversation;
  /** The customer leaves; ending an ended conversation changes nothing. */
  endByCustomer(conversationId: string): Conversation;
  /** Every conversation of every agent. */
  conversations(): Conversation[];
  /** Oldest first. */
  messages(conversationId: string): Message[];
  /** Oldest first. */
  notes(conversationId: string): Note[];
  /** Every message agents sent (not the ones in `data`), in the order the backend stored them. */
  sentMessages(): Message[];
  /** Every finished upload. */
  uploads(): Attachment[];
  /** Back to the backend's `data`. Connections stay open; they see it after reconnecting. */
  reset(): void;
  /** Stops scripted replies, offers expiring and live traffic. */
  dispose(): void;
}

/** One connection as the backend sees it. */
export interface Connection {
  readonly agent: Agent;
  /** With `answerTwice`, a connection also hears about its own changes. */
  readonly hearsOwnChanges: boolean;
  push(event: AdapterEvent): void;
}

/** What a connection may ask of the backend: the adapter contract, with who is asking. */
export interface Server {
  attach(connection: Connection): void;
  detach(connection: Connection): void;
  snapshot(agent: Agent): Conversation[];
  pick(agent: Agent, conversationId: string, origin: Connection): Conversation;
  accept(agent: Agent, conversationId: string, origin: Connection): Conversation;
  reject(agent: Agent, conversationId: string, origin: Connection): void;
  send(agent: Agent, message: OutgoingMessage, origin: Connection): Message;
  /** Checks the file with the admin's policy and keeps it, unless `signal` aborted meanwhile. */
  storeUpload(
    agent: Agent,
    file: Blob,
    name: string,
    conversationId: string,
    signal?: AbortSignal,
  ): Promise<Attachment>;
  listMessages(agent: Agent, conversationId: string, options?: PageOptions): Page<Message>;
  listPreviousConversations(agent: Agent, conversationId: string, options?: PageOptions): Page<PreviousConversation>;
  listNotes(agent: Agent, conversationId: string): Note[];
  addNote(agent: Agent, note: OutgoingNote, origin: Connection): Note;
  endChat(agent: Agent, conversationId: string, origin: Connection): Conversation;
  markRead(agent: Agent, conversationId: string, origin: Connection): void;
  sendTyping(agent: Agent, conversationId: string, typing: boolean): void;
  searchConversations(agent: Agent, query: string, options?: PageOptions): Page<Conversation>;
  standardResponses(): StandardResponse[];
  fileTypePolicy(): FileTypePolicyOptions;
  /** A seed for a new connection's own random choices (latency), so runs repeat. */
  nextConnectionSeed(): number;
}

export function pickDelay(random: Random, delay: MemoryDelay): number {
  return typeof delay === 'number' ? delay : random.int(delay[0], delay[1]);
}

export function abortError(): DOMException {
  return new DOMException('The upload was cancelled', 'AbortError');
}
