import { expect } from '@open-wc/testing';
import {
  createMemoryAdapter,
  createMemoryBackend,
  DEFAULT_AGENT,
  type MemoryAdapter,
  type MemoryBackend,
  type MemoryBackendOptions,
  type MemoryData,
  type MemoryDataContext,
} from '../../src/adapters/memory.js';
import { COLLEAGUE_AGENT, seededBackend } from '../helpers/seed.js';
import type { AdapterEvent } from '../../src/core/adapter.js';
import { ConvError } from '../../src/core/errors.js';
import type { Agent, Conversation, Message } from '../../src/core/model.js';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

function backendFor(options: MemoryBackendOptions = {}): MemoryBackend {
  const backend = seededBackend({ seed: 7, now: NOW, replyDelayMs: false, ...options });
  backends.push(backend);
  return backend;
}

interface Device {
  adapter: MemoryAdapter;
  events: AdapterEvent[];
  conversations: Conversation[];
}

async function connect(backend: MemoryBackend, agent: Agent = DEFAULT_AGENT): Promise<Device> {
  const adapter = createMemoryAdapter({ backend, agent, latencyMs: 0 });
  adapters.push(adapter);
  const events: AdapterEvent[] = [];
  const { conversations } = await adapter.connect((event) => events.push(event));
  return { adapter, events, conversations };
}

const backends: MemoryBackend[] = [];
const adapters: MemoryAdapter[] = [];
afterEach(() => {
  for (const adapter of adapters.splice(0)) adapter.disconnect();
  for (const backend of backends.splice(0)) backend.dispose();
});

async function waitFor<T>(find: () => T | undefined | false, what: string, timeoutMs = 2000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await pause(5);
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to reject');
}

async function expectConvError(promise: Promise<unknown>, code: ConvError['code']): Promise<void> {
  const error = await rejection(promise);
  expect(error).to.be.instanceOf(ConvError);
  expect((error as ConvError).code).to.equal(code);
}

const mine = (conversations: Conversation[], status: Conversation['status']) =>
  conversations.filter((c) => c.status === status && (status === 'queued' || c.assigneeId === DEFAULT_AGENT.id));
const messagesIn = (events: AdapterEvent[]) =>
  events.flatMap((event) => (event.type === 'message' ? [event.message] : []));
const conversationsIn = (events: AdapterEvent[]) =>
  events.flatMap((event) => (event.type === 'conversation' ? [event.conversation] : []));
const outgoing = (conversationId: string, clientId: string, text = 'Your parcel is on its way.') => ({
  conversationId,
  clientId,
  text,
  attachments: [],
});

function firstActive(device: Device): Conversation {
  return mine(device.conversations, 'active')[0]!;
}

function firstQueued(device: Device): Conversation {
  return mine(device.conversations, 'queued')[0]!;
}

/** A real PNG, taken from one of the seeded photos. */
function seededPhoto(backend: MemoryBackend): Blob {
  const photo = backend
    .conversations()
    .flatMap((conversation) => backend.messages(conversation.id))
    .flatMap((message) => message.attachments)[0]!;
  const bytes = Uint8Array.from(atob(photo.url.split(',')[1]!), (char) => char.charCodeAt(0));
  return new Blob([bytes], { type: 'image/png' });
}

