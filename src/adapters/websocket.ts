/**
 * The WebSocket adapter: the whole `ConversationAdapter` contract over one WebSocket, speaking the
 * protocol in docs/protocol.md (the reference server in demo/server/ speaks it too).
 *
 * - Requests carry an id; the server answers each with a `response` or an `error` of the same id.
 * - Pushes carry the agent's event sequence number. After a reconnect the adapter asks for what it
 *   missed since the last number it saw, so nothing pushed during the gap is lost; when the server's
 *   log no longer reaches that far, it takes a new snapshot and tells the store what changed.
 * - Heartbeats find dead connections; reconnects back off; the sink hears `reconnecting` / `online`.
 * - Given several server addresses, a reconnect goes to the next one: the resume works on any
 *   process sharing the database, and a resent message keeps its clientId, so it is stored once.
 * - Files go over HTTP (XMLHttpRequest, for upload progress), cancellable with an AbortSignal.
 */
import type { AdapterEventSink, ConnectResult } from '../core/adapter.js';
import { ConvError } from '../core/errors.js';
import type { Conversation, Message } from '../core/model.js';
import { retryDelay } from '../core/outbox.js';
import { EventOrder } from './websocket-order.js';
import { openOnAny, serverAddresses } from './websocket-servers.js';
import { uploadOverHttp } from './websocket-upload.js';
import {
  CLOSE_REFUSED,
  closeError,
  PROTOCOL_VERSION,
  toError,
  type ClientFrame,
  type LogPosition,
  type ProtocolMethod,
  type ProtocolMethods,
  type ServerEvent,
  type ServerFrame,
  type WebSocketAdapter,
  type WebSocketAdapterOptions,
} from './websocket-protocol.js';

export * from './websocket-protocol.js';

