/**
 * The demo's world, for the memory backend and the reference server alike: two agents, customers
 * writing in five languages, conversations in every state with photos, locations and internal notes.
 * The same `seed` and `now` always give the same data, so tests and screenshots are stable.
 *
 * `createMemoryBackend({ ...demoSeed(), liveTraffic: true })` is the demo's in-page backend.
 */
import {
  DEFAULT_AGENT,
  createRandom,
  endedNotice,
  previewOf,
  type MemoryBackendOptions,
  type Random,
} from '../../src/adapters/memory.js';
import type {
  Agent,
  Conversation,
  ConversationStatus,
  Customer,
  Message,
  MessageAuthor,
  Note,
} from '../../src/core/model.js';
import {
  amount,
  c,
  CUSTOMER_AT_LOCKER,
  customerReply,
  fill,
  imageAttachment,
  openingLine,
  orderNumber,
  RECEIPT,
  scriptFor,
  walkInCustomer,
  type Language,
  type Line,
} from './talk.js';

export { DEFAULT_AGENT };
export const COLLEAGUE_AGENT: Agent = { id: 'agent-2', name: 'Priya Shah' };
export type { Language };

/** The memory backend's options for the demo's world, with customers who answer in their own language. */
export function demoSeed(): Pick<MemoryBackendOptions, 'data' | 'customers'> {
  const languages = new Map<string, Language>();
  const languageOf = (customer: Customer) => languages.get(customer.id) ?? 'en';
  return {
    data(context) {
      const world = createSeedWorld(context);
      for (const [customerId, language] of world.languages) languages.set(customerId, language);
      return {
        conversations: world.conversations,
        messages: world.conversations.flatMap((conversation) => world.messages.get(conversation.id) ?? []),
        notes: [...world.notes.values()].flat(),
      };
    },
    customers: {
      walkIn(id, random, taken) {
        const { customer, language, channel } = walkInCustomer(random, id, taken);
        languages.set(customer.id, language);
        return { customer, channel };
      },
      opening: (customer, random) => openingLine(languageOf(customer), random),
      reply: (customer, random) => customerReply(languageOf(customer), random),
    },
  };
}

export interface SeedWorld {
  conversations: Conversation[];
  /** Per conversation id, oldest first. */
  messages: Map<string, Message[]>;
  /** Per conversation id, oldest first. */
  notes: Map<string, Note[]>;
  /** The language each customer writes in (by customer id), so scripted replies fit. */
  languages: Map<string, Language>;
}

export interface SeedOptions {
  seed: number;
  /** The moment every timestamp is relative to. */
  now: number;
  /** Makes ids; the backend keeps using it afterwards so ids never collide. */
  nextId: (prefix: string) => string;
}

interface SeedCustomer extends Customer {
  language: Language;
}

interface Plan {
  customer: SeedCustomer;
  channel: string;
  status: ConversationStatus;
  assignee?: Agent;
  /** When the last message was written. */
  minutesAgo: number;
  topic?: number;
  /** Lines of the exchange; default the whole topic (queued and offered: only the customer's opening). */
  length?: number;
  /** Who ended it (ended conversations only); default the assignee. */
  endedBy?: 'customer';
  /** Extra customer lines at the end (active conversations waiting for the agent). */
  then?: Line[];
}

const MINUTE = 60_000;
/** In minutes, as plans count time. */
const HOUR = 60;
const DAY = 24 * HOUR;

const person = (slug: string, language: Language, name: string): SeedCustomer => ({
  id: `cust-${slug}`,
  name,
  language,
});
const phoneOnly = (slug: string, language: Language, phone: string): SeedCustomer => ({
  id: `cust-${slug}`,
  phone,
  language,
});
const anonymous = (slug: string, language: Language): SeedCustomer => ({ id: `cust-${slug}`, language });

