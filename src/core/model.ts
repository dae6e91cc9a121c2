/** The conversation model every layer shares. Plain data: serializable, no DOM, no classes. */

/**
 * Where a conversation stands for the signed-in agent:
 * `offered` waits for this agent to accept or reject, `queued` waits in the Picklist for anyone,
 * `active` is being handled, `ended` is in History.
 */
export type ConversationStatus = 'offered' | 'queued' | 'active' | 'ended';

/** The agent-facing lists. `offered` is shown with Accept / Reject. */
export type ConversationListName = 'conversations' | 'picklist' | 'history' | 'offered';

export interface Agent {
  id: string;
  name: string;
}

export interface Customer {
  id: string;
  name?: string;
  phone?: string;
}

export type MessageAuthor = 'customer' | 'agent' | 'system';

/**
 * What a system message says, for the elements to word in the agent's language. `text` stays the backend's own
 * wording, shown where a notice is absent or of a kind this version does not know.
 */
export type SystemNotice = { kind: 'ended-by-customer' } | { kind: 'ended-by-agent'; agentName: string };

export interface MessagePreview {
  text: string;
  author: MessageAuthor;
  at: number;
  notice?: SystemNotice;
}

export interface Conversation {
  id: string;
  customer: Customer;
  /** Where the customer writes from: `chat`, `whatsapp`, `sms`, `messenger`, … */
  channel: string;
  status: ConversationStatus;
  /** The agent handling it (`active`, `ended`) or offered to (`offered`). */
  assigneeId?: string;
  createdAt: number;
  updatedAt: number;
  endedAt?: number;
  unreadCount: number;
  lastMessage?: MessagePreview;
  /** An offer (`offered`) not answered by this moment goes back to the Picklist: the list shows the time left. */
  offerExpiresAt?: number;
}

/**
 * `pending`: queued in the outbox; `sending`: an attempt is in flight; `sent`: the backend has it;
 * `delivered` / `read`: the customer's device reports it; `failed`: refused for good (Retry / Delete).
 */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

export interface Attachment {
  id?: string;
  name: string;
  mimeType: string;
  size: number;
  /** Where the full file is served from (an http(s) URL, or an object URL before upload). */
  url: string;
  width?: number;
  height?: number;
  thumbnailUrl?: string;
}

export interface GeoLocation {
  latitude: number;
  longitude: number;
  /** Metres, as the device reported it. */
  accuracy?: number;
  label?: string;
}

export interface Message {
  /** The backend's id, once it has the message. */
  id?: string;
  /** Made on the client before the first attempt; the backend treats a repeated clientId as the same message. */
  clientId: string;
  conversationId: string;
  author: MessageAuthor;
  authorName?: string;
  text: string;
  attachments: Attachment[];
  location?: GeoLocation;
  sentAt: number;
  status: DeliveryStatus;
  /** Why a `failed` message failed, as an error code the UI maps to words. */
  errorCode?: string;
  /** A system message's meaning, which the chat words in the agent's language. */
  notice?: SystemNotice;
}

/** An internal note: seen by agents only. A separate type and path from Message by design. */
export interface Note {
  id: string;
  conversationId: string;
  author: Agent;
  text: string;
  createdAt: number;
}

/** One of the customer's earlier conversations with its messages, oldest message first. */
export interface PreviousConversation {
  conversation: Conversation;
  messages: Message[];
}

/** A cursor-paged result; no `nextCursor` means there is nothing more. */
/**
 * A ready-made answer the agent can insert (optional `adapter.listStandardResponses`). Its text may
 * hold the placeholders `{customerName}` and `{agentName}`, filled in when it is inserted.
 */
export interface StandardResponse {
  id: string;
  /** What the agent picks it by, e.g. "Greeting". */
  title: string;
  text: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** The list a conversation belongs to for a given agent, or none (offered to someone else). */
export function listOf(conversation: Conversation, agentId: string | undefined): ConversationListName | undefined {
  switch (conversation.status) {
    case 'queued':
      return 'picklist';
    case 'ended':
      return 'history';
    case 'active':
      return conversation.assigneeId === agentId ? 'conversations' : undefined;
    case 'offered':
      return conversation.assigneeId === agentId ? 'offered' : undefined;
  }
}

/** What the header and list show for a customer: the name, else the phone number, else nothing. */
export function customerLabel(customer: Customer): string | undefined {
  const name = customer.name?.trim();
  if (name) return name;
  const phone = customer.phone?.trim();
  return phone || undefined;
}
