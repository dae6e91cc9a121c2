/**
 * A customer's long history with the agent's team, made up but shaped like the real thing: messages of
 * every length in several scripts, photos of phone and camera sizes, shared locations, and earlier
 * conversations that ended. The same seed always gives the same history.
 */
import type { Attachment, GeoLocation, Message, MessageAuthor } from '../src/core/model.js';
import type { MessageListRow } from '../src/elements/conv-message-list/conv-message-list.js';
import { createRandom, type Random } from '../src/adapters/memory.js';

export interface MessageSpec {
  author: MessageAuthor;
  text: string;
  photo?: { width: number; height: number };
  location?: GeoLocation;
}

/** One conversation, oldest message first. Earlier ones end with the backend's notice. */
export interface ConversationSpec {
  messages: MessageSpec[];
}

/** What the backend writes when the customer leaves (memory-seed's `endedNotice('customer')`). */
export const CUSTOMER_LEFT = 'The customer left the chat';

/** Photos come from the backend's http(s) URLs; this one is a tiny PNG served beside the page. */
export const PHOTO_URL = new URL('photo.png', location.href).href;

const SHORT = [
  'ok',
  'Thanks!',
  'Sure 👍',
  'Yes',
  'No, not yet',
  'One moment please',
  'Great, thank you so much',
  'merci',
  'vale, gracias',
  'شكرا',
  'תודה רבה',
  '好的',
  'Perfect 🙏',
  'Hello?',
  'Still there?',
];
const SENTENCES = [
  'Hi, my order has not arrived yet and the tracking page has not changed since Monday.',
  'Could you check the tracking number for me? It is 4821-7734-1123.',
  'I can see the parcel left our warehouse on Tuesday morning.',
  'The courier marked it as delivered yesterday at 14:32, but nobody rang the bell.',
  'Can I change the delivery address to my office instead?',
  'I have asked the courier to open an investigation; they usually answer within 48 hours.',
  'Mi pedido llegó dañado, ¿qué puedo hacer?',
  'Bonjour, je voudrais annuler ma commande et être remboursé.',
  'Ich habe die falsche Größe bekommen und möchte sie umtauschen.',
  'مرحبا، لم يصل طلبي بعد، هل يمكنك المساعدة؟',
  'שלום, אפשר לקבל החזר כספי על ההזמנה?',
  '我的包裹什么时候到？已经等了一个星期了。',
  'Here is the return label: https://example.com/returns/label?order=4821-7734-1123&lang=en',
  'The refund will show on your statement in three to five working days.',
  'I am sorry for the trouble, I will make sure this gets sorted out today.',
  'Is there anything else I can help you with?',
  'The box was open and one of the two cups inside was broken.',
  'Please keep the packaging until the courier has collected it.',
];
const PHOTO_SIZES = [
  { width: 4032, height: 3024 },
  { width: 3024, height: 4032 },
  { width: 1170, height: 2532 },
  { width: 1600, height: 1200 },
  { width: 1080, height: 1080 },
];
const PLACES: GeoLocation[] = [
  { latitude: 51.50735, longitude: -0.12776, accuracy: 12, label: 'Trafalgar Square, London' },
  { latitude: 48.85837, longitude: 2.29448, accuracy: 30 },
  { latitude: 40.41678, longitude: -3.70379, accuracy: 8, label: 'Parcel locker, Puerta del Sol' },
];

/** Mostly one line, often two or three sentences, sometimes a long paragraph or two. */
function textOf(random: Random): string {
  const roll = random.next();
  if (roll < 0.4) return random.pick(SHORT);
  const sentences = roll < 0.85 ? 1 + Math.floor(random.next() * 3) : 4 + Math.floor(random.next() * 7);
  const parts = Array.from({ length: sentences }, () => random.pick(SENTENCES));
  return sentences > 5 ? `${parts.slice(0, 3).join(' ')}\n\n${parts.slice(3).join(' ')}` : parts.join(' ');
}

