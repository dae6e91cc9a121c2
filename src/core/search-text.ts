/**
 * What "matches" means when an agent searches: case and accents are ignored ("jose" finds "José"),
 * and a query that looks like a phone number compares digits only ("+49 170 12" finds "0049-17012…").
 * One definition for the lists (which search what is loaded), the memory backend and the reference
 * server (which search the rest), so a result never depends on where it was found. No DOM.
 */
import type { Conversation } from './model.js';

/** Longer queries are refused by backends (`invalid`); the lists cut them to this. */
export const MAX_QUERY_LENGTH = 200;

const MARKS = /\p{M}/gu;
const PHONE_LIKE = /^[\d\s+\-().]*\d[\d\s+\-().]*$/;
const foldChar = (char: string) => char.normalize('NFD').replace(MARKS, '').toLowerCase();

interface Folded {
  text: string;
  /** For each character of `text`, where it came from in the original. */
  from: number[];
}

/** `text` folded for comparing, one original position per folded character; `digits` keeps digits only. */
function fold(text: string, digits: boolean): Folded {
  let folded = '';
  const from: number[] = [];
  let position = 0;
  for (const char of text) {
    const part = digits ? (/\d/.test(char) ? char : '') : foldChar(char);
    // Per UTF-16 unit, so positions in `folded` and `from` agree for characters beyond the basic plane too.
    for (let unit = 0; unit < part.length; unit++) from.push(position);
    folded += part;
    position += char.length;
  }
  return { text: folded, from };
}

/** The query as the comparisons use it: trimmed, cut to {@link MAX_QUERY_LENGTH}. */
export const searchQuery = (query: string) => query.trim().slice(0, MAX_QUERY_LENGTH);

/**
 * Where `query` occurs in `text`, as [start, end) ranges of `text`, in order and never overlapping;
 * `[]` for none (and for an empty query).
 */
export function matchRanges(text: string, query: string): Array<[number, number]> {
  query = searchQuery(query);
  if (!query || !text) return [];
  const digits = PHONE_LIKE.test(query) && query.replace(/\D/g, '').length >= 3;
  const modes = digits ? [false, true] : [false];
  for (const mode of modes) {
    const needle = fold(query, mode).text;
    if (!needle) continue;
    const haystack = fold(text, mode);
    const ranges: Array<[number, number]> = [];
    for (let at = haystack.text.indexOf(needle); at !== -1; at = haystack.text.indexOf(needle, at + needle.length)) {
      const last = haystack.from[at + needle.length - 1]!;
      // The end is after the whole original character the last folded one came from.
      ranges.push([haystack.from[at]!, last + (text.codePointAt(last)! > 0xffff ? 2 : 1)]);
    }
    if (ranges.length) return ranges;
  }
  return [];
}

/** `text` as searches compare it: without accents, in lower case. */
export const foldForSearch = (text: string) => text.normalize('NFD').replace(MARKS, '').toLowerCase();

/** Folded texts per conversation record and per message list: records are replaced, never changed, so each is folded once. */
const foldedConversations = new WeakMap<Conversation, { text: string; digits: string }>();
const foldedMessages = new WeakMap<readonly { text: string }[], string>();

function foldedConversation(conversation: Conversation) {
  let folded = foldedConversations.get(conversation);
  if (!folded) {
    const { customer, lastMessage } = conversation;
    folded = {
      text: foldForSearch([customer.name, customer.phone, lastMessage?.text].join('\n')),
      digits: (customer.phone ?? '').replace(/\D/g, ''),
    };
    foldedConversations.set(conversation, folded);
  }
  return folded;
}

/**
 * A test for whether a conversation matches `query`: its customer's name or phone number, its last
 * message, or one of `messages` (those loaded) holds it. Made once per query, run per conversation:
 * fast enough for thousands per keystroke.
 */
export function conversationMatcher(
  query: string,
): (conversation: Conversation, messages?: readonly { text: string }[]) => boolean {
  query = searchQuery(query);
  const needle = foldForSearch(query);
  const digits = PHONE_LIKE.test(query) ? query.replace(/\D/g, '') : '';
  return (conversation, messages = []) => {
    if (!needle) return false;
    const folded = foldedConversation(conversation);
    if (folded.text.includes(needle) || (digits.length >= 3 && folded.digits.includes(digits))) return true;
    if (!messages.length) return false;
    let text = foldedMessages.get(messages);
    if (text === undefined)
      foldedMessages.set(messages, (text = foldForSearch(messages.map((m) => m.text).join('\n'))));
    return text.includes(needle);
  };
}

/** The text of `messages` (newest last) to show for a match of `query` when the list item's own texts hold none. */
export function matchingMessage(messages: readonly { text: string }[], query: string): string | undefined {
  for (let index = messages.length - 1; index >= 0; index--)
    if (matchRanges(messages[index]!.text, query).length) return messages[index]!.text;
}