describe('memory backend: its own data and customers', () => {
  /** One queued conversation with a customer's message and an agent's note, made from the context. */
  const oneConversation = ({ now, nextId }: MemoryDataContext): MemoryData => {
    const id = nextId('conv');
    const messageId = nextId('msg');
    const customer = { id: 'cust-ada', name: 'Ada Lovelace' };
    return {
      conversations: [
        {
          id,
          customer,
          channel: 'chat',
          status: 'queued',
          createdAt: now - 60_000,
          updatedAt: now - 60_000,
          unreadCount: 1,
        },
      ],
      messages: [
        {
          id: messageId,
          clientId: messageId,
          conversationId: id,
          author: 'customer',
          authorName: customer.name,
          text: 'Where is my parcel?',
          attachments: [],
          sentAt: now - 60_000,
          status: 'delivered',
        },
      ],
      notes: [
        {
          id: nextId('note'),
          conversationId: id,
          author: DEFAULT_AGENT,
          text: 'Called before.',
          createdAt: now - 30_000,
        },
      ],
    };
  };
  const quiet = (options: MemoryBackendOptions = {}) => {
    const backend = createMemoryBackend({ now: NOW, replyDelayMs: false, ...options });
    backends.push(backend);
    return backend;
  };

  it('starts with no conversations when it is given no data', async () => {
    const backend = quiet();
    const { adapter, conversations } = await connect(backend);
    expect(conversations).to.deep.equal([]);
    expect(backend.conversations()).to.deep.equal([]);
    expect(adapter.agent).to.deep.equal(DEFAULT_AGENT);
  });

  it('brings an anonymous customer with a short greeting when asked for a new one without customers', async () => {
    const backend = quiet();
    const { events } = await connect(backend);
    const queued = backend.queueConversation();
    expect(queued.customer.name).to.be.undefined;
    expect(queued.status).to.equal('queued');
    const opening = await waitFor(
      () => messagesIn(events).find((m) => m.conversationId === queued.id),
      'the opening message',
    );
    expect(opening.text).to.equal('Hello, can you help me?');
  });

  it('serves the conversations, messages and notes its data makes, and makes them again on reset', async () => {
    const backend = quiet({ data: oneConversation });
    const device = await connect(backend);
    const [conversation] = device.conversations;
    expect(conversation!.customer.name).to.equal('Ada Lovelace');
    expect((await device.adapter.listMessages(conversation!.id)).items.map((m) => m.text)).to.deep.equal([
      'Where is my parcel?',
    ]);
    expect((await device.adapter.listNotes(conversation!.id)).map((n) => n.text)).to.deep.equal(['Called before.']);

    await device.adapter.pick(conversation!.id);
    const later = backend.queueConversation();
    expect(later.id).not.to.equal(conversation!.id);
    backend.reset();
    expect(backend.conversations().map((c) => [c.id, c.status])).to.deep.equal([[conversation!.id, 'queued']]);
  });

  it('lets its customers say who walks in, how they open and what they answer', async () => {
    const backend = quiet({
      data: oneConversation,
      replyDelayMs: 10,
      customers: {
        walkIn: (id) => ({ customer: { id, name: 'Grace Hopper' }, channel: 'sms' }),
        opening: (customer) => `Hi, ${customer.name} here.`,
        reply: (customer) => `Thanks, ${customer.name} out.`,
      },
    });
    const { adapter, events, conversations } = await connect(backend);
    const walkIn = backend.queueConversation();
    expect([walkIn.customer.name, walkIn.channel, walkIn.lastMessage?.text]).to.deep.equal([
      'Grace Hopper',
      'sms',
      'Hi, Grace Hopper here.',
    ]);

    const id = conversations[0]!.id;
    await adapter.pick(id);
    await adapter.sendMessage(outgoing(id, 'answer-1'));
    const reply = await waitFor(
      () => messagesIn(events).find((m) => m.conversationId === id && m.author === 'customer'),
      'the customer’s reply',
    );
    expect(reply.text).to.equal('Thanks, Ada Lovelace out.');
  });
});