function messageOf(random: Random, author: MessageAuthor): MessageSpec {
  const roll = random.next();
  if (roll < 0.07)
    return { author, text: random.next() < 0.5 ? '' : random.pick(SHORT), photo: random.pick(PHOTO_SIZES) };
  if (roll < 0.095) return { author, text: '', location: random.pick(PLACES) };
  return { author, text: textOf(random) };
}

/**
 * `total` messages: the conversation open now holds half of them, earlier conversations the rest.
 * Each conversation opens with the customer writing; earlier ones close with {@link CUSTOMER_LEFT}.
 */
export function customerHistory(total: number, { earlierConversations = 3, seed = 1 } = {}): ConversationSpec[] {
  const random = createRandom(seed);
  const current = earlierConversations ? Math.ceil(total / 2) : total;
  const sizes = Array.from(
    { length: earlierConversations },
    (_, index) =>
      Math.floor((total - current) / earlierConversations) + (index < (total - current) % earlierConversations ? 1 : 0),
  );
  return [...sizes, current].map((size, index) => {
    const ended = index < earlierConversations;
    const messages: MessageSpec[] = [{ author: 'customer', text: random.pick(SENTENCES) }];
    let author: MessageAuthor = 'agent';
    while (messages.length < size - (ended ? 1 : 0)) {
      messages.push(messageOf(random, author));
      // People write in bursts: the turn passes about two times in three.
      if (random.next() < 0.65) author = author === 'agent' ? 'customer' : 'agent';
    }
    if (ended) messages.push({ author: 'system', text: CUSTOMER_LEFT });
    return { messages };
  });
}

/** `count` more messages, for pages of older history and for new arrivals. */
export function moreMessages(count: number, seed: number): MessageSpec[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, index) => messageOf(random, index % 2 ? 'agent' : 'customer'));
}

export function photoOf(spec: MessageSpec, name: string): Attachment[] {
  return spec.photo ? [{ name, mimeType: 'image/jpeg', size: 1_843_200, url: PHOTO_URL, ...spec.photo }] : [];
}

export function messageFrom(spec: MessageSpec, conversationId: string, clientId: string, sentAt: number): Message {
  return {
    id: clientId,
    clientId,
    conversationId,
    author: spec.author,
    authorName: spec.author === 'agent' ? 'Alex Morgan' : spec.author === 'customer' ? 'Amira Haddad' : undefined,
    text: spec.text,
    attachments: photoOf(spec, `IMG_${clientId}.jpg`),
    location: spec.location,
    sentAt,
    status: spec.author === 'agent' ? 'read' : 'delivered',
  };
}

/** The rows `<conv-chat>` hands its list for this history: earlier conversations under dated separators, then this one. */
export function rowsOf(history: ConversationSpec[], startAt: number): MessageListRow[] {
  const rows: MessageListRow[] = [];
  let sentAt = startAt;
  history.forEach((conversation, index) => {
    const conversationId = `conversation-${index + 1}`;
    if (history.length > 1)
      rows.push({
        kind: 'separator',
        key: `conversation:${conversationId}`,
        label: `Conversation on ${new Date(sentAt).toDateString()}`,
      });
    conversation.messages.forEach((spec, position) => {
      sentAt += 61_000;
      rows.push({
        kind: 'message',
        key: `${conversationId}-${position}`,
        message: messageFrom(spec, conversationId, `${conversationId}-${position}`, sentAt),
      });
    });
  });
  return rows;
}

/** One message row per spec, with keys that cannot collide with {@link rowsOf}'s. */
export function extraRows(specs: MessageSpec[], prefix: string, sentAt: number): MessageListRow[] {
  return specs.map((spec, index) => ({
    kind: 'message',
    key: `${prefix}-${index}`,
    message: messageFrom(spec, 'conversation-extra', `${prefix}-${index}`, sentAt + index),
  }));
}

/** What the plain-DOM floor writes for a row: its text, else what the bubble would show instead. */
export function plainTextOf(row: MessageListRow): string {
  if (row.kind === 'separator') return row.label;
  const { message } = row;
  return message.text || message.location?.label || message.attachments[0]?.name || 'Shared a location';
}
