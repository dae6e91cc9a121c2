/**
 * The adapter conformance suite: the rules conv-kit's store relies on, as tests any integrator
 * runs against their own adapter and backend (mocha's `describe`/`it`, in @web/test-runner or any
 * mocha runner in a browser):
 *
 *   import { describeAdapterConformance } from 'conv-kit/testing';
 *   describeAdapterConformance('my backend', () => createMyAdapter(token1), {
 *     makeColleagueAdapter: () => createMyAdapter(token2),
 *     queueConversation: (customer) => myTestApi.newCustomer(customer),
 *     customerSays: (id, text) => myTestApi.customerWrites(id, text),
 *   });
 *
 * Every test makes its own conversations through the controls, so tests do not depend on each
 * other or on what the backend held before.
 */
import { expect } from '@open-wc/testing';
import type { AdapterEvent, ConnectResult, ConversationAdapter } from '../core/adapter.js';
import { isConvError, type ConvErrorCode } from '../core/errors.js';
import type { Agent, Conversation, Customer, Message } from '../core/model.js';

export interface AdapterConformanceControls {
  /** A connection of a second agent to the same backend: for picks that race, and for what one agent may not see. */
  makeColleagueAdapter(): ConversationAdapter | Promise<ConversationAdapter>;
  /** A new customer waits in the Picklist (with the given customer, when one is given); resolves with the conversation id. */
  queueConversation(customer?: Customer): Promise<string>;
  /** The customer of a conversation writes; the backend pushes it to the agents who see the conversation. */
  customerSays(conversationId: string, text: string): Promise<unknown> | unknown;
  /** A new customer is offered to one agent; resolves with the conversation id. Without it, offers are not tested. */
  offerConversation?(agentId: string): Promise<string>;
  /** Cuts the adapter's connection as a network loss would. Without it, reconnecting is not tested. */
  dropConnection?(adapter: ConversationAdapter): Promise<unknown> | unknown;
  /** Makes the backend reachable again, for transports that stay down until told; self-healing ones leave it out. */
  restoreConnection?(adapter: ConversationAdapter): Promise<unknown> | unknown;
  /** How long a push may take to arrive. Default 5 s. */
  pushTimeoutMs?: number;
}

/** mocha's globals, looked up when the suite is declared, so this module has no test-runner types in its API. */
interface MochaGlobals {
  describe(title: string, body: () => void): void;
  it(title: string, body: () => Promise<void>): void;
  afterEach(body: () => void | Promise<void>): void;
}

interface Device {
  adapter: ConversationAdapter;
  agent: Agent;
  snapshot: ConnectResult;
  events: AdapterEvent[];
}

/** A 1×1 PNG: a file every file-type policy that allows images accepts. */
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGPwqVrxHwAE8gJuD9kWgAAAAABJRU5ErkJggg==';
const STATUSES: readonly Conversation['status'][] = ['offered', 'queued', 'active', 'ended'];
const DELIVERED: readonly Message['status'][] = ['sent', 'delivered', 'read'];

