/**
 * Cursor paging as the adapter contract describes it (`listMessages`, `listPreviousConversations`, `searchConversations`),
 * for backends written in TypeScript: the memory backend, the reference server, an integrator's own.
 */
import { ConvError } from './errors.js';
import type { Page } from './model.js';

export type PagedList = 'messages' | 'previous' | 'search';

interface PageCursor {
  /** The conversation and the list the cursor was made for: it is no good for another. */
  of: string;
  list: PagedList;
  position: number;
}

/** The page size a caller asked for, checked; `fallback` when it asked for none. */
export function pageLimit(limit: number | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > max)
    throw new ConvError(
      'invalid',
      max === Number.MAX_SAFE_INTEGER ? 'A page holds at least one item' : `A page holds 1 to ${max} items`,
      { limit },
    );
  return limit;
}

/** Cursors are opaque to callers: base64 of a small JSON object naming where the next page starts. */
export function writeCursor(conversationId: string, list: PagedList, position: number): string {
  return btoa(encodeURIComponent(JSON.stringify({ of: conversationId, list, position } satisfies PageCursor)));
}

/** The position a cursor points at; `invalid` for anything not made by writeCursor for this list. */
export function readCursor(text: string, conversationId: string, list: PagedList): number {
  try {
    const cursor = JSON.parse(decodeURIComponent(atob(text))) as Partial<PageCursor>;
    if (
      cursor.of === conversationId &&
      cursor.list === list &&
      Number.isInteger(cursor.position) &&
      cursor.position! >= 0
    )
      return cursor.position!;
  } catch {
    // Not base64 or not JSON: the same answer as a well-formed cursor for something else.
  }
  throw new ConvError('invalid', 'This page cursor is not valid here', { cursor: text });
}

/** A page; no `nextCursor` means there is nothing more. */
export function page<T>(items: T[], nextCursor: string | undefined): Page<T> {
  return nextCursor === undefined ? { items } : { items, nextCursor };
}