describe('memory backend: the demo’s seeded data', () => {
  it('gives the default agent at least 40 conversations across every list', async () => {
    const { conversations } = await connect(backendFor());
    expect(conversations.length).to.be.at.least(40);
    expect(mine(conversations, 'active')).to.have.length(8);
    expect(mine(conversations, 'offered')).to.have.length(3);
    expect(mine(conversations, 'queued')).to.have.length(14);
    expect(mine(conversations, 'ended').length).to.be.at.least(15);
    expect(conversations.every((c) => c.status === 'queued' || c.assigneeId === DEFAULT_AGENT.id)).to.be.true;
  });

  it('keeps the colleague’s own conversations out of the default agent’s lists', async () => {
    const backend = backendFor();
    const { conversations } = await connect(backend);
    const colleagues = backend
      .conversations()
      .filter((c) => c.assigneeId === COLLEAGUE_AGENT.id && c.status !== 'ended');
    expect(colleagues.map((c) => c.status)).to.include.members(['active', 'offered']);
    const shown = new Set(conversations.map((c) => c.id));
    expect(colleagues.some((c) => shown.has(c.id))).to.be.false;
  });

  it('has named, phone-only and anonymous customers on several channels, one writing right to left', async () => {
    const { conversations } = await connect(backendFor());
    const customers = conversations.map((c) => c.customer);
    expect(customers.some((c) => c.name === 'Emma Clarke')).to.be.true;
    expect(customers.some((c) => !c.name && c.phone === '+44 7700 900123')).to.be.true;
    expect(customers.some((c) => !c.name && !c.phone)).to.be.true;
    expect(customers.some((c) => /[\u0590-\u06FF]/.test(c.name ?? ''))).to.be.true;
    expect(new Set(conversations.map((c) => c.channel))).to.have.all.keys('chat', 'whatsapp', 'sms', 'messenger');
  });

  it('has a customer with 12+ earlier conversations and chats of 200+ messages', async () => {
    const backend = backendFor();
    const all = backend.conversations();
    const endedPerCustomer = new Map<string, number>();
    for (const c of all)
      if (c.status === 'ended') endedPerCustomer.set(c.customer.id, (endedPerCustomer.get(c.customer.id) ?? 0) + 1);
    expect(Math.max(...endedPerCustomer.values())).to.be.at.least(12);
    expect([...endedPerCustomer.values()].filter((count) => count > 0).length).to.be.at.least(4);
    const long = all.filter((c) => backend.messages(c.id).length >= 200);
    expect(long.length).to.be.at.least(2);
    expect(long.some((c) => c.status === 'active')).to.be.true;
  });

  it('has photos with their size and a location message', async () => {
    const backend = backendFor();
    const messages = backend.conversations().flatMap((c) => backend.messages(c.id));
    const photos = messages.flatMap((m) => m.attachments);
    expect(photos.length).to.be.at.least(3);
    for (const photo of photos) {
      expect(photo.url).to.match(/^data:image\/png;base64,/);
      expect(photo.width).to.be.greaterThan(0);
      expect(photo.height).to.be.greaterThan(0);
    }
    expect(messages.some((m) => m.location && Number.isFinite(m.location.latitude))).to.be.true;
  });

  it('orders every conversation’s messages by time and gives it a matching preview', async () => {
    const backend = backendFor();
    for (const conversation of backend.conversations()) {
      const messages = backend.messages(conversation.id);
      expect(messages.map((m) => m.sentAt)).to.deep.equal(messages.map((m) => m.sentAt).sort((a, b) => a - b));
      expect(conversation.lastMessage?.at).to.equal(messages.at(-1)?.sentAt);
      expect(messages.every((m) => m.sentAt <= NOW)).to.be.true;
    }
  });

  it('makes the same data from the same seed and time, and other data from another seed', () => {
    const texts = (backend: MemoryBackend) =>
      backend.conversations().flatMap((c) => backend.messages(c.id).map((m) => m.text));
    expect(backendFor().conversations()).to.deep.equal(backendFor().conversations());
    expect(texts(backendFor({ seed: 8 }))).not.to.deep.equal(texts(backendFor()));
  });
});

