/**
 * Simulated customers, for the demo: they answer an agent a moment after each burst of messages
 * (having read them), and new customers arrive now and then. Both can be switched on and off
 * while the server runs.
 */
import { randomUUID } from 'node:crypto';
import { createRandom } from '../../src/adapters/memory.js';
import { customerReply, openingLine, walkInCustomer, type Language } from '../seed/talk.js';
import type { Conversation } from '../../src/core/model.js';
import type { ConversationService, NewConversation } from './service.js';

export interface SimulationSettings {
  /** Customers answer agents. */
  replies: boolean;
  /** New customers arrive now and then. */
  traffic: boolean;
}

export interface CustomerSimulationOptions extends SimulationSettings {
  seed?: number;
  replyDelayMs?: number;
  /** Time between two new customers: a random wait in this range. */
  trafficEveryMs?: readonly [number, number];
  /** Names customers have already: new customers get others. */
  takenNames?: Iterable<string>;
}

/** New customers stop queueing beyond this, so a demo left open stays usable. */
const MAX_QUEUED = 30;
const LANGUAGES: readonly Language[] = ['en', 'es', 'de', 'fr', 'ar'];

export type CustomerSimulation = ReturnType<typeof createCustomerSimulation>;

export function createCustomerSimulation(service: ConversationService, options: CustomerSimulationOptions) {
  const random = createRandom(options.seed ?? Date.now());
  const replyDelayMs = options.replyDelayMs ?? 1500;
  const [minWait, maxWait] = options.trafficEveryMs ?? [8000, 20000];
  const settings: SimulationSettings = { replies: options.replies, traffic: options.traffic };
  const replyTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let trafficTimer: ReturnType<typeof setTimeout> | undefined;
  const takenNames = new Set(options.takenNames);

  const cancelReplies = () => {
    for (const timer of [...replyTimers.values(), ...typingTimers.values()]) clearTimeout(timer);
    replyTimers.clear();
    typingTimers.clear();
  };

  const languageOf = async (conversationId: string): Promise<Language> => {
    const language = await service.languageOf(conversationId);
    return LANGUAGES.includes(language as Language) ? (language as Language) : 'en';
  };

  /** A customer who has not written before, in one of the seeded languages, with a name no other customer has. */
  const walkIn = (): NewConversation => {
    const { customer, language, channel } = walkInCustomer(random, `cust-${randomUUID()}`, takenNames);
    if (customer.name) takenNames.add(customer.name);
    return { customer, language, channel, text: openingLine(language, random) };
  };

  const startTyping = async (conversationId: string) => {
    typingTimers.delete(conversationId);
    const conversation = await service.conversation(conversationId);
    if (settings.replies && conversation?.status === 'active') await service.customerTyping(conversationId, true);
  };

  const answer = async (conversationId: string) => {
    replyTimers.delete(conversationId);
    const conversation = await service.conversation(conversationId);
    if (!settings.replies || conversation?.status !== 'active') return;
    await service.customerReads(conversationId);
    await service.customerSays(conversationId, customerReply(await languageOf(conversationId), random));
  };

  /** Mostly the Picklist; sometimes a direct offer to an agent who is online. */
  const newCustomerArrives = async () => {
    const online = service.onlineAgents();
    if (online.length && random.next() < 0.3) await service.offerConversation(random.pick(online), walkIn());
    else if ((await service.queuedCount()) < MAX_QUEUED) await service.queueConversation(walkIn());
  };

  const scheduleTraffic = () => {
    clearTimeout(trafficTimer);
    if (!settings.traffic) return;
    trafficTimer = setTimeout(
      () => {
        newCustomerArrives().catch(report);
        scheduleTraffic();
      },
      random.int(minWait, maxWait),
    );
  };
  scheduleTraffic();

  return {
    settings: (): SimulationSettings => ({ ...settings }),
    update(change: Partial<SimulationSettings>): SimulationSettings {
      if (change.replies !== undefined) {
        settings.replies = change.replies;
        if (!settings.replies) cancelReplies();
      }
      if (change.traffic !== undefined && change.traffic !== settings.traffic) {
        settings.traffic = change.traffic;
        scheduleTraffic();
      }
      return { ...settings };
    },
    /** The customer types, then answers once after the agent's last message in a burst, as people do. */
    agentWrote(conversation: Conversation) {
      if (!settings.replies) return;
      clearTimeout(replyTimers.get(conversation.id));
      clearTimeout(typingTimers.get(conversation.id));
      // The customer reads for a third of the wait and types for the rest; their message ends the typing.
      typingTimers.set(
        conversation.id,
        setTimeout(() => startTyping(conversation.id).catch(report), replyDelayMs / 3),
      );
      replyTimers.set(
        conversation.id,
        setTimeout(() => answer(conversation.id).catch(report), replyDelayMs),
      );
    },
    /** A new customer, for the demo's button and for tests. */
    walkIn,
    dispose() {
      clearTimeout(trafficTimer);
      cancelReplies();
    },
  };
}

function report(error: unknown) {
  console.error('conv-kit reference server: a simulated customer failed:', error);
}
