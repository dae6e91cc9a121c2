/**
 * The seeded world of the memory backend: two agents, customers writing in five languages (one
 * right-to-left), conversations in every state with everyday customer-service talk (orders,
 * refunds, deliveries), photos, locations and internal notes. The same `seed` and `now` always
 * give the same data, so tests and screenshots are stable.
 */
import type { Agent, Attachment, Conversation, ConversationStatus, Customer, GeoLocation, Message, MessageAuthor, MessagePreview, Note } from '../core/model.js';

export const DEFAULT_AGENT: Agent = { id: 'agent-1', name: 'Alex Morgan' };
export const COLLEAGUE_AGENT: Agent = { id: 'agent-2', name: 'Priya Shah' };

export type Language = 'en' | 'es' | 'de' | 'fr' | 'ar';

// ── randomness ──────────────────────────────────────────────────────────────

export interface Random {
  /** 0 ≤ n < 1 */
  next(): number;
  /** An integer from `min` to `max`, both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: tiny, fast and good enough to make believable data from a seed. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}

// ── what people say ─────────────────────────────────────────────────────────

interface SeedImage {
  name: string;
  width: number;
  height: number;
  /** A tiny PNG, base64. */
  png: string;
}

const CRUSHED_PARCEL: SeedImage = {
  name: 'parcel.png',
  width: 48,
  height: 36,
  png: 'iVBORw0KGgoAAAANSUhEUgAAADAAAAAkCAIAAABAJy5dAAAAqElEQVR42u3XsQ2AIBCFYYdgDddgHCdgGEdgAocxFo5hR0wUxOM9juKSv7ziy+tu2o9zqCYDGchAiiA/Oz+7GDwjCSgGzzMJQckEZ8lBJFMTiGFqBcFNABCWBQOhTEgQxCQBbetSKJnKZ7nAC7VPxQKJTUSQzMQFCUx00F9WJ1C9qR+o0tQVVGPqDfpk6YAKJjVQzqQJejUpg56sIUB30yigZLJX2kCsLqE8Im+KIfEuAAAAAElFTkSuQmCC',
};
const RECEIPT: SeedImage = {
  name: 'receipt.png',
  width: 30,
  height: 40,
  png: 'iVBORw0KGgoAAAANSUhEUgAAAB4AAAAoCAIAAABmcd1FAAAARUlEQVR42mNIyGuiEWIYLkb/+vWNPDQ4jJ6GGwxiV48aTXw0Yo3S0bAezY2j0TiaG0eNHs2No7lxNDeO5sYhEyBDoJsEANnF+doe449UAAAAAElFTkSuQmCC',
};
const SIZE_LABEL: SeedImage = {
  name: 'size-label.png',
  width: 40,
  height: 40,
  png: 'iVBORw0KGgoAAAANSUhEUgAAACgAAAAoCAIAAAADnC86AAAARElEQVR42u3XsQ0AEBCGUZOozWRi49iAWiu5CN6X61/zN5f6oRIYDH4OzrXFHfhveEQGBq+V3cDGBQaDX4N9EmDwffAEVcJ1OnwoXAUAAAAASUVORK5CYII=',
};

const PICKUP_POINT: GeoLocation = { latitude: 51.5226, longitude: -0.1571, accuracy: 12, label: 'Parcel pickup — Baker Street News, 12 Baker Street' };
const CUSTOMER_AT_LOCKER: GeoLocation = { latitude: 53.4794, longitude: -2.2453, accuracy: 35 };

/** One line of a scripted exchange. `{order}`, `{amount}`, `{item}` and `{day}` are filled in per conversation. */
interface Line {
  from: 'customer' | 'agent';
  text: string;
  image?: SeedImage;
  location?: GeoLocation;
}

interface Script {
  /** Whole exchanges about one problem, opening with the customer. */
  topics: Line[][];
  /** A customer's follow-up question and the agent's answer, about one `{item}`: what keeps a long conversation going. */
  chatter: Array<[customer: string, agent: string]>;
  /** What a scripted customer answers to an agent's message. */
  replies: string[];
}