export function describeAdapterConformance(
  name: string,
  makeAdapter: () => ConversationAdapter | Promise<ConversationAdapter>,
  controls: AdapterConformanceControls,
): void {
  const { describe, it, afterEach } = globalThis as unknown as MochaGlobals;
  const pushTimeoutMs = controls.pushTimeoutMs ?? 5000;
  const open: ConversationAdapter[] = [];
  let unique = 0;
  const words = (what: string) => `${what} ${Date.now().toString(36)}-${++unique}`;

  const connect = async (make: () => ConversationAdapter | Promise<ConversationAdapter>): Promise<Device> => {
    const adapter = await make();
    open.push(adapter);
    const events: AdapterEvent[] = [];
    const snapshot = await adapter.connect((event) => events.push(event));
    return { adapter, agent: snapshot.agent, snapshot, events };
  };
  const agentDevice = () => connect(makeAdapter);
  const colleagueDevice = () => connect(() => controls.makeColleagueAdapter());

  const waitFor = async <T>(find: () => T | undefined | false, what: string): Promise<T> => {
    const deadline = Date.now() + pushTimeoutMs;
    for (;;) {
      const found = find();
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await pause(10);
    }
  };

  /** A queued conversation the device's agent has picked: theirs to write in. */
  const activeConversation = async (device: Device): Promise<string> => {
    const id = await controls.queueConversation();
    await device.adapter.pick(id);
    return id;
  };

  describe(`${name} (adapter conformance)`, () => {
    afterEach(() => {
      for (const adapter of open.splice(0)) adapter.disconnect?.();
    });

    describe('snapshot', () => {
      it('connect resolves with the signed-in agent and only the conversations that agent may see', async () => {
        const device = await agentDevice();
        expect(device.agent.id).to.be.a('string').and.not.empty;
        expect(device.agent.name).to.be.a('string');
        for (const conversation of device.snapshot.conversations) {
          expect(conversation.id, 'id').to.be.a('string').and.not.empty;
          expect(conversation.customer?.id, 'customer.id').to.be.a('string');
          expect(STATUSES, 'status').to.include(conversation.status);
          expect(conversation.updatedAt, 'updatedAt').to.be.a('number').and.at.least(conversation.createdAt);
          expect(conversation.unreadCount, 'unreadCount').to.be.a('number').and.at.least(0);
          if (conversation.status !== 'queued')
            expect(conversation.assigneeId, `${conversation.id} is someone else's`).to.equal(device.agent.id);
        }
      });

      it('a new customer in the Picklist is pushed to the agent and is in the next snapshot', async () => {
        const device = await agentDevice();
        const id = await controls.queueConversation();
        const pushed = await waitFor(
          () => conversationsIn(device.events).find((conversation) => conversation.id === id),
          'the new conversation to be pushed',
        );
        expect(pushed.status).to.equal('queued');
        const later = await agentDevice();
        expect(later.snapshot.conversations.find((conversation) => conversation.id === id)?.status).to.equal('queued');
      });
    });

    describe('picks', () => {
      it('picking a queued conversation makes it active and assigned to the agent', async () => {
        const device = await agentDevice();
        const id = await controls.queueConversation();
        const picked = await device.adapter.pick(id);
        expect(picked).to.include({ id, status: 'active', assigneeId: device.agent.id });
        const later = await agentDevice();
        expect(later.snapshot.conversations.find((conversation) => conversation.id === id)).to.include({
          status: 'active',
          assigneeId: device.agent.id,
        });
      });

      it('when two agents pick one conversation, the first wins and the second gets conflict', async () => {
        const [device, colleague] = [await agentDevice(), await colleagueDevice()];
        const id = await controls.queueConversation();
        await device.adapter.pick(id);
        await expectCode(colleague.adapter.pick(id), 'conflict');
      });

      it('when two agents pick at the same moment, exactly one wins', async () => {
        const [device, colleague] = [await agentDevice(), await colleagueDevice()];
        const id = await controls.queueConversation();
        const outcomes = await Promise.allSettled([device.adapter.pick(id), colleague.adapter.pick(id)]);
        const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        expect(winners, 'picks that succeeded').to.have.length(1);
        const loser = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
        expect(codeOf(loser.reason)).to.equal('conflict');
      });

      it('the colleague hears that a picked conversation left the Picklist', async () => {
        const [device, colleague] = [await agentDevice(), await colleagueDevice()];
        const id = await controls.queueConversation();
        await waitFor(
          () => conversationsIn(colleague.events).some((conversation) => conversation.id === id),
          'the colleague to see the new conversation',
        );
        await device.adapter.pick(id);
        await waitFor(
          () =>
            colleague.events.some(
              (event) =>
                (event.type === 'conversation-removed' && event.conversationId === id) ||
                (event.type === 'conversation' &&
                  event.conversation.id === id &&
                  event.conversation.status !== 'queued'),
            ),
          'the colleague to hear the conversation was picked',
        );
      });

      it('picking again from another device of the same agent is not a conflict', async () => {
        const [desktop, phone] = [await agentDevice(), await agentDevice()];
        const id = await controls.queueConversation();
        await desktop.adapter.pick(id);
        expect(await phone.adapter.pick(id)).to.include({ id, status: 'active', assigneeId: phone.agent.id });
      });
    });

    describe('messages', () => {
      it('a message is stored once per clientId, however often and however concurrently it is sent', async () => {
        const device = await agentDevice();
        const id = await activeConversation(device);
        const message = {
          clientId: words('client'),
          conversationId: id,
          text: words('Your refund is on its way'),
          attachments: [],
        };
        const first = await device.adapter.sendMessage(message);
        const repeats = await Promise.all([
          device.adapter.sendMessage(message),
          device.adapter.sendMessage(message),
          device.adapter.sendMessage({ ...message }),
        ]);
        for (const repeat of repeats) expect(repeat.id, 'the stored message').to.equal(first.id);
        const page = await device.adapter.listMessages(id);
        expect(page.items.filter((stored) => stored.clientId === message.clientId)).to.have.length(1);
      });

      it('a new clientId sent twice at the same moment is still stored once', async () => {
        const device = await agentDevice();
        const id = await activeConversation(device);
        const message = {
          clientId: words('client'),
          conversationId: id,
          text: words('Sent from two tabs'),
          attachments: [],
        };
        const [a, b] = await Promise.all([device.adapter.sendMessage(message), device.adapter.sendMessage(message)]);
        expect(a.id).to.equal(b.id);
        const page = await device.adapter.listMessages(id);
        expect(page.items.filter((stored) => stored.clientId === message.clientId)).to.have.length(1);
      });

      it('a sent message comes back stored: sent or later, with its clientId, text and conversation', async () => {
        const device = await agentDevice();
        const id = await activeConversation(device);
        const text = words('Thanks for waiting');
        const stored = await device.adapter.sendMessage({
          clientId: words('client'),
          conversationId: id,
          text,
          attachments: [],
        });
        expect(stored).to.include({ conversationId: id, text, author: 'agent' });
        expect(DELIVERED).to.include(stored.status);
        expect(stored.sentAt).to.be.a('number');
      });

      it("the agent's other device is told about a sent message", async () => {
        const [desktop, phone] = [await agentDevice(), await agentDevice()];
        const id = await activeConversation(desktop);
        const clientId = words('client');
        await desktop.adapter.sendMessage({ clientId, conversationId: id, text: words('On my way'), attachments: [] });
        await waitFor(
          () => messagesIn(phone.events).some((message) => message.clientId === clientId),
          'the phone to hear the message',
        );
      });

      it('a customer message is pushed to the agent handling the conversation', async () => {
        const device = await agentDevice();
        const id = await activeConversation(device);
        const text = words('Is it shipped yet?');
        await controls.customerSays(id, text);
        const pushed = await waitFor(
          () => messagesIn(device.events).find((message) => message.text === text),
          'the customer message',
        );
        expect(pushed).to.include({ conversationId: id, author: 'customer' });
      });

      it('messages come newest page first, each page oldest first, none repeated and none skipped', async () => {
        const device = await agentDevice();
        const id = await activeConversation(device);
        for (let index = 1; index <= 7; index++)
          await device.adapter.sendMessage({
            clientId: words('client'),
            conversationId: id,
            text: `Line ${index}`,
            attachments: [],
          });
        const everything = (await device.adapter.listMessages(id, { limit: 100 })).items;
        const pages: Message[][] = [];
        let cursor: string | undefined;
        do {
          const page = await device.adapter.listMessages(
            id,
            cursor === undefined ? { limit: 3 } : { limit: 3, cursor },
          );
          expect(page.items.length, 'page size').to.be.within(1, 3);
          pages.push(page.items);
          cursor = page.nextCursor;
        } while (cursor !== undefined && pages.length < 20);
        const joined = pages.reverse().flat();
        expect(joined.map((message) => message.clientId)).to.deep.equal(everything.map((message) => message.clientId));
        for (let index = 1; index < joined.length; index++)
          expect(joined[index]!.sentAt, 'oldest first').to.be.at.least(joined[index - 1]!.sentAt);
        expect(joined.slice(-7).map((message) => message.text)).to.deep.equal([
          'Line 1',
          'Line 2',
          'Line 3',
          'Line 4',
          'Line 5',
          'Line 6',
          'Line 7',
        ]);
      });

      it('an empty message is refused as invalid', async () => {
        const device = await agentDevice();
        const id = await activeConversation(device);
        await expectCode(
          device.adapter.sendMessage({ clientId: words('client'), conversationId: id, text: '   ', attachments: [] }),
          'invalid',
        );
      });
    });

    describe('notes', () => {
      it('a note is stored and listed, reaches the other device as a note, and never shows as a message', async () => {
        const [desktop, phone] = [await agentDevice(), await agentDevice()];
        const id = await activeConversation(desktop);
        const text = words('Customer prefers a call-back');
        const note = await desktop.adapter.addNote(id, text);
        expect(note).to.include({ conversationId: id, text });
        expect(note.author.id).to.equal(desktop.agent.id);
        expect((await desktop.adapter.listNotes(id)).map((listed) => listed.id)).to.include(note.id);
        await waitFor(
          () => phone.events.some((event) => event.type === 'note' && event.note.id === note.id),
          'the phone to hear the note',
        );
        const messages = (await desktop.adapter.listMessages(id, { limit: 100 })).items;
        expect(
          messages.some((message) => message.text.includes(text)),
          'a message with the note text',
        ).to.equal(false);
        expect(
          [...messagesIn(desktop.events), ...messagesIn(phone.events)].some((message) => message.text.includes(text)),
          'a pushed message with the note text',
        ).to.equal(false);
      });

      it('a colleague may not read or add notes of a conversation another agent handles', async () => {
        const [device, colleague] = [await agentDevice(), await colleagueDevice()];
        const id = await activeConversation(device);
        await device.adapter.addNote(id, words('Refund approved'));
        await expectCode(colleague.adapter.listNotes(id), 'forbidden');
        await expectCode(colleague.adapter.addNote(id, 'Not mine to write'), 'forbidden');
      });
    });

    describe('ending', () => {
      it('ending a chat ends it; ending it again resolves with it unchanged', async () => {
        const device = await agentDevice();
        const id = await activeConversation(device);
        const ended = await device.adapter.endChat(id);
        expect(ended).to.include({ id, status: 'ended' });
        const again = await device.adapter.endChat(id);
        expect(again).to.include({ id, status: 'ended', updatedAt: ended.updatedAt });
      });

      it('an ended chat takes no new messages', async () => {
        const device = await agentDevice();
        const id = await activeConversation(device);
        await device.adapter.endChat(id);
        await expectCode(
          device.adapter.sendMessage({
            clientId: words('client'),
            conversationId: id,
            text: 'Hello again',
            attachments: [],
          }),
          'invalid',
        );
      });

      it("the agent's other device hears that the chat ended", async () => {
        const [desktop, phone] = [await agentDevice(), await agentDevice()];
        const id = await activeConversation(desktop);
        await desktop.adapter.endChat(id);
        await waitFor(
          () =>
            conversationsIn(phone.events).some(
              (conversation) => conversation.id === id && conversation.status === 'ended',
            ),
          'the phone to hear the end',
        );
      });
    });

    describe('errors', () => {
      it('an unknown conversation is invalid', async () => {
        const device = await agentDevice();
        const unknown = words('no-such-conversation').replace(/\s/g, '-');
        await expectCode(device.adapter.pick(unknown), 'invalid');
        await expectCode(device.adapter.listMessages(unknown), 'invalid');
        await expectCode(device.adapter.endChat(unknown), 'invalid');
      });

      it('a colleague may not write in, end or read a conversation another agent handles', async () => {
        const [device, colleague] = [await agentDevice(), await colleagueDevice()];
        const id = await activeConversation(device);
        await expectCode(
          colleague.adapter.sendMessage({
            clientId: words('client'),
            conversationId: id,
            text: 'Hi, I am taking over',
            attachments: [],
          }),
          'forbidden',
        );
        await expectCode(colleague.adapter.endChat(id), 'forbidden');
        await expectCode(colleague.adapter.listMessages(id), 'forbidden');
      });
    });

    describe('earlier conversations', () => {
      it("the same customer's earlier conversations come most recent first, page by page", async () => {
        const device = await agentDevice();
        const customer: Customer = { id: words('customer').replace(/\s/g, '-'), name: 'Rosa Díaz' };
        const earlier: string[] = [];
        for (let index = 0; index < 3; index++) {
          const id = await controls.queueConversation(customer);
          await device.adapter.pick(id);
          await device.adapter.endChat(id);
          earlier.push(id);
        }
        const current = await controls.queueConversation(customer);
        const first = await device.adapter.listPreviousConversations(current, { limit: 2 });
        expect(first.items.map((previous) => previous.conversation.id)).to.deep.equal([earlier[2], earlier[1]]);
        expect(first.nextCursor, 'a cursor to the rest').to.be.a('string');
        const rest = await device.adapter.listPreviousConversations(current, { limit: 2, cursor: first.nextCursor! });
        expect(rest.items.map((previous) => previous.conversation.id)).to.deep.equal([earlier[0]]);
        expect(rest.nextCursor).to.equal(undefined);
        for (const previous of [...first.items, ...rest.items])
          expect(previous.messages.length, 'its messages').to.be.at.least(1);
      });
    });

    if (controls.offerConversation) {
      const offer = controls.offerConversation.bind(controls);
      describe('offers', () => {
        it('an accepted offer becomes active for the agent', async () => {
          const device = await agentDevice();
          const id = await offer(device.agent.id);
          expect(await device.adapter.accept(id)).to.include({ id, status: 'active', assigneeId: device.agent.id });
        });

        it('a rejected offer is no longer offered to the agent', async () => {
          const device = await agentDevice();
          const id = await offer(device.agent.id);
          await device.adapter.reject(id);
          const later = await agentDevice();
          const after = later.snapshot.conversations.find((conversation) => conversation.id === id);
          expect(after?.status === 'offered' && after.assigneeId === device.agent.id, 'still offered').to.equal(false);
        });

        it('an offer to another agent cannot be accepted', async () => {
          const [device, colleague] = [await agentDevice(), await colleagueDevice()];
          const id = await offer(colleague.agent.id);
          await expectCode(device.adapter.accept(id), 'forbidden');
        });
      });
    }

    describe('files', () => {
      it('a real photo uploads, reports progress and is sent as an attachment', async () => {
        const device = await agentDevice();
        const id = await activeConversation(device);
        const clientId = words('client');
        const progress: number[] = [];
        const photo = new Blob([bytesOf(PNG_1X1)], { type: 'image/png' });
        const attachment = await device.adapter.uploadAttachment(photo, 'receipt.png', {
          conversationId: id,
          clientId,
          onProgress: (fraction) => progress.push(fraction),
        });
        expect(attachment).to.include({ name: 'receipt.png', mimeType: 'image/png', size: photo.size });
        expect(attachment.url).to.be.a('string').and.not.empty;
        expect(progress.at(-1), 'progress at the end').to.equal(1);
        const sent = await device.adapter.sendMessage({
          clientId,
          conversationId: id,
          text: '',
          attachments: [attachment],
        });
        expect(sent.attachments.map((file) => file.name)).to.deep.equal(['receipt.png']);
      });

      it('a web page named .png is refused as invalid by the backend', async () => {
        const device = await agentDevice();
        const id = await activeConversation(device);
        const page = new Blob(['<!doctype html><html><body><script>alert(1)</script></body></html>'], {
          type: 'image/png',
        });
        await expectCode(
          device.adapter.uploadAttachment(page, 'photo.png', { conversationId: id, clientId: words('client') }),
          'invalid',
        );
      });

      it('an upload whose signal is already aborted rejects with an AbortError', async () => {
        const device = await agentDevice();
        const id = await activeConversation(device);
        const controller = new AbortController();
        controller.abort();
        const error = await rejection(
          device.adapter.uploadAttachment(new Blob([bytesOf(PNG_1X1)], { type: 'image/png' }), 'late.png', {
            conversationId: id,
            clientId: words('client'),
            signal: controller.signal,
          }),
        );
        expect((error as Error).name).to.equal('AbortError');
      });

      it("a colleague may not upload to another agent's conversation", async () => {
        const [device, colleague] = [await agentDevice(), await colleagueDevice()];
        const id = await activeConversation(device);
        await expectCode(
          colleague.adapter.uploadAttachment(new Blob([bytesOf(PNG_1X1)], { type: 'image/png' }), 'mine.png', {
            conversationId: id,
            clientId: words('client'),
          }),
          'forbidden',
        );
      });
    });

    describe('connection', () => {
      it('after disconnect, nothing more reaches the sink', async () => {
        const device = await agentDevice();
        const id = await activeConversation(device);
        device.adapter.disconnect?.();
        const heard = device.events.length;
        await controls.customerSays(id, words('Anyone there?'));
        await pause(300);
        expect(device.events.length).to.equal(heard);
      });

      if (controls.dropConnection) {
        const drop = controls.dropConnection.bind(controls);
        it('after the connection drops, the adapter comes back by itself and nothing pushed meanwhile is lost or doubled', async () => {
          const device = await agentDevice();
          const id = await activeConversation(device);
          await drop(device.adapter);
          const text = words('Sent while you were away');
          await controls.customerSays(id, text);
          await controls.restoreConnection?.(device.adapter);
          const states = () => device.events.flatMap((event) => (event.type === 'connection' ? [event.state] : []));
          await waitFor(() => states().at(-1) === 'online', 'the adapter to be online again');
          expect(states()[0], 'what the sink heard first').to.be.oneOf(['offline', 'reconnecting']);
          await waitFor(
            () => messagesIn(device.events).some((message) => message.text === text),
            'the message sent while away',
          );
          await pause(200);
          expect(
            new Set(
              messagesIn(device.events)
                .filter((message) => message.text === text)
                .map((message) => message.id ?? message.clientId),
            ).size,
            'distinct messages',
          ).to.equal(1);
          const page = await device.adapter.listMessages(id);
          expect(page.items.filter((message) => message.text === text)).to.have.length(1);
        });

        it('after the connection drops, the agent can send again once it is back', async () => {
          const device = await agentDevice();
          const id = await activeConversation(device);
          await drop(device.adapter);
          await controls.restoreConnection?.(device.adapter);
          await waitFor(
            () => device.events.some((event) => event.type === 'connection' && event.state === 'online'),
            'the adapter to be online again',
          );
          const stored = await device.adapter.sendMessage({
            clientId: words('client'),
            conversationId: id,
            text: 'Back again',
            attachments: [],
          });
          expect(DELIVERED).to.include(stored.status);
        });
      }
    });
  });
}

// ── helpers ──

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const conversationsIn = (events: AdapterEvent[]) =>
  events.flatMap((event) => (event.type === 'conversation' ? [event.conversation] : []));
const messagesIn = (events: AdapterEvent[]) =>
  events.flatMap((event) => (event.type === 'message' ? [event.message] : []));

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to be refused');
}

function codeOf(error: unknown): string {
  if (!isConvError(error)) throw new Error(`Expected a ConvError, got ${String(error)}`);
  return error.code;
}

async function expectCode(promise: Promise<unknown>, code: ConvErrorCode): Promise<void> {
  expect(codeOf(await rejection(promise))).to.equal(code);
}