describe('memory adapter: picking and offers', () => {
  it('moves a picked conversation to the agent and tells their other device and the colleague', async () => {
    const backend = backendFor();
    const desktop = await connect(backend);
    const phone = await connect(backend);
    const colleague = await connect(backend, COLLEAGUE_AGENT);
    const queued = firstQueued(desktop);

    const picked = await desktop.adapter.pick(queued.id);
    expect(picked.status).to.equal('active');
    expect(picked.assigneeId).to.equal(DEFAULT_AGENT.id);
    expect(picked.updatedAt).to.be.greaterThan(queued.updatedAt);

    const onPhone = await waitFor(
      () => conversationsIn(phone.events).find((c) => c.id === queued.id),
      'the pick on the phone',
    );
    expect(onPhone).to.deep.equal(picked);
    await waitFor(
      () => colleague.events.find((e) => e.type === 'conversation-removed' && e.conversationId === queued.id),
      'the removal for the colleague',
    );
    expect(desktop.events).to.deep.equal([]);
  });

  it('gives the second agent a conflict, and the agent’s own second device the same outcome', async () => {
    const backend = backendFor();
    const desktop = await connect(backend);
    const phone = await connect(backend);
    const colleague = await connect(backend, COLLEAGUE_AGENT);
    const queued = firstQueued(desktop);

    const picked = await desktop.adapter.pick(queued.id);
    await expectConvError(colleague.adapter.pick(queued.id), 'conflict');
    expect(await phone.adapter.pick(queued.id)).to.deep.equal(picked);
    expect(backend.conversations().find((c) => c.id === queued.id)!.assigneeId).to.equal(DEFAULT_AGENT.id);
  });

  it('rejects picking an unknown conversation as invalid', async () => {
    const { adapter } = await connect(backendFor());
    await expectConvError(adapter.pick('no-such-conversation'), 'invalid');
  });

  it('accepts an offer, and refuses accepting an offer made to someone else', async () => {
    const backend = backendFor();
    const me = await connect(backend);
    const colleague = await connect(backend, COLLEAGUE_AGENT);
    const offer = mine(me.conversations, 'offered')[0]!;

    await expectConvError(colleague.adapter.accept(offer.id), 'forbidden');
    const accepted = await me.adapter.accept(offer.id);
    expect(accepted).to.include({ status: 'active', assigneeId: DEFAULT_AGENT.id });
    await expectConvError(colleague.adapter.accept(offer.id), 'conflict');
  });

  it('puts a declined offer in the Picklist for everyone', async () => {
    const backend = backendFor();
    const me = await connect(backend);
    const colleague = await connect(backend, COLLEAGUE_AGENT);
    const offer = mine(me.conversations, 'offered')[0]!;

    await me.adapter.reject(offer.id);
    const queued = await waitFor(
      () => conversationsIn(colleague.events).find((c) => c.id === offer.id),
      'the declined offer for the colleague',
    );
    expect(queued.status).to.equal('queued');
    expect(queued.assigneeId).to.equal(undefined);
    await expectConvError(me.adapter.reject(offer.id), 'conflict');
  });

  it('offers a new conversation only to its agent and queues one for everyone', async () => {
    const backend = backendFor();
    const me = await connect(backend);
    const colleague = await connect(backend, COLLEAGUE_AGENT);

    const offered = backend.offerConversation(DEFAULT_AGENT.id, {
      customer: { id: 'cust-new', name: 'Nina Ross' },
      text: 'Hello, is anyone there?',
    });
    const queued = backend.queueConversation({ channel: 'sms' });
    expect(offered).to.include({ status: 'offered', assigneeId: DEFAULT_AGENT.id, unreadCount: 1 });
    expect(offered.lastMessage?.text).to.equal('Hello, is anyone there?');
    expect(queued).to.include({ status: 'queued', channel: 'sms' });

    await waitFor(
      () => conversationsIn(me.events).some((c) => c.id === queued.id),
      'the queued conversation on my device',
    );
    await waitFor(
      () => conversationsIn(colleague.events).some((c) => c.id === queued.id),
      'the queued conversation for the colleague',
    );
    expect(conversationsIn(me.events).some((c) => c.id === offered.id)).to.be.true;
    expect(colleague.events.some((e) => JSON.stringify(e).includes(offered.id))).to.be.false;
    // The conversation arrives before its first message, so a store can place the message.
    const firstForQueued = me.events.findIndex((e) => JSON.stringify(e).includes(queued.id));
    expect(me.events[firstForQueued]!.type).to.equal('conversation');
  });
});

