/**
 * The WebSocket protocol of docs/protocol.md as types, shared by the adapter and the reference
 * server: frames, methods, close codes, and how wire errors become typed errors.
 */
import type {
  AdapterEvent,
  ConversationAdapter,
  OutgoingMessage,
  OutgoingNote,
  PageOptions,
  TypingEvent,
} from '../core/adapter.js';
import { ConvError, type ConvErrorCode } from '../core/errors.js';
import type { FileTypePolicyOptions } from '../core/file-policy.js';
import type {
  Agent,
  Conversation,
  Message,
  Note,
  Page,
  PreviousConversation,
  StandardResponse,
} from '../core/model.js';

export const PROTOCOL_VERSION = 1;

/**
 * What the server pushes numbered and logged: the adapter events, except `connection`, which the client
 * works out itself, and typing, which is a {@link ServerSignal}.
 */
export type ServerEvent = Exclude<AdapterEvent, { type: 'connection' | 'typing' }>;

/** What the server pushes unnumbered and unlogged: true for a moment only, so never replayed after a reconnect. */
export type ServerSignal = TypingEvent;

export interface SequencedEvent {
  /** The agent's event sequence number: 1, 2, 3… across all of that agent's connections. */
  seq: number;
  event: ServerEvent;
}

/** Where the agent's event log stands: `logId` changes when the server starts a new log (a new database). */
export interface LogPosition {
  logId: string;
  seq: number;
}

/** Every request: its parameters and what the server answers. */
export interface ProtocolMethods {
  hello: { params: { protocol: number; token?: string }; result: { agent: Agent; heartbeatMs: number } };
  snapshot: { params: Record<string, never>; result: { agent: Agent; conversations: Conversation[] } & LogPosition };
  resume: { params: LogPosition; result: { events: SequencedEvent[] } | { snapshotRequired: true } };
  pick: { params: { conversationId: string }; result: Conversation };
  accept: { params: { conversationId: string }; result: Conversation };
  reject: { params: { conversationId: string }; result: null };
  sendMessage: { params: { message: OutgoingMessage }; result: Message };
  listMessages: { params: { conversationId: string } & PageOptions; result: Page<Message> };
  listPreviousConversations: { params: { conversationId: string } & PageOptions; result: Page<PreviousConversation> };
  listNotes: { params: { conversationId: string }; result: Note[] };
  /** Idempotent by `clientId`, as `sendMessage`. */
  addNote: { params: OutgoingNote; result: Note };
  endChat: { params: { conversationId: string }; result: Conversation };
  markRead: { params: { conversationId: string }; result: null };
  sendTyping: { params: { conversationId: string; typing: boolean }; result: null };
  searchConversations: { params: { query: string } & PageOptions; result: Page<Conversation> };
  listStandardResponses: { params: Record<string, never>; result: StandardResponse[] };
  getFileTypePolicy: { params: Record<string, never>; result: FileTypePolicyOptions };
}

export type ProtocolMethod = keyof ProtocolMethods;

export interface WireError {
  code: ConvErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** Client → server. */
export type ClientFrame =
  | {
      [M in ProtocolMethod]: { type: 'request'; id: string; method: M; params: ProtocolMethods[M]['params'] };
    }[ProtocolMethod]
  | { type: 'ping' };

/** Server → client. An `error` without an id answers a frame the server could not read. */
export type ServerFrame =
  | { type: 'response'; id: string; result: unknown }
  | { type: 'error'; id?: string; error: WireError }
  | ({ type: 'event' } & SequencedEvent)
  | { type: 'signal'; event: ServerSignal }
  | { type: 'pong' };

/** Close codes the server uses; the adapter stops reconnecting after {@link CLOSE_REFUSED}. */
export const CLOSE_REFUSED = 4401;
export const CLOSE_HELLO_TIMEOUT = 4408;

const CONV_ERROR_CODES: readonly ConvErrorCode[] = ['network', 'conflict', 'forbidden', 'invalid'];

// ── addresses ───────────────────────────────────────────────────────────────

export function pageUrl(): string {
  return globalThis.location?.href ?? 'http://localhost/';
}

/** `/conv-api/ws` or `https://…` become the `ws:` / `wss:` URL a WebSocket needs. */
export function toSocketUrl(url: string): URL {
  const resolved = new URL(url, pageUrl());
  if (resolved.protocol === 'http:') resolved.protocol = 'ws:';
  if (resolved.protocol === 'https:') resolved.protocol = 'wss:';
  return resolved;
}

export function toHttpUrl(socketUrl: URL): URL {
  const url = new URL(socketUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  return url;
}

export function toError(error: WireError | undefined): ConvError {
  const code = error && CONV_ERROR_CODES.includes(error.code) ? error.code : 'network';
  return new ConvError(code, error?.message ?? code, error?.details);
}

export function closeError(event: CloseEvent): ConvError {
  if (event.code === CLOSE_REFUSED) return new ConvError('forbidden', event.reason || 'The server refused the token');
  return new ConvError('network', event.reason || 'The server closed the connection');
}

/** An HTTP failure as a typed error: the server's own `{ error }` body when it sent one, else the status says. */
export function httpError(status: number, body: unknown): ConvError {
  if (isRecord(body) && isRecord(body.error)) return toError(body.error as unknown as WireError);
  if (status === 401 || status === 403) return new ConvError('forbidden', 'The server refused this upload');
  if (status === 409) return new ConvError('conflict', 'The conversation changed');
  if (status >= 400 && status < 500 && status !== 408 && status !== 429)
    return new ConvError('invalid', 'The server refused the file');
  return new ConvError('network', status ? `The server answered ${status}` : 'The upload could not reach the server');
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function abortError(): DOMException {
  return new DOMException('The upload was cancelled', 'AbortError');
}

// ── the adapter's options and surface ─────────────────────────────────────────

export interface WebSocketAdapterOptions {
  /**
   * The server's WebSocket endpoint: `wss://…/ws`, or a path like `/conv-api/ws` on this page's host.
   * Several endpoints (server processes sharing one database) are tried in turn: the adapter uses
   * one, and moves to the next when it cannot be reached or drops; behind a load balancer give one.
   */
  url: string | readonly string[];
  /** The agent's token, or a function that returns a fresh one for each (re)connection and upload. */
  token?: string | (() => string | Promise<string>);
  /** Where files are posted. Default: `uploads` beside the WebSocket endpoint in use. Relative file URLs the server returns are resolved against it. */
  uploadUrl?: string;
  /** A request the server does not answer within this time fails as `network`. Default 15 s. */
  requestTimeoutMs?: number;
  /** First wait before reconnecting; it doubles up to `reconnectMaxMs`, with jitter. Default 500 ms. */
  reconnectMinMs?: number;
  /** Default 15 s. */
  reconnectMaxMs?: number;
  /** A missing event (a gap in the sequence numbers) is asked for after this wait. Default 1 s. */
  gapWaitMs?: number;
}

export interface WebSocketAdapter extends ConversationAdapter {
  disconnect(): void;
  markRead(conversationId: string): Promise<void>;
  getFileTypePolicy(): Promise<FileTypePolicyOptions>;
  searchConversations(query: string, options?: PageOptions): Promise<Page<Conversation>>;
  listStandardResponses(): Promise<StandardResponse[]>;
  sendTyping(conversationId: string, typing: boolean): Promise<void>;
}
