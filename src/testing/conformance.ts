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
 *
 * Its "hostile backend" section runs conv-kit's store over the adapter and breaks real items from the
 * backend one field at a time on the way in (`sentAt` as a string, a `null` attachment, no customer…,
 * the cases in hostile-backend.ts): the store never throws, leaves out or repairs the broken item,
 * reports the field on its `invalid-data` topic and shows every other item.
 */
import type { AdapterEvent, ConversationAdapter } from '../core/adapter.js';
import type { Customer } from '../core/model.js';
import { describeConversationRules } from './conformance-conversations.js';
import { pause, type ConformanceKit, type Device, type MochaGlobals } from './conformance-kit.js';
import { describeHostileBackendRules } from './conformance-hostile.js';
import { describeMessageRules } from './conformance-messages.js';
import { describeReadAndOfferRules } from './conformance-reads.js';
import { describeSearchRules, describeStandardResponseRules } from './conformance-search.js';
import { describeTypingRules } from './conformance-typing.js';

export interface AdapterConformanceControls {
  /** A connection of a second agent to the same backend: for picks that race, and for what one agent may not see. */
  makeColleagueAdapter(): ConversationAdapter | Promise<ConversationAdapter>;
  /** A new customer waits in the Picklist (with the given customer, when one is given); resolves with the conversation id. */
  queueConversation(customer?: Customer): Promise<string>;
  /** The customer of a conversation writes; the backend pushes it to the agents who see the conversation. */
  customerSays(conversationId: string, text: string): Promise<unknown> | unknown;
  /** A new customer is offered to one agent; resolves with the conversation id. Without it, offers are not tested. */
  offerConversation?(agentId: string): Promise<string>;
  /**
   * A new customer is offered to one agent, and goes back to the Picklist unless answered within
   * `timeoutMs`; resolves with the conversation id. Without it, offers timing out are not tested.
   */
  offerExpiringIn?(agentId: string, timeoutMs: number): Promise<string>;
  /** Cuts the adapter's connection as a network loss would. Without it, reconnecting is not tested. */
  dropConnection?(adapter: ConversationAdapter): Promise<unknown> | unknown;
  /** Makes the backend reachable again, for transports that stay down until told; self-healing ones leave it out. */
  restoreConnection?(adapter: ConversationAdapter): Promise<unknown> | unknown;
  /** The customer starts or stops typing; the backend tells the agents who see the conversation. Without it, the customer's typing is not tested. */
  customerTyping?(conversationId: string, typing: boolean): Promise<unknown>;
  /** Whether the customer's side shows the agent typing now (what `sendTyping` told it). Without it, only the answers to `sendTyping` are tested. */
  customerSeesAgentTyping?(conversationId: string): Promise<boolean> | boolean;
  /** How long a push may take to arrive. Default 5 s. */
  pushTimeoutMs?: number;
}

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

  const kit: ConformanceKit = {
    describe,
    it,
    afterEach,
    controls,
    makeAdapter: async () => {
      const adapter = await makeAdapter();
      open.push(adapter);
      return adapter;
    },
    agentDevice,
    colleagueDevice,
    waitFor,
    activeConversation,
    words,
  };

  describe(`${name} (adapter conformance)`, () => {
    afterEach(() => {
      for (const adapter of open.splice(0)) adapter.disconnect?.();
    });

    describeConversationRules(kit);
    describeMessageRules(kit);
    describeReadAndOfferRules(kit);
    describeHostileBackendRules(kit);
    describeSearchRules(kit);
    describeStandardResponseRules(kit);
    describeTypingRules(kit);
  });
}