describe('memory adapter: messages', () => {
  it('stores a message once per clientId and pushes it once to the other device', async () => {
    const backend = backendFor();
    const desktop = await connect(backend);
    const phone = await connect(backend);
    const conversation = firstActive(desktop);

    const first = await desktop.adapter.sendMessage(outgoing(conversation.id, 'c-1'));
    const again = await desktop.adapter.sendMessage(
      outgoing(conversation.id, 'c-1', 'a retry may differ; the first one counts'),
    );
    expect(again).to.deep.equal(first);
    expect(first).to.include({ clientId: 'c-1', author: 'agent', authorName: DEFAULT_AGENT.name, status: 'sent' });
    expect(backend.sentMessages().map((m) => m.clientId)).to.deep.equal(['c-1']);
    expect(backend.messages(conversation.id).filter((m) => m.clientId === 'c-1')).to.have.length(1);

    await waitFor(() => messagesIn(phone.events).length > 0, 'the message on the phone');
    await pause(30);
    expect(messagesIn(phone.events).map((m) => m.clientId)).to.deep.equal(['c-1']);
    expect(conversationsIn(phone.events).at(-1)!.lastMessage!.text).to.equal('Your parcel is on its way.');
  });

  it('keeps the order agents sent in', async () => {
    const backend = backendFor();
    const { adapter, conversations } = await connect(backend);
    const [one, two] = mine(conversations, 'active');
    await adapter.sendMessage(outgoing(one!.id, 'a'));
    await adapter.sendMessage(outgoing(two!.id, 'b'));
    await adapter.sendMessage(outgoing(one!.id, 'c'));
    expect(backend.sentMessages().map((m) => m.clientId)).to.deep.equal(['a', 'b', 'c']);
  });

  it('refuses empty messages, unknown conversations and other agents’ conversations', async () => {
    const backend = backendFor();
    const me = await connect(backend);
    const colleague = await connect(backend, COLLEAGUE_AGENT);
    const conversation = firstActive(me);

    await expectConvError(me.adapter.sendMessage(outgoing(conversation.id, 'empty', '   ')), 'invalid');
    await expectConvError(me.adapter.sendMessage(outgoing('no-such-conversation', 'lost')), 'invalid');
    await expectConvError(colleague.adapter.sendMessage(outgoing(conversation.id, 'theirs')), 'forbidden');
    await expectConvError(colleague.adapter.endChat(conversation.id), 'forbidden');
    await expectConvError(colleague.adapter.listMessages(conversation.id), 'forbidden');
    await expectConvError(me.adapter.sendMessage(outgoing(firstQueued(me).id, 'not-picked')), 'forbidden');
    expect(backend.sentMessages()).to.deep.equal([]);
  });

  it('pages messages newest page first, oldest first within a page, with opaque cursors', async () => {
    const backend = backendFor();
    const { adapter } = await connect(backend);
    const long = backend.conversations().find((c) => c.status === 'active' && backend.messages(c.id).length >= 200)!;
    const all = backend.messages(long.id);

    const pages: Message[][] = [];
    let cursor: string | undefined;
    do {
      const page = await adapter.listMessages(long.id, cursor ? { cursor } : {});
      pages.push(page.items);
      cursor = page.nextCursor;
      if (cursor) expect(cursor).to.be.a('string').and.not.match(/^\d+$/);
    } while (cursor);

    expect(pages[0]).to.have.length(50);
    expect(pages[0]!.at(-1)).to.deep.equal(all.at(-1));
    expect(pages.slice(0, -1).every((page) => page.length === 50)).to.be.true;
    for (const page of pages)
      expect(page.map((m) => m.sentAt)).to.deep.equal(page.map((m) => m.sentAt).sort((a, b) => a - b));
    expect(pages.reverse().flat()).to.deep.equal(all);
  });

  it('honours a limit, keeps cursors valid while new messages arrive, and refuses foreign cursors', async () => {
    const backend = backendFor();
    const { adapter, conversations } = await connect(backend);
    const [conversation, other] = mine(conversations, 'active');
    const all = backend.messages(conversation!.id);

    const newest = await adapter.listMessages(conversation!.id, { limit: 2 });
    expect(newest.items).to.deep.equal(all.slice(-2));
    backend.customerSays(conversation!.id, 'Any news?');
    const older = await adapter.listMessages(conversation!.id, { cursor: newest.nextCursor!, limit: 2 });
    expect(older.items).to.deep.equal(all.slice(-4, -2));

    await expectConvError(adapter.listMessages(other!.id, { cursor: newest.nextCursor! }), 'invalid');
    await expectConvError(adapter.listMessages(conversation!.id, { cursor: 'not a cursor' }), 'invalid');
    await expectConvError(adapter.listMessages(conversation!.id, { limit: 0 }), 'invalid');
    await expectConvError(adapter.listMessages('no-such-conversation'), 'invalid');
  });

  it('pages the customer’s earlier conversations, most recent first, five at a time', async () => {
    const backend = backendFor();
    const { adapter, conversations } = await connect(backend);
    const current = mine(conversations, 'active').find((c) => c.customer.name === 'Emma Clarke')!;
    const earlier = backend
      .conversations()
      .filter((c) => c.customer.id === current.customer.id && c.status === 'ended');

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await adapter.listPreviousConversations(current.id, cursor ? { cursor } : {});
      expect(page.items.length).to.be.at.most(5);
      for (const { conversation, messages } of page.items) {
        seen.push(conversation.id);
        expect(messages).to.deep.equal(backend.messages(conversation.id));
      }
      cursor = page.nextCursor;
      pages++;
    } while (cursor);

    expect(pages).to.equal(Math.ceil(earlier.length / 5));
    expect(seen).to.have.members(earlier.map((c) => c.id));
    expect(seen).not.to.include(current.id);
    const endedAt = seen.map((id) => earlier.find((c) => c.id === id)!.endedAt!);
    expect(endedAt).to.deep.equal([...endedAt].sort((a, b) => b - a));
    await expectConvError(adapter.listPreviousConversations('no-such-conversation'), 'invalid');
    const messagesCursor = (await adapter.listMessages(current.id)).nextCursor!;
    await expectConvError(adapter.listPreviousConversations(current.id, { cursor: messagesCursor }), 'invalid');
  });

  it('finds no earlier conversations for a first-time customer', async () => {
    const backend = backendFor();
    const { adapter } = await connect(backend);
    const fresh = backend.queueConversation({ customer: { id: 'cust-first-timer', phone: '+44 7700 900999' } });
    expect(await adapter.listPreviousConversations(fresh.id)).to.deep.equal({ items: [] });
  });
});

