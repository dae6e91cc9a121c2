/** The rules about conversations: the snapshot, picks, ends, errors and the connection. */
import { expect } from '@open-wc/testing';
import {
  codeOf,
  conversationsIn,
  DELIVERED,
  expectCode,
  messagesIn,
  pause,
  STATUSES,
  type ConformanceKit,
} from './conformance-kit.js';

export function describeConversationRules(kit: ConformanceKit): void {
  const { describe, it, controls, agentDevice, colleagueDevice, waitFor, activeConversation, words } = kit;
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
              (event.type === 'conversation' && event.conversation.id === id && event.conversation.status !== 'queued'),
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
}
