/**
 * The rules about what an agent has read and about offers that wait too long: `markRead` clears the
 * unread count on the agent's other devices, and an unanswered offer goes back to the Picklist.
 * Both are optional: an adapter without `markRead`, or controls without `offerExpiringIn`, skip them.
 */
import { expect } from '@open-wc/testing';
import { conversationsIn, expectCode, pause, type ConformanceKit } from './conformance-kit.js';

export function describeReadAndOfferRules(kit: ConformanceKit): void {
  const { describe, it, controls, agentDevice, colleagueDevice, waitFor, activeConversation, words } = kit;

  describe('read state', () => {
    it("marking a conversation read on one device sets its count to 0 on the agent's other device with the next push", async () => {
      const [desktop, phone] = [await agentDevice(), await agentDevice()];
      if (!desktop.adapter.markRead) return; // optional: the count then clears on one device only
      const id = await activeConversation(desktop);
      const text = words('Are you there?');
      await controls.customerSays(id, text);
      await waitFor(
        () =>
          conversationsIn(phone.events).find(
            (conversation) => conversation.id === id && conversation.lastMessage?.text === text,
          )?.unreadCount,
        'the phone to count the message unread',
      );
      const heard = phone.events.length;
      await desktop.adapter.markRead(id);
      const next = await waitFor(
        () => conversationsIn(phone.events.slice(heard)).find((conversation) => conversation.id === id),
        'the phone to hear the conversation was read',
      );
      expect(next.unreadCount, 'the count the next push carries').to.equal(0);
    });

    it('marking a read conversation read again resolves; a colleague may not mark it', async () => {
      const [device, colleague] = [await agentDevice(), await colleagueDevice()];
      if (!device.adapter.markRead || !colleague.adapter.markRead) return;
      const id = await activeConversation(device);
      await controls.customerSays(id, words('Hello?'));
      await device.adapter.markRead(id);
      await device.adapter.markRead(id);
      await expectCode(colleague.adapter.markRead(id), 'forbidden');
    });
  });

  if (controls.offerExpiringIn) {
    const offerExpiringIn = controls.offerExpiringIn.bind(controls);
    const timeoutMs = 400;

    describe('offers that time out', () => {
      it('an offer not answered in time says when it expires, goes back to the Picklist and is pushed so', async () => {
        const device = await agentDevice();
        const id = await offerExpiringIn(device.agent.id, timeoutMs);
        const pushed = () => conversationsIn(device.events).filter((conversation) => conversation.id === id);
        const offer = await waitFor(
          () => pushed().find((conversation) => conversation.status === 'offered'),
          'the offer to be pushed',
        );
        expect(offer.offerExpiresAt, 'offerExpiresAt')
          .to.be.a('number')
          .and.within(offer.createdAt, offer.createdAt + 60_000);
        const returned = await waitFor(
          () => pushed().find((conversation) => conversation.status === 'queued'),
          'the offer to come back to the Picklist',
        );
        expect(returned.assigneeId, 'assignee').to.equal(undefined);
        expect(returned.offerExpiresAt, 'offerExpiresAt').to.equal(undefined);
        await expectCode(device.adapter.accept(id), 'conflict');
        const later = await agentDevice();
        expect(later.snapshot.conversations.find((conversation) => conversation.id === id)?.status).to.equal('queued');
      });

      it('an offer accepted in time stays the agent’s', async () => {
        const device = await agentDevice();
        const id = await offerExpiringIn(device.agent.id, timeoutMs);
        await waitFor(
          () => conversationsIn(device.events).some((conversation) => conversation.id === id),
          'the offer to be pushed',
        );
        expect(await device.adapter.accept(id)).to.include({ id, status: 'active', assigneeId: device.agent.id });
        await pause(timeoutMs + 300);
        const later = await agentDevice();
        expect(later.snapshot.conversations.find((conversation) => conversation.id === id)).to.include({
          status: 'active',
          assigneeId: device.agent.id,
        });
      });
    });
  }
}