const c = (text: string, extra: Omit<Line, 'from' | 'text'> = {}): Line => ({ from: 'customer', text, ...extra });
const a = (text: string, extra: Omit<Line, 'from' | 'text'> = {}): Line => ({ from: 'agent', text, ...extra });

const SCRIPTS: Record<Language, Script> = {
  en: {
    topics: [
      [
        c('Hi, my order {order} was supposed to arrive yesterday and it still hasn’t come.'),
        a('Sorry about that! Let me check the tracking for {order}.'),
        c('Thanks. The app has said “in transit” since Monday.'),
        a('It’s at your local depot and booked for delivery tomorrow before 6 pm.'),
        c('Can they leave it with a neighbour if I’m out?'),
        a('Done — I’ve added a note for the courier to leave it with a neighbour.'),
        c('Perfect, thank you!'),
      ],
      [
        c('I sent a jacket back two weeks ago and still haven’t had my refund.'),
        a('I’m sorry for the wait. Could you give me the order number?'),
        c('It’s {order}.'),
        a('Thanks. The return reached our warehouse on the 3rd and the refund of £{amount} went out today. It can take 3–5 working days to show on your card.'),
        c('OK, thanks for checking.'),
      ],
      [
        c('The parcel arrived but the box was crushed and the mug inside is broken.'),
        c('Here’s a photo.', { image: CRUSHED_PARCEL }),
        a('Thanks for the photo — that was clearly damaged in transit. Would you like a replacement or a refund?'),
        c('A replacement please.'),
        a('A new one is on its way; you’ll get a tracking link by email within the hour.'),
        c('Great, thanks for sorting it so quickly.'),
      ],
      [
        c('Can I swap the trainers from order {order} for a size 42?'),
        c('This is the label on the box.', { image: SIZE_LABEL }),
        a('Of course. Are they unworn?'),
        c('Yes, still in the box.'),
        a('Great, I’ve set up the exchange. Print the label from the email we just sent and drop the parcel at any post office.'),
        c('Brilliant, will do.'),
      ],
      [
        c('I’ve moved house — can I change the delivery address for {order}?'),
        a('No problem, what’s the new address?'),
        c('Flat 4, 27 Harbour Street, Leith, EH6 6QN'),
        a('Updated. The courier will now deliver to Harbour Street on {day}.'),
        c('Thank you!'),
      ],
      [
        c('Where exactly is the pickup point? I’ve walked past twice and can’t find it.'),
        a('It’s inside the newsagent on the corner — here’s the exact spot.', { location: PICKUP_POINT }),
        c('Found it, thanks!'),
      ],
      [
        c('My discount code SPRING15 says it has expired, but the email says it’s valid until Sunday.'),
        a('Let me look… you’re right. I’ve applied the 15% to your basket by hand.'),
        c('Brilliant, thank you.'),
      ],
      [
        c('I’ve been charged twice for order {order}!'),
        a('I’m sorry about that. I can see one payment of £{amount} and a pending authorisation — the second one drops off within 48 hours.'),
        c('So I don’t need to do anything?'),
        a('Nothing at all. If it’s still there on Friday, message us and we’ll refund it straight away.'),
        c('OK, thanks.'),
      ],
    ],
    chatter: [
      ['And the {item}? Is that in the same delivery?', 'The {item} ships separately; it’s due on {day}.'],
      ['Could the {item} come on {day} instead?', 'Done — I’ve moved the {item} to {day}. You’ll get a confirmation email.'],
      ['I’ve just unpacked the {item} — the colour is a bit different from the website.', 'Sorry about that. You can send the {item} back free within 30 days, or keep it with 20% off.'],
      ['What’s the return window for the {item}?', '30 days from delivery, and we collect it for free.'],
      ['Will the driver carry the {item} upstairs? I’m on the third floor.', 'Yes, two people deliver the {item} and take it to the room of your choice.'],
      ['The tracking for the {item} hasn’t updated since yesterday.', 'The {item} is at the depot; tracking updates when it’s loaded onto the van on {day}.'],
      ['Is the {item} still under warranty? One of the legs wobbles.', 'It is — a technician will come on {day} to fix the {item}.'],
      ['Do you still have the {item} in oak?', 'We do; I can swap it before it ships on {day}.'],
    ],
    replies: [
      'Thanks, that helps.',
      'OK, I’ll keep an eye out for it.',
      'Great, thank you!',
      'How long will that take?',
      'Could you send me that by email too?',
      'Perfect 👍',
      'Sorry, one more thing — can I change the delivery day?',
      'That’s good news, thanks.',
    ],
  },
  es: {
    topics: [
      [
        c('Hola, mi pedido {order} todavía no ha llegado.'),
        a('Hola, lo siento mucho. Déjeme revisar el seguimiento.'),
        c('Gracias. Pone que está en reparto desde el lunes.'),
        a('El paquete está en la oficina de correos de su barrio; puede recogerlo a partir de mañana.'),
        c('Perfecto, muchas gracias.'),
      ],
      [
        c('Buenas, quiero devolver unas zapatillas del pedido {order}.'),
        a('Claro. ¿Están sin usar?'),
        c('Sí, en su caja.'),
        a('Le acabo de enviar la etiqueta de devolución. El reembolso de {amount} € llegará en 3–5 días hábiles.'),
        c('Genial, gracias.'),
      ],
    ],
    chatter: [
      ['¿Y el {item}? ¿Llega en el mismo envío?', 'El {item} se envía aparte y llegará el {day}.'],
      ['¿Podría llegar el {item} el {day}?', 'Hecho, he cambiado la entrega del {item} al {day}.'],
    ],
    replies: ['Gracias, muy amable.', 'Vale, entendido.', '¿Cuánto tardará?', 'Perfecto 👍'],
  },
  de: {
    topics: [
      [
        c('Guten Tag, ich möchte meine Bestellung {order} stornieren.'),
        a('Guten Tag! Die Bestellung ist noch nicht versandt, ich storniere sie sofort.'),
        c('Wann bekomme ich mein Geld zurück?'),
        a('Die Erstattung von {amount} € geht innerhalb von 3–5 Werktagen auf Ihre Karte.'),
        c('Vielen Dank für die schnelle Hilfe!'),
      ],
      [
        c('Hallo, das Paket {order} wurde laut Sendungsverfolgung zugestellt, aber ich habe nichts bekommen.'),
        a('Das tut mir leid. Ich frage beim Zusteller nach, wo das Paket abgegeben wurde.'),
        c('Danke, ich war den ganzen Tag zu Hause.'),
        a('Es wurde bei Ihrem Nachbarn in Hausnummer 14 abgegeben.'),
        c('Ah, super, dann hole ich es gleich.'),
      ],
    ],
    chatter: [
      ['Und der {item}? Kommt der mit derselben Lieferung?', 'Der {item} wird separat verschickt und kommt am {day}.'],
      ['Kann der {item} auch am {day} kommen?', 'Erledigt, der {item} kommt jetzt am {day}.'],
    ],
    replies: ['Danke, das hilft mir.', 'Alles klar.', 'Wie lange dauert das?', 'Super 👍'],
  },
  fr: {
    topics: [
      [
        c('Bonjour, j’ai reçu le mauvais article : j’ai commandé une lampe bleue et j’ai reçu une verte.'),
        a('Bonjour, toutes mes excuses. Je vous envoie la lampe bleue aujourd’hui.'),
        c('Dois-je renvoyer la verte ?'),
        a('Oui, avec l’étiquette de retour gratuite que je viens de vous envoyer par e-mail.'),
        c('Parfait, merci beaucoup.'),
      ],
      [
        c('Bonjour, ma commande {order} indique « livrée » mais je n’ai rien reçu.'),
        a('Je suis désolé. Je lance une enquête auprès du transporteur.'),
        c('Merci. Combien de temps cela prend-il ?'),
        a('48 heures au plus. Sans nouvelles, nous vous rembourserons {amount} €.'),
        c('D’accord, merci.'),
      ],
    ],
    chatter: [
      ['Et le {item} ? Il arrive dans le même colis ?', 'Le {item} est expédié à part, il arrivera {day}.'],
      ['Le {item} peut-il arriver {day} ?', 'C’est fait, le {item} arrivera {day}.'],
    ],
    replies: ['Merci, c’est très clair.', 'D’accord.', 'Combien de temps cela prendra-t-il ?', 'Parfait 👍'],
  },
  ar: {
    topics: [
      [
        c('مرحبا، طلبي رقم {order} لم يصل بعد.'),
        a('مرحبا، آسف على التأخير. دعني أتحقق من حالة الشحنة.'),
        c('شكرا. مكتوب أنه في الطريق منذ ثلاثة أيام.'),
        a('الشحنة في مركز التوزيع وستصل غدا قبل الساعة السادسة مساء.'),
        c('ممتاز، شكرا جزيلا.'),
      ],
      [
        c('السلام عليكم، أريد استرجاع المبلغ للطلب {order} لأن المقاس غير مناسب.'),
        a('وعليكم السلام. أرسلت لك ملصق الإرجاع على بريدك الإلكتروني.'),
        c('متى يصلني المبلغ؟'),
        a('خلال ٣ إلى ٥ أيام عمل بعد وصول الطرد إلى المستودع.'),
        c('تمام، شكرا لك.'),
      ],
    ],
    chatter: [
      ['وماذا عن {item}؟ هل يصل مع نفس الشحنة؟', 'سيتم شحن {item} بشكل منفصل ويصل يوم {day}.'],
      ['هل يمكن توصيل {item} يوم {day}؟', 'تم، سيصل {item} يوم {day}.'],
    ],
    replies: ['شكرا جزيلا.', 'حسنا، فهمت.', 'كم من الوقت سيستغرق ذلك؟', 'ممتاز 👍'],
  },
};