describe('memory adapter: notes', () => {
  it('keeps notes apart from messages and tells the other device', async () => {
    const backend = backendFor();
    const desktop = await connect(backend);
    const phone = await connect(backend);
    const conversation = firstActive(desktop);
    const messagesBefore = backend.messages(conversation.id);

    const note = await desktop.adapter.addNote({
      clientId: 'note-refund',
      conversationId: conversation.id,
      text: '  Refund approved by finance  ',
    });
    expect(note).to.include({ conversationId: conversation.id, text: 'Refund approved by finance' });
    expect(note.author).to.deep.equal(DEFAULT_AGENT);
    expect(await desktop.adapter.listNotes(conversation.id)).to.deep.include(note);
    expect(backend.messages(conversation.id)).to.deep.equal(messagesBefore);
    expect(
      (await desktop.adapter.listMessages(conversation.id, { limit: 1000 })).items.some((m) =>
        m.text.includes('Refund approved'),
      ),
    ).to.be.false;
    expect(backend.sentMessages()).to.deep.equal([]);

    const pushed = await waitFor(() => phone.events.find((e) => e.type === 'note'), 'the note on the phone');
    expect(pushed).to.deep.equal({ type: 'note', note });
    await expectConvError(
      desktop.adapter.addNote({ clientId: 'note-empty', conversationId: conversation.id, text: ' ' }),
      'invalid',
    );
  });

  it('lets any agent who can see a conversation read its notes, and no one else', async () => {
    const backend = backendFor();
    const me = await connect(backend);
    const colleague = await connect(backend, COLLEAGUE_AGENT);
    const queuedWithNote = mine(me.conversations, 'queued').find((c) => backend.notes(c.id).length > 0)!;
    const colleagueNote = backend.notes(queuedWithNote.id)[0]!;

    expect(colleagueNote.author.id).to.equal(COLLEAGUE_AGENT.id);
    expect(await me.adapter.listNotes(queuedWithNote.id)).to.deep.equal([colleagueNote]);
    await expectConvError(colleague.adapter.listNotes(firstActive(me).id), 'forbidden');
    await expectConvError(
      colleague.adapter.addNote({
        clientId: 'note-theirs',
        conversationId: firstActive(me).id,
        text: 'Not mine to note',
      }),
      'forbidden',
    );
  });
});

describe('memory adapter: ending chats', () => {
  it('ends once: the second end resolves unchanged without a second notice', async () => {
    const backend = backendFor();
    const desktop = await connect(backend);
    const phone = await connect(backend);
    const conversation = firstActive(desktop);

    const ended = await desktop.adapter.endChat(conversation.id);
    expect(ended.status).to.equal('ended');
    expect(ended.endedAt).to.be.a('number');
    expect(await desktop.adapter.endChat(conversation.id)).to.deep.equal(ended);
    expect(backend.messages(conversation.id).filter((m) => m.author === 'system')).to.have.length(1);
    expect(backend.messages(conversation.id).at(-1)!.text).to.equal('Alex Morgan ended the chat');

    await waitFor(
      () => conversationsIn(phone.events).some((c) => c.id === conversation.id && c.status === 'ended'),
      'the end on the phone',
    );
    await expectConvError(desktop.adapter.sendMessage(outgoing(conversation.id, 'too-late')), 'invalid');
  });

  it('lets the customer leave, once', async () => {
    const backend = backendFor();
    const me = await connect(backend);
    const conversation = firstActive(me);

    const ended = backend.endByCustomer(conversation.id);
    expect(backend.endByCustomer(conversation.id)).to.deep.equal(ended);
    expect(backend.messages(conversation.id).at(-1)!.text).to.equal('The customer left the chat');
    await waitFor(
      () => conversationsIn(me.events).some((c) => c.id === conversation.id && c.status === 'ended'),
      'the end on my device',
    );
    expect(() => backend.customerSays(conversation.id, 'Hello?')).to.throw(ConvError);
  });
});