interface PendingRequest {
  resolve(result: unknown): void;
  reject(error: unknown): void;
  timer: ReturnType<typeof setTimeout>;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

export function createWebSocketAdapter(options: WebSocketAdapterOptions): WebSocketAdapter {
  /** The address in use; a failed or dropped connection moves on to the next. */
  const servers = serverAddresses(options);
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const reconnectMinMs = options.reconnectMinMs ?? 500;
  const reconnectMaxMs = options.reconnectMaxMs ?? 15_000;
  const gapWaitMs = options.gapWaitMs ?? 1000;

  let sink: AdapterEventSink | undefined;
  /** False until `connect`, and again after `disconnect` or a refused token: no reconnecting then. */
  let wanted = false;
  let socket: WebSocket | undefined;
  /** The socket has passed hello and snapshot (or resume): pushes on it count. */
  let live = false;
  let position: LogPosition | undefined;
  let requestCounter = 0;
  const pending = new Map<string, PendingRequest>();

  let reconnectAttempts = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  let lastHeardAt = 0;
  let toldReconnecting = false;

  const order = new EventOrder(forward, () => void fillGap(), gapWaitMs);

  /** What the store has been told, so a new snapshot can be turned into the changes it needs. */
  const knownConversations = new Map<string, number>();
  const loadedMessages = new Set<string>();
  const loadedNotes = new Set<string>();

  const token = async () => (typeof options.token === 'function' ? await options.token() : options.token);

  // ── requests ──

  function request<M extends ProtocolMethod>(
    method: M,
    params: ProtocolMethods[M]['params'],
    on: WebSocket | undefined = live ? socket : undefined,
  ): Promise<ProtocolMethods[M]['result']> {
    if (!on || on.readyState !== WebSocket.OPEN)
      return Promise.reject(new ConvError('network', 'Not connected to the server'));
    const id = `r${++requestCounter}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new ConvError('network', `The server did not answer within ${Math.round(requestTimeoutMs / 1000)} s`));
      }, requestTimeoutMs);
      pending.set(id, { resolve: resolve as (result: unknown) => void, reject, timer });
      on.send(JSON.stringify({ type: 'request', id, method, params } as ClientFrame));
    });
  }

  const failPending = (error: ConvError) => {
    for (const [id, entry] of pending) {
      clearTimeout(entry.timer);
      entry.reject(error);
      pending.delete(id);
    }
  };

  // ── the socket ──

  /** Opens a socket and says hello; resolves once the server knows who this is. */
  async function open(): Promise<WebSocket> {
    const credential = await token();
    const opened = new WebSocket(servers.socketUrl());
    socket = opened;
    live = false;
    await new Promise<void>((resolve, reject) => {
      opened.onopen = () => resolve();
      opened.onerror = () => reject(new ConvError('network', 'The server could not be reached'));
      opened.onclose = (event) => reject(closeError(event));
    });
    opened.onmessage = (message) => hear(opened, message);
    opened.onclose = (event) => dropped(opened, event);
    opened.onerror = null;
    lastHeardAt = Date.now();
    const welcome = await request(
      'hello',
      credential === undefined ? { protocol: PROTOCOL_VERSION } : { protocol: PROTOCOL_VERSION, token: credential },
      opened,
    );
    startHeartbeat(opened, welcome.heartbeatMs);
    return opened;
  }

  function hear(from: WebSocket, message: MessageEvent) {
    if (from !== socket) return;
    lastHeardAt = Date.now();
    let frame: ServerFrame;
    try {
      frame = JSON.parse(String(message.data)) as ServerFrame;
    } catch {
      return; // not ours to crash on: the server's frames are JSON
    }
    switch (frame.type) {
      case 'response':
      case 'error': {
        const entry = frame.id === undefined ? undefined : pending.get(frame.id);
        if (!entry) return;
        pending.delete(frame.id!);
        clearTimeout(entry.timer);
        if (frame.type === 'response') entry.resolve(frame.result);
        else entry.reject(toError(frame.error));
        return;
      }
      case 'event':
        if (live) order.receive(position, frame.seq, frame.event);
        return;
      case 'signal': // unnumbered, so typing only: straight on, and one missed while away stays missed
        if (live && frame.event?.type === 'typing') sink?.(frame.event);
    }
  }

  function startHeartbeat(on: WebSocket, intervalMs: number) {
    clearInterval(heartbeatTimer);
    heartbeatTimer = setInterval(() => {
      if (on !== socket) return;
      // Nothing heard for two beats: the connection is dead even if the browser has not noticed.
      if (Date.now() - lastHeardAt > intervalMs * 2) {
        on.close();
        dropped(on, undefined);
        return;
      }
      if (on.readyState === WebSocket.OPEN) on.send(JSON.stringify({ type: 'ping' } satisfies ClientFrame));
    }, intervalMs);
  }

  function dropped(which: WebSocket, event: CloseEvent | undefined) {
    if (which !== socket) return;
    which.onmessage = which.onclose = which.onerror = null;
    socket = undefined;
    const wasLive = live;
    live = false;
    clearInterval(heartbeatTimer);
    order.clear();
    failPending(
      event?.code === CLOSE_REFUSED
        ? closeError(event)
        : new ConvError('network', 'The connection to the server was lost'),
    );
    // A socket still saying hello or catching up fails its requests above; whoever opened it tries again.
    if (!wanted || !wasLive) return;
    if (event?.code === CLOSE_REFUSED) return refused();
    if (!toldReconnecting) {
      toldReconnecting = true;
      sink?.({ type: 'connection', state: 'reconnecting' });
    }
    servers.next();
    scheduleReconnect();
  }

  /** The server will not take this token: trying again cannot help. */
  function refused() {
    wanted = false;
    sink?.({ type: 'connection', state: 'offline' });
  }

  function scheduleReconnect() {
    clearTimeout(reconnectTimer);
    reconnectAttempts++;
    // The same backoff as the store's first connection and the outbox: many agents coming back at once do not arrive together.
    reconnectTimer = setTimeout(
      () => void reconnect(),
      retryDelay(reconnectAttempts, Math.random, reconnectMinMs, reconnectMaxMs),
    );
  }

  async function reconnect() {
    if (!wanted || socket) return;
    try {
      const opened = await open();
      await catchUp(opened);
      if (opened !== socket) return;
      reconnectAttempts = 0;
      toldReconnecting = false;
      sink?.({ type: 'connection', state: 'online' });
    } catch (error) {
      if (!wanted) return;
      closeSocket();
      if (error instanceof ConvError && error.code === 'forbidden') return refused();
      servers.next();
      scheduleReconnect();
    }
  }

  /** Closes the current socket without treating it as a drop. */
  function closeSocket() {
    const current = socket;
    socket = undefined;
    live = false;
    if (current) {
      current.onmessage = current.onclose = current.onerror = null;
      current.close(1000);
    }
  }

  const onBrowserOnline = () => {
    if (wanted && !socket) {
      reconnectAttempts = 0;
      clearTimeout(reconnectTimer);
      void reconnect();
    }
  };

  // ── events in order ──

  async function fillGap() {
    if (!live || !socket || !order.waiting) return;
    try {
      await catchUp(socket);
    } catch {
      socket?.close(); // a fresh connection resumes from the same point
    }
  }

  /** After a reconnect (or a gap): the events missed since the last one seen, or a new snapshot when the log no longer reaches back. */
  async function catchUp(on: WebSocket) {
    if (!position) return resync(on);
    const answer = await request('resume', { ...position }, on);
    if ('snapshotRequired' in answer) return resync(on);
    live = true;
    for (const { seq, event } of answer.events) order.receive(position, seq, event);
  }

  /** Takes a new snapshot and tells the store everything that differs from what it was told. */
  async function resync(on: WebSocket) {
    const snapshot = await request('snapshot', {}, on);
    order.clear();
    position = { logId: snapshot.logId, seq: snapshot.seq };
    live = true;
    const listed = new Set(snapshot.conversations.map((conversation) => conversation.id));
    const changed = snapshot.conversations.filter(
      (conversation) => (knownConversations.get(conversation.id) ?? -1) < conversation.updatedAt,
    );
    // Messages first: the store counts unread messages it is pushed, and the conversation that follows carries the server's count.
    for (const conversation of changed) {
      if (loadedMessages.has(conversation.id)) {
        const page = await request('listMessages', { conversationId: conversation.id }, on);
        for (const message of page.items) forward({ type: 'message', message });
      }
      if (loadedNotes.has(conversation.id)) {
        for (const note of await request('listNotes', { conversationId: conversation.id }, on))
          forward({ type: 'note', note });
      }
    }
    for (const conversation of changed) forward({ type: 'conversation', conversation });
    for (const id of [...knownConversations.keys()])
      if (!listed.has(id)) forward({ type: 'conversation-removed', conversationId: id });
  }

  function forward(event: ServerEvent) {
    switch (event.type) {
      case 'conversation':
        noteConversation(event.conversation);
        break;
      case 'conversation-removed':
        knownConversations.delete(event.conversationId);
        break;
      case 'message':
        event = { type: 'message', message: withFileUrls(event.message) };
        break;
    }
    sink?.(event);
  }

  const noteConversation = (conversation: Conversation) => {
    knownConversations.set(
      conversation.id,
      Math.max(knownConversations.get(conversation.id) ?? -1, conversation.updatedAt),
    );
    return conversation;
  };

  const withFileUrls = (message: Message) => servers.fileUrls().withFileUrls(message);

  function disconnect() {
    wanted = false;
    sink = undefined;
    clearTimeout(reconnectTimer);
    clearInterval(heartbeatTimer);
    order.clear();
    globalThis.removeEventListener?.('online', onBrowserOnline);
    closeSocket();
    failPending(new ConvError('network', 'Disconnected'));
  }

  // ── the contract ──

  return {
    async connect(eventSink): Promise<ConnectResult> {
      disconnect(); // connecting again starts over
      sink = eventSink;
      wanted = true;
      reconnectAttempts = 0;
      toldReconnecting = false;
      try {
        // The first connection tries each address once before it fails.
        const opened = await openOnAny(servers, open, closeSocket);
        const snapshot = await request('snapshot', {}, opened);
        position = { logId: snapshot.logId, seq: snapshot.seq };
        live = true;
        knownConversations.clear();
        for (const conversation of snapshot.conversations) noteConversation(conversation);
        globalThis.addEventListener?.('online', onBrowserOnline);
        return { agent: snapshot.agent, conversations: snapshot.conversations };
      } catch (error) {
        disconnect();
        throw error;
      }
    },

    disconnect,

    pick: async (conversationId) => noteConversation(await request('pick', { conversationId })),
    accept: async (conversationId) => noteConversation(await request('accept', { conversationId })),
    reject: async (conversationId) => void (await request('reject', { conversationId })),
    endChat: async (conversationId) => noteConversation(await request('endChat', { conversationId })),
    markRead: async (conversationId) => void (await request('markRead', { conversationId })),
    sendTyping: async (conversationId, typing) => void (await request('sendTyping', { conversationId, typing })),
    searchConversations: (query, pageOptions = {}) => request('searchConversations', { query, ...pageOptions }),

    sendMessage: async (message) => withFileUrls(await request('sendMessage', { message })),
    uploadAttachment: (file, name, uploadOptions) =>
      uploadOverHttp(
        { url: servers.uploadUrl(), token, timeoutMs: requestTimeoutMs, ...servers.fileUrls() },
        file,
        name,
        uploadOptions,
      ),

    async listMessages(conversationId, pageOptions = {}) {
      const page = await request('listMessages', { conversationId, ...pageOptions });
      loadedMessages.add(conversationId);
      return { ...page, items: page.items.map(withFileUrls) };
    },
    async listPreviousConversations(conversationId, pageOptions = {}) {
      const page = await request('listPreviousConversations', { conversationId, ...pageOptions });
      return {
        ...page,
        items: page.items.map((previous) => ({ ...previous, messages: previous.messages.map(withFileUrls) })),
      };
    },
    async listNotes(conversationId) {
      const notes = await request('listNotes', { conversationId });
      loadedNotes.add(conversationId);
      return notes;
    },
    addNote: ({ clientId, conversationId, text }) => request('addNote', { clientId, conversationId, text }),
    getFileTypePolicy: () => request('getFileTypePolicy', {}),
    listStandardResponses: () => request('listStandardResponses', {}),
  };
}