const ITEMS: Record<Language, string[]> = {
  en: ['sofa', 'bookshelf', 'desk lamp', 'rug', 'dining table', 'side table', 'mirror', 'bed frame', 'armchair', 'wardrobe'],
  es: ['sofá', 'escritorio', 'espejo', 'armario'],
  de: ['Schreibtisch', 'Teppich', 'Spiegel', 'Schrank'],
  fr: ['canapé', 'bureau', 'miroir', 'tapis'],
  ar: ['الكنبة', 'المكتب', 'المرآة', 'السجادة'],
};
const DAYS: Record<Language, string[]> = {
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  es: ['lunes', 'martes', 'miércoles', 'jueves', 'viernes'],
  de: ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag'],
  fr: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi'],
  ar: ['الأحد', 'الإثنين', 'الثلاثاء', 'الأربعاء', 'الخميس'],
};

/** What a scripted customer answers to an agent. */
export function customerReply(language: Language, random: Random): string {
  return random.pick(SCRIPTS[language].replies);
}

/** How a new customer opens a conversation. */
export function openingLine(language: Language, random: Random): string {
  const topic = random.pick(SCRIPTS[language].topics);
  return fill(topic[0]!.text, language, { order: orderNumber(random), amount: amount(random) }, random);
}

/** What the backend writes into a conversation when it ends. */
export function endedNotice(by: Agent | 'customer'): string {
  return by === 'customer' ? 'The customer left the chat' : `${by.name} ended the chat`;
}

