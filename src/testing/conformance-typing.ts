/**
 * Typing, both ways: the customer's pushed as a `typing` event to the agents who see the conversation
 * (never replayed after a reconnect), and the optional `sendTyping` for the agent handling it. An adapter
 * without `sendTyping`, or controls without `customerTyping`, skip the rules that need them.
 */
import { expect } from '@open-wc/testing';
import type { AdapterEvent } from '../core/adapter.js';
import { expectCode, messagesIn, pause, type ConformanceKit } from './conformance-kit.js';

const typingIn = (events: AdapterEvent[], conversationId: string) =>
  events.flatMap((event) => (event.type === 'typing' && event.conversationId === conversationId ? [event.typing] : []));

export function describeTypingRules({
  describe,
  it,
  controls,
  agentDevice,
  colleagueDevice,
  activeConversation,
  waitFor,
  words,
}: ConformanceKit): void {
  describe('typing (typing events, optional sendTyping)', () => {
    it('pushes the customer’s typing and its stop to the agent handling the chat, and not to a colleague', async () => {
      if (!controls.customerTyping) return;
      const device = await agentDevice();
      const colleague = await colleagueDevice();
      const id = await activeConversation(device);
      await controls.customerTyping(id, true);
      await waitFor(() => typingIn(device.events, id).includes(true), 'the customer typing');
      await controls.customerTyping(id, false);
      await waitFor(() => typingIn(device.events, id).includes(false), 'the customer stopping');
      expect(typingIn(device.events, id)).to.deep.equal([true, false]);
      expect(typingIn(colleague.events, id)).to.deep.equal([], 'a colleague’s chat is not theirs to watch');
    });

    it('never replays typing after a reconnect: it is not in the backend’s log of events', async () => {
      if (!controls.customerTyping || !controls.dropConnection) return;
      const device = await agentDevice();
      const id = await activeConversation(device);
      await controls.customerTyping(id, true);
      await waitFor(() => typingIn(device.events, id).includes(true), 'the customer typing');
      const from = device.events.length;
      await controls.dropConnection(device.adapter);
      await controls.restoreConnection?.(device.adapter);
      await waitFor(
        () => device.events.slice(from).some((event) => event.type === 'connection' && event.state === 'online'),
        'back online',
      );
      const text = words('After the gap');
      await controls.customerSays(id, text);
      await waitFor(() => messagesIn(device.events).some((message) => message.text === text), 'the message after it');
      await pause(100);
      expect(typingIn(device.events.slice(from), id)).to.deep.equal([], 'nothing of the typing came again');
    });

    it('takes sendTyping from the agent handling the chat, and refuses it from a colleague as forbidden', async () => {
      const device = await agentDevice();
      if (!device.adapter.sendTyping) return;
      const colleague = await colleagueDevice();
      const id = await activeConversation(device);
      await device.adapter.sendTyping(id, true);
      if (controls.customerSeesAgentTyping) expect(await controls.customerSeesAgentTyping(id)).to.equal(true);
      await device.adapter.sendTyping(id, false);
      if (controls.customerSeesAgentTyping) expect(await controls.customerSeesAgentTyping(id)).to.equal(false);
      await expectCode(colleague.adapter.sendTyping!(id, true), 'forbidden');
      expect(typingIn(device.events, id)).to.deep.equal([], 'the agent’s own typing does not come back to them');
    });
  });
}
