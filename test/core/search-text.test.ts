import { expect } from '@open-wc/testing';
import type { Conversation } from '../../src/core/model.js';
import { conversationMatcher, matchingMessage, matchRanges, MAX_QUERY_LENGTH } from '../../src/core/search-text.js';
import { checkSearchQuery, searchPage } from '../../src/adapters/backend-search.js';

const conversation = (id: string, name?: string, phone?: string, last?: string, updatedAt = 0): Conversation => ({
  id,
  customer: { id: `c-${id}`, name, phone },
  channel: 'chat',
  status: 'ended',
  createdAt: 0,
  updatedAt,
  unreadCount: 0,
  ...(last && { lastMessage: { text: last, author: 'customer' as const, at: updatedAt } }),
});

describe('what a search matches', () => {
  it('ignores case and accents, and marks the original characters', () => {
    expect(matchRanges('José Álvarez', 'jose alv')).to.deep.equal([[0, 8]]);
    expect(matchRanges('Ærøskøbing Straße', 'STRASSE')).to.deep.equal([], 'ß is no ss: no false marks');
    expect(matchRanges('résumé, RÉSUMÉ', 'resume')).to.deep.equal([
      [0, 6],
      [8, 14],
    ]);
  });

  it('marks whole characters beyond the basic plane and never splits them', () => {
    const text = 'ok 😀 ok 😀';
    expect(matchRanges(text, '😀')).to.deep.equal([
      [3, 5],
      [9, 11],
    ]);
  });

  it('compares a phone-like query by its digits only', () => {
    expect(matchRanges('+49 (170) 123-4567', '170 1234')).to.deep.equal([[5, 15]]);
    expect(matchRanges('+49 170', '17')).to.deep.equal([[4, 6]], 'two digits match as text');
    const matches = conversationMatcher('0170-123');
    expect(matches(conversation('a', undefined, '0170 123 4567'))).to.equal(true);
    expect(matches(conversation('b', 'Ada', '0999'))).to.equal(false);
  });

  it('finds nothing for an empty or blank query, and cuts a long one', () => {
    expect(matchRanges('anything', '   ')).to.deep.equal([]);
    expect(conversationMatcher('')(conversation('a', 'Ada'))).to.equal(false);
    const long = 'a'.repeat(MAX_QUERY_LENGTH + 50);
    expect(matchRanges('a'.repeat(MAX_QUERY_LENGTH), long)).to.deep.equal([[0, MAX_QUERY_LENGTH]]);
  });

  it('looks at name, phone, last message and the loaded messages, and names the matching message', () => {
    const ada = conversation('a', 'Ada', undefined, 'thanks');
    const messages = [{ text: 'my kettle leaks' }, { text: 'thanks' }];
    expect(conversationMatcher('KETTLE')(ada, messages)).to.equal(true);
    expect(conversationMatcher('kettle')(ada)).to.equal(false);
    expect(matchingMessage(messages, 'kettle')).to.equal('my kettle leaks');
    expect(matchingMessage(messages, 'nope')).to.equal(undefined);
  });

  it('treats markup and pattern characters as plain text', () => {
    expect(matchRanges('<img src=x onerror=alert(1)>', '<img')).to.deep.equal([[0, 4]]);
    expect(matchRanges('a.b*c', '.b*')).to.deep.equal([[1, 4]]);
    expect(conversationMatcher('.*')(conversation('a', 'Ada'))).to.equal(false);
  });
});

describe('a backend’s search page', () => {
  const all = Array.from({ length: 5 }, (_, index) =>
    conversation(`c${index}`, `Kim ${index}`, undefined, 'hi', index),
  );

  it('is newest first, pages with a cursor for its own query, and refuses a bad query', () => {
    const first = searchPage(all, () => [], 'kim', { limit: 3 });
    expect(first.items.map((c) => c.id)).to.deep.equal(['c4', 'c3', 'c2']);
    const second = searchPage(all, () => [], 'kim', { limit: 3, cursor: first.nextCursor });
    expect(second.items.map((c) => c.id)).to.deep.equal(['c1', 'c0']);
    expect(second.nextCursor).to.equal(undefined);
    expect(() => searchPage(all, () => [], 'kim 1', { cursor: first.nextCursor })).to.throw('not valid');
    expect(() => checkSearchQuery('')).to.throw();
    expect(() => checkSearchQuery(42)).to.throw();
    expect(() => checkSearchQuery('x'.repeat(MAX_QUERY_LENGTH + 1))).to.throw();
    expect(() => searchPage(all, () => [], 'kim', { limit: 0 })).to.throw();
  });
});