/** The one-line preview the lists show. */
export function previewOf(message: Message): MessagePreview {
  const text = message.text.trim() ? message.text.trim().slice(0, 140) : message.location ? '📍' : message.attachments.length ? '📷' : '';
  return { text, author: message.author, at: message.sentAt };
}

interface Details {
  order: string;
  amount: string;
}

const orderNumber = (random: Random) => `#${random.int(100000, 999999)}`;
const amount = (random: Random) => `${random.int(9, 189)}.${String(random.int(0, 99)).padStart(2, '0')}`;

function fill(text: string, language: Language, details: Details, random: Random): string {
  return text
    .replaceAll('{order}', details.order)
    .replaceAll('{amount}', details.amount)
    .replaceAll('{item}', () => random.pick(ITEMS[language]))
    .replaceAll('{day}', () => random.pick(DAYS[language]));
}

function imageAttachment(image: SeedImage): Attachment {
  return {
    name: image.name,
    mimeType: 'image/png',
    size: Math.floor((image.png.length * 3) / 4) - (image.png.match(/=+$/)?.[0].length ?? 0),
    url: `data:image/png;base64,${image.png}`,
    width: image.width,
    height: image.height,
  };
}

/** The exchange of one conversation: a topic, then questions and answers until `length` lines. */
function scriptFor(language: Language, topicIndex: number, length: number | undefined, random: Random): Line[] {
  const script = SCRIPTS[language];
  const topic = script.topics[topicIndex % script.topics.length]!;
  const wanted = length ?? topic.length;
  const lines = topic.slice(0, wanted);
  while (lines.length < wanted) {
    const [question, answer] = random.pick(script.chatter);
    // The answer is about the same item and day as the question.
    const item = random.pick(ITEMS[language]);
    const day = random.pick(DAYS[language]);
    const about = (text: string) => text.replaceAll('{item}', item).replaceAll('{day}', day);
    lines.push(c(about(question)), a(about(answer)));
  }
  return lines.slice(0, wanted);
}