describe('memory backend: scripted customers and live traffic', () => {
  it('has the customer read and answer an agent’s message', async () => {
    const backend = backendFor({ replyDelayMs: 20 });
    const { adapter, events, conversations } = await connect(backend);
    const conversation = firstActive({ adapter, events, conversations });

    await adapter.sendMessage(outgoing(conversation.id, 'hello-1'));
    const reply = await waitFor(
      () => messagesIn(events).find((m) => m.author === 'customer' && m.conversationId === conversation.id),
      'the customer’s reply',
    );
    expect(reply.text).not.to.equal('');
    expect(messagesIn(events).find((m) => m.clientId === 'hello-1')?.status).to.equal('read');
    expect(backend.messages(conversation.id).at(-1)).to.deep.equal(reply);
    expect(backend.conversations().find((c) => c.id === conversation.id)!.unreadCount).to.equal(1);
  });

  it('keeps customers quiet with replyDelayMs false', async () => {
    const backend = backendFor({ replyDelayMs: false });
    const device = await connect(backend);
    await device.adapter.sendMessage(outgoing(firstActive(device).id, 'quiet-1'));
    await pause(50);
    expect(device.events).to.deep.equal([]);
  });

  it('brings new customers when live traffic is on', async () => {
    const backend = backendFor({ liveTraffic: true, trafficEveryMs: [5, 10] });
    const { events, conversations } = await connect(backend);
    const known = new Set(conversations.map((c) => c.id));
    const arrival = await waitFor(() => conversationsIn(events).find((c) => !known.has(c.id)), 'a new conversation');
    expect(['queued', 'offered']).to.include(arrival.status);
  });
});

