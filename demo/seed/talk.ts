/**
 * The demo's scripts put to use: a conversation's lines with its order numbers, items and days filled
 * in, what customers answer, and the people who walk in. Everything is drawn from a seeded `Random`,
 * so it repeats.
 */
import type { Attachment, Customer } from '../../src/core/model.js';
import type { Random } from '../../src/adapters/memory.js';
import { c, a, DAYS, ITEMS, SCRIPTS, type Language, type Line, type SeedImage } from './scripts.js';

export { CUSTOMER_AT_LOCKER, RECEIPT, c, type Language, type Line } from './scripts.js';

export function customerReply(language: Language, random: Random): string {
  return random.pick(SCRIPTS[language].replies);
}

/** How a new customer opens a conversation. */
export function openingLine(language: Language, random: Random): string {
  const topic = random.pick(SCRIPTS[language].topics);
  return fill(topic[0]!.text, language, { order: orderNumber(random), amount: amount(random) }, random);
}

/** What the backend writes into a conversation when it ends. */

interface Details {
  order: string;
  amount: string;
}

export const orderNumber = (random: Random) => `#${random.int(100000, 999999)}`;
export const amount = (random: Random) => `${random.int(9, 189)}.${String(random.int(0, 99)).padStart(2, '0')}`;

export function fill(text: string, language: Language, details: Details, random: Random): string {
  return text
    .replaceAll('{order}', details.order)
    .replaceAll('{amount}', details.amount)
    .replaceAll('{item}', () => random.pick(ITEMS[language]))
    .replaceAll('{day}', () => random.pick(DAYS[language]));
}

export function imageAttachment(image: SeedImage): Attachment {
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
export function scriptFor(language: Language, topicIndex: number, length: number | undefined, random: Random): Line[] {
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

/**
 * A new customer: mostly named, some known only by phone number, now and then anonymous. The name
 * is none of `taken`: two customers never share one.
 */
export function walkInCustomer(random: Random, id: string, taken: ReadonlySet<string> = new Set()): WalkIn {
  const language = random.pick<Language>(['en', 'en', 'en', 'es', 'de', 'fr', 'ar']);
  const kind = random.next();
  if (kind < 0.2) {
    const phone = `+44 7700 900${String(random.int(0, 999)).padStart(3, '0')}`;
    return { customer: { id, phone }, language, channel: random.pick(['whatsapp', 'sms']) };
  }
  if (kind < 0.25) return { customer: { id }, language, channel: 'chat' };
  const name = freeName(language, random.pick(FIRST_NAMES[language]), random.pick(LAST_NAMES[language]), taken);
  return { customer: { id, name }, language, channel: random.pick(['chat', 'messenger', 'whatsapp']) };
}

/**
 * `first last` unless someone has it; else the next free name from there: another pair, then a pair
 * with a second family name (`Olivia Walker Price`), then a number once every such name is taken.
 */
function freeName(language: Language, first: string, last: string, taken: ReadonlySet<string>): string {
  const firsts = FIRST_NAMES[language];
  const lasts = LAST_NAMES[language];
  const start = firsts.indexOf(first) * lasts.length + lasts.indexOf(last);
  const count = firsts.length * lasts.length;
  for (let round = 1; ; round++)
    for (let step = 0; step < count * (lasts.length + 1); step++) {
      const index = (start + step) % count;
      const family = lasts[index % lasts.length];
      const second = lasts[Math.floor(step / count) - 1];
      if (second === family) continue;
      const name = [firsts[Math.floor(index / lasts.length)], family, second, round > 1 && round]
        .filter(Boolean)
        .join(' ');
      if (!taken.has(name)) return name;
    }
}