// ── walk-in customers (live traffic, queueConversation) ─────────────────────

const FIRST_NAMES: Record<Language, string[]> = {
  en: ['Olivia', 'Jack', 'Amelia', 'Harry', 'Isla', 'George', 'Mia', 'Leo'],
  es: ['Lucía', 'Pablo', 'Carmen', 'Diego'],
  de: ['Anna', 'Felix', 'Marie', 'Paul'],
  fr: ['Léa', 'Hugo', 'Manon', 'Jules'],
  ar: ['نور', 'يوسف', 'سارة', 'خالد'],
};
const LAST_NAMES: Record<Language, string[]> = {
  en: ['Walker', 'Hughes', 'Price', 'Shaw', 'Ahmed', 'Reid'],
  es: ['Romero', 'Navarro', 'Ortega', 'Molina'],
  de: ['Wagner', 'Hoffmann', 'Klein', 'Wolf'],
  fr: ['Bernard', 'Petit', 'Roux', 'Fontaine'],
  ar: ['العلي', 'منصور', 'سليمان', 'النجار'],
};

export interface WalkIn {
  customer: Customer;
  language: Language;
  channel: string;
}

/** A new customer: mostly named, some known only by phone number, now and then anonymous. */
export function walkInCustomer(random: Random, id: string): WalkIn {
  const language = random.pick<Language>(['en', 'en', 'en', 'es', 'de', 'fr', 'ar']);
  const kind = random.next();
  if (kind < 0.2) {
    const phone = `+44 7700 900${String(random.int(0, 999)).padStart(3, '0')}`;
    return { customer: { id, phone }, language, channel: random.pick(['whatsapp', 'sms']) };
  }
  if (kind < 0.25) return { customer: { id }, language, channel: 'chat' };
  const name = `${random.pick(FIRST_NAMES[language])} ${random.pick(LAST_NAMES[language])}`;
  return { customer: { id, name }, language, channel: random.pick(['chat', 'messenger', 'whatsapp']) };
}

// ── the seeded world ────────────────────────────────────────────────────────

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