const EMMA = person('emma-clarke', 'en', 'Emma Clarke');
const LAYLA = person('layla-haddad', 'ar', 'ليلى حداد');
const UK_PHONE = phoneOnly('447700900123', 'en', '+44 7700 900123');
const MARIA = person('maria-garcia', 'es', 'María García');
const DANIEL = person('daniel-okafor', 'en', 'Daniel Okafor');
const JONAS = person('jonas-becker', 'de', 'Jonas Becker');
const VISITOR = anonymous('visitor-5821', 'en');
const GRACE = person('grace-kim', 'en', 'Grace Kim');
const HANNAH = person('hannah-wright', 'en', 'Hannah Wright');

/**
 * Builds the world for the default agent: 8 active conversations, 3 offered, 14 queued and 15 ended
 * (History), plus the colleague's own work. Emma Clarke has 14 earlier conversations; Emma's and
 * Daniel's current chats run to hundreds of messages.
 */
export function createSeedWorld({ seed, now, nextId }: SeedOptions): SeedWorld {
  const random = createRandom(seed);
  const world: SeedWorld = { conversations: [], messages: new Map(), notes: new Map(), languages: new Map() };
  const me = DEFAULT_AGENT;
  const colleague = COLLEAGUE_AGENT;

  const add = (plan: Plan): Conversation => {
    const conversation = buildConversation(plan, { now, nextId, random, world });
    world.conversations.push(conversation);
    return conversation;
  };
  type More = Pick<Plan, 'topic' | 'length' | 'endedBy' | 'then'>;
  const ended = (customer: SeedCustomer, channel: string, by: Agent, minutesAgo: number, more: More = {}) =>
    add({ customer, channel, status: 'ended', assignee: by, minutesAgo, ...more });
  const handling = (agent: Agent, customer: SeedCustomer, channel: string, minutesAgo: number, more: More = {}) =>
    add({ customer, channel, status: 'active', assignee: agent, minutesAgo, ...more });
  const offered = (agent: Agent, customer: SeedCustomer, channel: string, minutesAgo: number, more: More = {}) =>
    add({ customer, channel, status: 'offered', assignee: agent, minutesAgo, ...more });
  const queued = (customer: SeedCustomer, channel: string, minutesAgo: number, more: More = {}) =>
    add({ customer, channel, status: 'queued', minutesAgo, ...more });
  const note = (conversation: Conversation, author: Agent, text: string, minutesAgo: number) => {
    const notes = world.notes.get(conversation.id) ?? [];
    notes.push({
      id: nextId('note'),
      conversationId: conversation.id,
      author,
      text,
      createdAt: now - minutesAgo * MINUTE,
    });
    world.notes.set(conversation.id, notes);
  };

  // Earlier conversations come first so ids follow time, as on a real server.
  for (let index = 0; index < 14; index++) {
    ended(EMMA, random.pick(['chat', 'whatsapp']), index % 3 === 0 ? me : colleague, (3 + index * 27) * DAY, {
      topic: index,
      length: index === 6 ? 204 : undefined,
    });
  }
  ended(EMMA, 'chat', me, 26 * HOUR, { topic: 1 });
  ended(LAYLA, 'whatsapp', me, 9 * DAY, { topic: 1 });
  ended(LAYLA, 'whatsapp', me, 41 * DAY, { topic: 0 });
  ended(UK_PHONE, 'sms', me, 15 * DAY, { topic: 7 });
  ended(DANIEL, 'chat', me, 4 * DAY, { topic: 4 });
  ended(DANIEL, 'chat', me, 30 * DAY, { topic: 6, endedBy: 'customer' });
  ended(DANIEL, 'messenger', colleague, 70 * DAY, { topic: 2 });
  const hannahBefore = ended(HANNAH, 'chat', me, 6 * DAY, { topic: 2 });
  ended(person('tom-fischer', 'en', 'Tom Fischer'), 'messenger', me, 3 * HOUR, { topic: 5 });
  ended(person('ruby-evans', 'en', 'Ruby Evans'), 'chat', me, 5 * HOUR, { topic: 3, endedBy: 'customer' });
  ended(person('lucas-moreau', 'fr', 'Lucas Moreau'), 'chat', me, 2 * DAY, { topic: 1 });
  ended(person('isabel-torres', 'es', 'Isabel Torres'), 'whatsapp', me, 20 * HOUR, { topic: 0 });
  ended(person('ben-carter', 'en', 'Ben Carter'), 'chat', colleague, 8 * HOUR, { topic: 7 });

  // Conversations: mine, active.
  const emmaNow = handling(me, EMMA, 'chat', 2, {
    length: 262,
    topic: 4,
    then: [c('Also — can the {item} come before the weekend?')],
  });
  const laylaNow = handling(me, LAYLA, 'whatsapp', 4, { topic: 0, length: 3 });
  const ukPhoneNow = handling(me, UK_PHONE, 'sms', 11, {
    topic: 1,
    length: 3,
    then: [c('Here’s the receipt from the post office.', { image: RECEIPT })],
  });
  handling(me, MARIA, 'messenger', 7, { topic: 1, length: 4 });
  handling(me, DANIEL, 'chat', 25, { length: 214, topic: 0 });
  handling(me, JONAS, 'chat', 16, { topic: 1, length: 2 });
  handling(me, VISITOR, 'chat', 1, {
    topic: 5,
    length: 2,
    then: [c('I’m at the parcel locker instead, is this one OK?', { location: CUSTOMER_AT_LOCKER })],
  });
  handling(me, GRACE, 'whatsapp', 38, { topic: 2, length: 5 });

  // Offered to me.
  offered(me, person('camille-dubois', 'fr', 'Camille Dubois'), 'chat', 1, { topic: 0 });
  offered(me, phoneOnly('12025550143', 'en', '+1 202 555 0143'), 'sms', 2, { topic: 7 });
  offered(me, person('oliver-bennett', 'en', 'Oliver Bennett'), 'messenger', 3, { topic: 6 });

  // Picklist: waiting for anyone; the longest waiting first.
  const hannahNow = queued(HANNAH, 'chat', 34, { topic: 0 });
  queued(person('javier-lopez', 'es', 'Javier López'), 'whatsapp', 31, { topic: 0 });
  queued(person('lena-schmidt', 'de', 'Lena Schmidt'), 'chat', 28, { topic: 0 });
  queued(person('louis-martin', 'fr', 'Louis Martin'), 'messenger', 26, { topic: 1 });
  queued(person('omar-alkhatib', 'ar', 'عمر الخطيب'), 'whatsapp', 22, { topic: 1 });
  queued(phoneOnly('447700900456', 'en', '+44 7700 900456'), 'sms', 19, { topic: 1 });
  queued(phoneOnly('34612345678', 'es', '+34 612 345 678'), 'whatsapp', 17, { topic: 1 });
  queued(phoneOnly('4915123456789', 'de', '+49 151 23456789'), 'sms', 15, { topic: 0 });
  // Hostile text must always show as text: the kit never renders it as markup or a link.
  queued(person('mallory', 'en', 'Mallory <img src=x onerror=alert(1)>'), 'chat', 12, {
    length: 0,
    then: [
      c(
        '<script>alert("hi")</script> Where is my order? Track it here: javascript:alert(1) or https://track.example.com/RM123456785GB',
      ),
    ],
  });
  queued(person('noah-patel', 'en', 'Noah Patel'), 'messenger', 9, { topic: 4 });
  queued(person('chloe-lefevre', 'fr', 'Chloé Lefèvre'), 'chat', 7, { topic: 0 });
  queued(person('aisha-khan', 'en', 'Aisha Khan'), 'whatsapp', 5, { topic: 2 });
  queued(anonymous('visitor-7310', 'en'), 'chat', 3, { topic: 6 });
  queued(person('sofia-rossi', 'en', 'Sofia Rossi'), 'chat', 1, { topic: 3 });

  // The colleague's own work: never in my lists.
  const colleagueChat = handling(colleague, person('marco-bianchi', 'en', 'Marco Bianchi'), 'chat', 6, { topic: 1 });
  handling(colleague, person('yuki-tanaka', 'en', 'Yuki Tanaka'), 'whatsapp', 14, { topic: 7, length: 3 });
  offered(colleague, person('peter-novak', 'en', 'Peter Novak'), 'messenger', 1, { topic: 5 });

  note(emmaNow, colleague, 'Long-standing customer: always offer free returns.', 3 * DAY);
  note(emmaNow, me, 'Waiting on the warehouse about the rug colour.', 45);
  note(laylaNow, me, 'Prefers WhatsApp; no call-back needed.', 3);
  note(ukPhoneNow, me, 'Receipt received; refund waiting for approval from finance.', 10);
  note(hannahNow, colleague, 'Called earlier about the same order — see ticket 4471.', 40);
  note(hannahBefore, me, 'Replacement sent, tracking RM123456785GB.', 6 * DAY);
  note(colleagueChat, colleague, 'Escalated to the courier’s claims team.', 5);

  return world;
}

