import type { Message } from '../../core/model.js';
import { isolate } from '../shared/format.js';
import type { PageStrings } from '../shared/strings.js';

/** A dated heading above one conversation ("Conversation on Monday 3 March 2025"). */
export interface SeparatorRow {
  kind: 'separator';
  /** Unique and stable across updates (e.g. `conversation:<id>`). */
  key: string;
  label: string;
}

export interface MessageRow {
  kind: 'message';
  /** Unique and stable across updates: the message's clientId. */
  key: string;
  message: Message;
  /** 0…1 while the message's files upload. */
  progress?: number;
}

/** One row of the flat list model, oldest first. */
export type MessageListRow = SeparatorRow | MessageRow;

/** How many rows at the start of `next` are the very same row objects as in `previous`. */
export function unchangedPrefix(previous: readonly MessageListRow[], next: readonly MessageListRow[]): number {
  const limit = Math.min(previous.length, next.length);
  let index = 0;
  while (index < limit && previous[index] === next[index]) index++;
  return index;
}

/** What a screen reader says about a message that just arrived. */
export function announce(message: Message, t: PageStrings): string {
  const author = message.author === 'system' ? t.system : message.authorName ? isolate(message.authorName) : t.customer;
  const text =
    message.text.trim() || (message.location ? t.sharedLocation : message.attachments.map((a) => a.name).join(', '));
  return `${author}: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
}
