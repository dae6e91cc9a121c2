/**
 * The integrator's seam: the one interface a backend must implement for conv-kit.
 * Elements never call an adapter; the store does. See docs/adapter.md for a complete example over fetch.
 *
 * Rules every implementation keeps:
 * - Reject with a {@link ConvError} (`network` retryable, `conflict`, `forbidden`, `invalid`).
 * - `sendMessage` and `addNote` are idempotent by `clientId`: a repeated clientId returns the message
 *   or note already stored.
 * - Notes are written only by the agent a conversation is assigned to, while active or after it ended.
 * - Pushed events may arrive twice or out of order; the store reconciles by id, clientId and `updatedAt`.
 */
import type {
  Agent,
  Attachment,
  Conversation,
  GeoLocation,
  Message,
  Note,
  Page,
  PreviousConversation,
  StandardResponse,
} from './model.js';
import type { FileTypePolicyOptions } from './file-policy.js';

/** What the backend pushes. Conversation events carry the whole conversation (upsert by id). */
export type AdapterEvent =
  /** Offered, queued, picked or accepted (here or on another device), ended elsewhere, unread changed. */
  | { type: 'conversation'; conversation: Conversation }
  /** A customer message, or an agent message sent from another device of this agent, or a status update. */
  | { type: 'message'; message: Message }
  /** A note added on another device or by another agent. */
  | { type: 'note'; note: Note }
  /** The backend no longer shows this conversation to this agent (offer withdrawn, reassigned). */
  | { type: 'conversation-removed'; conversationId: string }
  /** Transport state, so the UI can say "reconnecting…". */
  | { type: 'connection'; state: 'online' | 'offline' | 'reconnecting' }
  /**
   * The customer is typing (`true`, repeated every few seconds while they go on) or stopped (`false`).
   * A signal, not a record: never stored, never replayed after a reconnect. Their message, or no repeat
   * within {@link TYPING_EXPIRES_MS}, also ends it.
   */
  | TypingEvent;

/** The customer of `conversationId` is typing, or stopped. */
export interface TypingEvent {
  type: 'typing';
  conversationId: string;
  typing: boolean;
}

/** A customer shown typing with no repeat within this time is shown typing no more: someone who leaves never stays "typing…". */
export const TYPING_EXPIRES_MS = 6000;
/** While the agent goes on typing, `sendTyping(id, true)` is repeated this often, so the customer's side never expires it. */
export const TYPING_REPEAT_MS = 3000;

export type AdapterEventSink = (event: AdapterEvent) => void;

export interface ConnectResult {
  agent: Agent;
  /** Every conversation this agent may see now: offered to them, queued, theirs, and recent History. */
  conversations: Conversation[];
}

/** A message as the store hands it to the adapter: attachments are already uploaded. */
export interface OutgoingMessage {
  clientId: string;
  conversationId: string;
  text: string;
  attachments: Attachment[];
  location?: GeoLocation;
}

/**
 * A note as the store hands it to the adapter. The store makes `clientId` once per note and sends the
 * same one again when a save is retried, so a backend that stores one note per clientId never doubles it.
 */
export interface OutgoingNote {
  clientId: string;
  conversationId: string;
  text: string;
}

export interface UploadOptions {
  conversationId: string;
  /** The clientId of the message the file belongs to. */
  clientId: string;
  signal?: AbortSignal;
  /** Called with 0…1 as bytes leave the device. */
  onProgress?: (fraction: number) => void;
}

export interface PageOptions {
  cursor?: string;
  limit?: number;
}

export interface ConversationAdapter {
  /** Opens the connection: resolves with the snapshot; later changes arrive through `sink`. */
  connect(sink: AdapterEventSink): Promise<ConnectResult>;
  /** Closes the connection; no more events reach the sink. */
  disconnect?(): void;

  /** Takes a queued conversation from the Picklist. Rejects with `conflict` when another agent was first. */
  pick(conversationId: string): Promise<Conversation>;
  /** Accepts a conversation offered to this agent. */
  accept(conversationId: string): Promise<Conversation>;
  /** Declines an offer; the backend routes it elsewhere. */
  reject(conversationId: string): Promise<void>;

  /** Sends to the customer. Idempotent by `clientId`. Resolves with the stored message (status `sent` or later). */
  sendMessage(message: OutgoingMessage): Promise<Message>;
  /** Uploads one file; aborting the signal rejects and leaves nothing on the backend. */
  uploadAttachment(file: Blob, name: string, options: UploadOptions): Promise<Attachment>;

  /** The conversation's messages, newest page first; each page's items are oldest first. */
  listMessages(conversationId: string, options?: PageOptions): Promise<Page<Message>>;
  /** The same customer's earlier conversations, most recent first (the oldest come last). */
  listPreviousConversations(conversationId: string, options?: PageOptions): Promise<Page<PreviousConversation>>;

  /** Internal notes, in any order; the store shows them newest first. Never sent to the customer. */
  listNotes(conversationId: string): Promise<Note[]>;
  /**
   * Stores a note; idempotent by `clientId`, resolving with the stored note. Only the agent the
   * conversation is assigned to may add one, while it is active or after it ended: `forbidden` for
   * anyone else (a colleague, a queued conversation), `invalid` for an offer not yet accepted.
   */
  addNote(note: OutgoingNote): Promise<Note>;

  /** Ends the chat; it moves to History. Ending an ended chat resolves with it unchanged. */
  endChat(conversationId: string): Promise<Conversation>;

  /**
   * The agent has seen the conversation's messages: the backend sets its unread count to 0 and pushes
   * it so to the agent's other devices. Optional: without it the count clears on this device only.
   */
  markRead?(conversationId: string): Promise<void>;

  /**
   * Conversations this agent may read whose customer name, phone number or message text holds `query`
   * (case and accents ignored), most recent first, in cursor pages: for History beyond what the
   * snapshot loaded. Optional: without it the lists search what is loaded only.
   */
  searchConversations?(query: string, options?: PageOptions): Promise<Page<Conversation>>;

  /**
   * The agent's standard responses, in the order to show them; their text may hold `{customerName}` and
   * `{agentName}`. Optional: without it the composer offers none.
   */
  listStandardResponses?(): Promise<StandardResponse[]>;

  /**
   * Shows the customer that the agent is typing (`true`) or stopped (`false`). Named as `sendMessage` is: it
   * travels to the customer, so the store calls it only from the agent's message box, never for notes.
   * The store calls it throttled: `true` when the agent starts and again every {@link TYPING_REPEAT_MS}
   * while they go on; `false` once, after a few idle seconds, when the box is emptied or the message is
   * sent. Nothing is stored or retried: a failure changes nothing. Only for the agent handling an
   * active conversation (`forbidden` otherwise). Optional: without it the customer sees nothing.
   */
  sendTyping?(conversationId: string, typing: boolean): Promise<void>;

  /** The admin's file-type setting, when the backend holds it. */
  getFileTypePolicy?(): Promise<FileTypePolicyOptions>;
}