const person = (slug: string, language: Language, name: string): SeedCustomer => ({ id: `cust-${slug}`, name, language });
const phoneOnly = (slug: string, language: Language, phone: string): SeedCustomer => ({ id: `cust-${slug}`, phone, language });
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
  const note = (conversation: Conversation, author: Agent, text: string, minutesAgo: number) => {
    const notes = world.notes.get(conversation.id) ?? [];
    notes.push({ id: nextId('note'), conversationId: conversation.id, author, text, createdAt: now - minutesAgo * MINUTE });
    world.notes.set(conversation.id, notes);
  };

  // Earlier conversations come first so ids follow time, as on a real server.
  for (let index = 0; index < 14; index++) {
    add({ customer: EMMA, channel: random.pick(['chat', 'whatsapp']), status: 'ended', assignee: index % 3 === 0 ? me : colleague, minutesAgo: (3 + index * 27) * 24 * 60, topic: index, length: index === 6 ? 204 : undefined });
  }
  add({ customer: EMMA, channel: 'chat', status: 'ended', assignee: me, minutesAgo: 26 * 60, topic: 1 });
  add({ customer: LAYLA, channel: 'whatsapp', status: 'ended', assignee: me, minutesAgo: 9 * 24 * 60, topic: 1 });
  add({ customer: LAYLA, channel: 'whatsapp', status: 'ended', assignee: me, minutesAgo: 41 * 24 * 60, topic: 0 });
  add({ customer: UK_PHONE, channel: 'sms', status: 'ended', assignee: me, minutesAgo: 15 * 24 * 60, topic: 7 });
  add({ customer: DANIEL, channel: 'chat', status: 'ended', assignee: me, minutesAgo: 4 * 24 * 60, topic: 4 });
  add({ customer: DANIEL, channel: 'chat', status: 'ended', assignee: me, minutesAgo: 30 * 24 * 60, topic: 6, endedBy: 'customer' });
  add({ customer: DANIEL, channel: 'messenger', status: 'ended', assignee: colleague, minutesAgo: 70 * 24 * 60, topic: 2 });
  const hannahBefore = add({ customer: HANNAH, channel: 'chat', status: 'ended', assignee: me, minutesAgo: 6 * 24 * 60, topic: 2 });
  add({ customer: person('tom-fischer', 'en', 'Tom Fischer'), channel: 'messenger', status: 'ended', assignee: me, minutesAgo: 3 * 60, topic: 5 });
  add({ customer: person('ruby-evans', 'en', 'Ruby Evans'), channel: 'chat', status: 'ended', assignee: me, minutesAgo: 5 * 60, topic: 3, endedBy: 'customer' });
  add({ customer: person('lucas-moreau', 'fr', 'Lucas Moreau'), channel: 'chat', status: 'ended', assignee: me, minutesAgo: 2 * 24 * 60, topic: 1 });
  add({ customer: person('isabel-torres', 'es', 'Isabel Torres'), channel: 'whatsapp', status: 'ended', assignee: me, minutesAgo: 20 * 60, topic: 0 });
  add({ customer: person('ben-carter', 'en', 'Ben Carter'), channel: 'chat', status: 'ended', assignee: colleague, minutesAgo: 8 * 60, topic: 7 });

  // Conversations: mine, active.
  const emmaNow = add({ customer: EMMA, channel: 'chat', status: 'active', assignee: me, minutesAgo: 2, length: 262, topic: 4, then: [c('Also — can the {item} come before the weekend?')] });
  const laylaNow = add({ customer: LAYLA, channel: 'whatsapp', status: 'active', assignee: me, minutesAgo: 4, topic: 0, length: 3 });
  const ukPhoneNow = add({ customer: UK_PHONE, channel: 'sms', status: 'active', assignee: me, minutesAgo: 11, topic: 1, length: 3, then: [c('Here’s the receipt from the post office.', { image: RECEIPT })] });
  add({ customer: MARIA, channel: 'messenger', status: 'active', assignee: me, minutesAgo: 7, topic: 1, length: 4 });
  add({ customer: DANIEL, channel: 'chat', status: 'active', assignee: me, minutesAgo: 25, length: 214, topic: 0 });
  add({ customer: JONAS, channel: 'chat', status: 'active', assignee: me, minutesAgo: 16, topic: 1, length: 2 });
  add({ customer: VISITOR, channel: 'chat', status: 'active', assignee: me, minutesAgo: 1, topic: 5, length: 2, then: [c('I’m at the parcel locker instead, is this one OK?', { location: CUSTOMER_AT_LOCKER })] });
  add({ customer: GRACE, channel: 'whatsapp', status: 'active', assignee: me, minutesAgo: 38, topic: 2, length: 5 });

  // Offered to me.
  add({ customer: person('camille-dubois', 'fr', 'Camille Dubois'), channel: 'chat', status: 'offered', assignee: me, minutesAgo: 1, topic: 0 });
  add({ customer: phoneOnly('12025550143', 'en', '+1 202 555 0143'), channel: 'sms', status: 'offered', assignee: me, minutesAgo: 2, topic: 7 });
  add({ customer: person('oliver-bennett', 'en', 'Oliver Bennett'), channel: 'messenger', status: 'offered', assignee: me, minutesAgo: 3, topic: 6 });

  // Picklist: waiting for anyone; the longest waiting first.
  const hannahNow = add({ customer: HANNAH, channel: 'chat', status: 'queued', minutesAgo: 34, topic: 0 });
  add({ customer: person('javier-lopez', 'es', 'Javier López'), channel: 'whatsapp', status: 'queued', minutesAgo: 31, topic: 0 });
  add({ customer: person('lena-schmidt', 'de', 'Lena Schmidt'), channel: 'chat', status: 'queued', minutesAgo: 28, topic: 0 });
  add({ customer: person('louis-martin', 'fr', 'Louis Martin'), channel: 'messenger', status: 'queued', minutesAgo: 26, topic: 1 });
  add({ customer: person('omar-alkhatib', 'ar', 'عمر الخطيب'), channel: 'whatsapp', status: 'queued', minutesAgo: 22, topic: 1 });
  add({ customer: phoneOnly('447700900456', 'en', '+44 7700 900456'), channel: 'sms', status: 'queued', minutesAgo: 19, topic: 1 });
  add({ customer: phoneOnly('34612345678', 'es', '+34 612 345 678'), channel: 'whatsapp', status: 'queued', minutesAgo: 17, topic: 1 });
  add({ customer: phoneOnly('4915123456789', 'de', '+49 151 23456789'), channel: 'sms', status: 'queued', minutesAgo: 15, topic: 0 });
  // Hostile text must always show as text: the kit never renders it as markup or a link.
  add({
    customer: person('mallory', 'en', 'Mallory <img src=x onerror=alert(1)>'),
    channel: 'chat',
    status: 'queued',
    minutesAgo: 12,
    length: 0,
    then: [c('<script>alert("hi")</script> Where is my order? Track it here: javascript:alert(1) or https://track.example.com/RM123456785GB')],
  });
  add({ customer: person('noah-patel', 'en', 'Noah Patel'), channel: 'messenger', status: 'queued', minutesAgo: 9, topic: 4 });
  add({ customer: person('chloe-lefevre', 'fr', 'Chloé Lefèvre'), channel: 'chat', status: 'queued', minutesAgo: 7, topic: 0 });
  add({ customer: person('aisha-khan', 'en', 'Aisha Khan'), channel: 'whatsapp', status: 'queued', minutesAgo: 5, topic: 2 });
  add({ customer: anonymous('visitor-7310', 'en'), channel: 'chat', status: 'queued', minutesAgo: 3, topic: 6 });
  add({ customer: person('sofia-rossi', 'en', 'Sofia Rossi'), channel: 'chat', status: 'queued', minutesAgo: 1, topic: 3 });

  // The colleague's own work: never in my lists.
  const colleagueChat = add({ customer: person('marco-bianchi', 'en', 'Marco Bianchi'), channel: 'chat', status: 'active', assignee: colleague, minutesAgo: 6, topic: 1 });
  add({ customer: person('yuki-tanaka', 'en', 'Yuki Tanaka'), channel: 'whatsapp', status: 'active', assignee: colleague, minutesAgo: 14, topic: 7, length: 3 });
  add({ customer: person('peter-novak', 'en', 'Peter Novak'), channel: 'messenger', status: 'offered', assignee: colleague, minutesAgo: 1, topic: 5 });

  note(emmaNow, colleague, 'Long-standing customer: always offer free returns.', 3 * 24 * 60);
  note(emmaNow, me, 'Waiting on the warehouse about the rug colour.', 45);
  note(laylaNow, me, 'Prefers WhatsApp; no call-back needed.', 3);
  note(ukPhoneNow, me, 'Receipt received; refund waiting for approval from finance.', 10);
  note(hannahNow, colleague, 'Called earlier about the same order — see ticket 4471.', 40);
  note(hannahBefore, me, 'Replacement sent, tracking RM123456785GB.', 6 * 24 * 60);
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
  const lines = [...(waiting && plan.length === undefined ? script.slice(0, firstAgentLine(script)) : script), ...(plan.then ?? [])];
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
      status: author === 'agent' && status === 'active' && index === lastAgentIndex ? 'delivered' : author === 'agent' ? 'read' : 'delivered',
    };
  });
  if (status === 'ended') {
    const endedAt = messages.at(-1)!.sentAt + random.int(1, 5) * MINUTE;
    const endedBy = plan.endedBy ?? assignee!;
    const messageId = nextId('msg');
    messages.push({ id: messageId, clientId: messageId, conversationId: id, author: 'system', text: endedNotice(endedBy), attachments: [], sentAt: endedAt, status: 'delivered' });
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