interface BuildContext {
  now: number;
  nextId: (prefix: string) => string;
  random: Random;
  world: SeedWorld;
}

function buildConversation(plan: Plan, { now, nextId, random, world }: BuildContext): Conversation {
  const { customer: seedCustomer, status, assignee } = plan;
  const { language, ...customer } = seedCustomer;
  const id = nextId('conv');
  const waiting = status === 'queued' || status === 'offered';
  const script = scriptFor(language, plan.topic ?? random.int(0, 7), plan.length, random);
  // Queued and offered conversations hold only what the customer wrote before anyone answered.
  const lines = [
    ...(waiting && plan.length === undefined ? script.slice(0, firstAgentLine(script)) : script),
    ...(plan.then ?? []),
  ];
  const details = { order: orderNumber(random), amount: amount(random) };

  const times = timesEndingAt(now - plan.minutesAgo * MINUTE, lines.length, random);
  const lastAgentIndex = lines.map((line) => line.from).lastIndexOf('agent');
  const messages: Message[] = lines.map((line, index) => {
    const author: MessageAuthor = line.from;
    const messageId = nextId('msg');
    return {
      id: messageId,
      clientId: messageId,
      conversationId: id,
      author,
      authorName: author === 'agent' ? assignee?.name : customer.name,
      text: fill(line.text, language, details, random),
      attachments: line.image ? [imageAttachment(line.image)] : [],
      ...(line.location && { location: line.location }),
      sentAt: times[index]!,
      // The customer has read everything except, in a live chat, the agent's latest message.
      status:
        author === 'agent' && status === 'active' && index === lastAgentIndex
          ? 'delivered'
          : author === 'agent'
            ? 'read'
            : 'delivered',
    };
  });
  if (status === 'ended') {
    const endedAt = messages.at(-1)!.sentAt + random.int(1, 5) * MINUTE;
    const endedBy = plan.endedBy ?? assignee!;
    const messageId = nextId('msg');
    messages.push({
      id: messageId,
      clientId: messageId,
      conversationId: id,
      author: 'system',
      ...endedNotice(endedBy),
      attachments: [],
      sentAt: endedAt,
      status: 'delivered',
    });
  }
  world.messages.set(id, messages);
  world.languages.set(customer.id, language);

  const first = messages[0]?.sentAt ?? now - plan.minutesAgo * MINUTE;
  const last = messages.at(-1);
  return {
    id,
    customer,
    channel: plan.channel,
    status,
    ...(assignee && { assigneeId: assignee.id }),
    createdAt: first,
    updatedAt: last?.sentAt ?? first,
    ...(status === 'ended' && { endedAt: last!.sentAt }),
    unreadCount: status === 'ended' ? 0 : trailingCustomerLines(messages),
    ...(last && { lastMessage: previewOf(last) }),
  };
}

function firstAgentLine(lines: Line[]): number {
  const index = lines.findIndex((line) => line.from === 'agent');
  return index === -1 ? lines.length : index;
}

function trailingCustomerLines(messages: Message[]): number {
  let count = 0;
  for (let index = messages.length - 1; index >= 0 && messages[index]!.author === 'customer'; index--) count++;
  return count;
}

/** Realistic gaps between messages (15 s to 3 min), ending at `last`. */
function timesEndingAt(last: number, count: number, random: Random): number[] {
  const times = new Array<number>(count);
  let at = last;
  for (let index = count - 1; index >= 0; index--) {
    times[index] = at;
    at -= random.int(15, 180) * 1000;
  }
  return times;
}