describe('memory adapter: uploads', () => {
  it('reports progress and returns the checked file behind an object URL', async () => {
    const backend = backendFor();
    const { adapter, conversations } = await connect(backend);
    const progress: number[] = [];

    const attachment = await adapter.uploadAttachment(seededPhoto(backend), 'parcel.png', {
      conversationId: firstActive({ adapter, events: [], conversations }).id,
      clientId: 'u-1',
      onProgress: (fraction) => progress.push(fraction),
    });
    expect(progress.length).to.be.at.least(3);
    expect(progress).to.deep.equal([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).to.equal(1);
    expect(attachment).to.include({ name: 'parcel.png', mimeType: 'image/png', width: 48, height: 36 });
    expect(attachment.url).to.match(/^data:image\/png;base64,/);
    expect(backend.uploads()).to.deep.equal([attachment]);
  });

  it('stores nothing when the upload is cancelled', async () => {
    const backend = backendFor();
    const device = await connect(backend);
    const controller = new AbortController();

    const upload = device.adapter.uploadAttachment(seededPhoto(backend), 'parcel.png', {
      conversationId: firstActive(device).id,
      clientId: 'u-2',
      signal: controller.signal,
      onProgress: (fraction) => fraction >= 0.4 && controller.abort(),
    });
    const error = await rejection(upload);
    expect((error as DOMException).name).to.equal('AbortError');
    await pause(20);
    expect(backend.uploads()).to.deep.equal([]);
  });

  it('refuses a file the admin’s policy does not allow', async () => {
    const backend = backendFor();
    const device = await connect(backend);
    const script = new Blob(['<script>alert(1)</script>'], { type: 'image/png' });
    await expectConvError(
      device.adapter.uploadAttachment(script, 'photo.png', { conversationId: firstActive(device).id, clientId: 'u-3' }),
      'invalid',
    );
    await expectConvError(
      device.adapter.uploadAttachment(seededPhoto(backend), 'notes.txt', {
        conversationId: firstActive(device).id,
        clientId: 'u-4',
      }),
      'invalid',
    );
    expect(backend.uploads()).to.deep.equal([]);
    expect((await device.adapter.getFileTypePolicy()).allowed).to.have.members(['gif', 'heic', 'jpeg', 'jpg', 'png']);
  });
});

describe('memory adapter: faults', () => {
  it('failNext rejects the next calls with the given code and changes nothing', async () => {
    const backend = backendFor();
    const device = await connect(backend);
    const conversation = firstActive(device);

    device.adapter.faults.failNext(2, 'conflict');
    await expectConvError(device.adapter.sendMessage(outgoing(conversation.id, 'f-1')), 'conflict');
    await expectConvError(device.adapter.listNotes(conversation.id), 'conflict');
    device.adapter.faults.failNext(1);
    await expectConvError(device.adapter.sendMessage(outgoing(conversation.id, 'f-1')), 'network');
    expect(backend.sentMessages()).to.deep.equal([]);
    await device.adapter.sendMessage(outgoing(conversation.id, 'f-1'));
    expect(backend.sentMessages()).to.have.length(1);
  });

  it('hangNext leaves calls unanswered', async () => {
    const backend = backendFor();
    const device = await connect(backend);
    const queued = firstQueued(device);

    device.adapter.faults.hangNext(1);
    const hung = device.adapter.pick(queued.id);
    const outcome = await Promise.race([
      hung.then(
        () => 'settled',
        () => 'settled',
      ),
      pause(100).then(() => 'hanging'),
    ]);
    expect(outcome).to.equal('hanging');
    expect(backend.conversations().find((c) => c.id === queued.id)!.status).to.equal('queued');
    expect((await device.adapter.pick(queued.id)).status).to.equal('active');
  });

  it('answerTwice delivers every push twice, the sender’s own message included, and still stores once', async () => {
    const backend = backendFor();
    const desktop = await connect(backend);
    const phone = await connect(backend);
    const conversation = firstActive(desktop);

    desktop.adapter.faults.answerTwice(true);
    phone.adapter.faults.answerTwice(true);
    await desktop.adapter.sendMessage(outgoing(conversation.id, 'twice-1'));
    await waitFor(
      () => messagesIn(desktop.events).length === 2 && messagesIn(phone.events).length === 2,
      'two copies on each device',
    );
    expect(messagesIn(desktop.events)[0]).to.deep.equal(messagesIn(desktop.events)[1]);
    expect(backend.sentMessages()).to.have.length(1);
  });

  it('dropConnection says offline, fails calls and holds pushes until the connection is restored', async () => {
    const backend = backendFor();
    const device = await connect(backend);
    const conversation = firstActive(device);

    device.adapter.faults.dropConnection();
    expect(device.events).to.deep.equal([{ type: 'connection', state: 'offline' }]);
    await expectConvError(device.adapter.sendMessage(outgoing(conversation.id, 'offline-1')), 'network');
    backend.customerSays(conversation.id, 'Are you still there?');
    await pause(30);
    expect(messagesIn(device.events)).to.deep.equal([]);

    device.adapter.faults.restoreConnection();
    await waitFor(() => messagesIn(device.events).some((m) => m.text === 'Are you still there?'), 'the held message');
    const online = device.events.findIndex((e) => e.type === 'connection' && e.state === 'online');
    const held = device.events.findIndex((e) => e.type === 'message');
    expect(online).to.be.greaterThan(0).and.lessThan(held);
    await device.adapter.sendMessage(outgoing(conversation.id, 'offline-1'));
    expect(backend.sentMessages().map((m) => m.clientId)).to.deep.equal(['offline-1']);
  });

  it('outOfOrder delivers pushes of a short window newest first', async () => {
    const backend = backendFor();
    const device = await connect(backend);
    const conversation = firstActive(device);

    device.adapter.faults.outOfOrder(true);
    for (const text of ['one', 'two', 'three']) backend.customerSays(conversation.id, text);
    await waitFor(() => messagesIn(device.events).length === 3, 'three messages');
    expect(messagesIn(device.events).map((m) => m.text)).to.deep.equal(['three', 'two', 'one']);
    const updates = conversationsIn(device.events).map((c) => c.updatedAt);
    expect(updates).to.deep.equal([...updates].sort((a, b) => b - a));
  });

  it('pushUnknown pushes a message for a conversation that does not exist', async () => {
    const backend = backendFor();
    const device = await connect(backend);
    device.adapter.faults.pushUnknown();
    const stray = await waitFor(() => messagesIn(device.events)[0], 'the stray push');
    expect(backend.conversations().some((c) => c.id === stray.conversationId)).to.be.false;
  });

  it('disconnect stops pushes', async () => {
    const backend = backendFor();
    const device = await connect(backend);
    const conversation = firstActive(device);
    device.adapter.disconnect();
    backend.customerSays(conversation.id, 'Hello?');
    backend.queueConversation();
    await pause(30);
    expect(device.events).to.deep.equal([]);
  });

  it('reset brings back the seeded data', async () => {
    const backend = backendFor();
    const seeded = backend.conversations();
    const device = await connect(backend);
    await device.adapter.pick(firstQueued(device).id);
    backend.queueConversation();
    backend.reset();
    expect(backend.conversations()).to.deep.equal(seeded);
    expect(backend.sentMessages()).to.deep.equal([]);
  });
});
