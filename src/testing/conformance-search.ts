/**
 * The optional `searchConversations` (what it finds, what it never shows, its paging) and
 * `listStandardResponses`. An adapter without a method skips its rules (the elements then do without).
 */
import { expect } from '@open-wc/testing';
import type { ConversationAdapter } from '../core/adapter.js';
import { expectCode, type ConformanceKit } from './conformance-kit.js';

type Searching = ConversationAdapter & Required<Pick<ConversationAdapter, 'searchConversations'>>;
const canSearch = (adapter: ConversationAdapter): adapter is Searching => !!adapter.searchConversations;

export function describeSearchRules({
  describe,
  it,
  controls,
  agentDevice,
  colleagueDevice,
  words,
}: ConformanceKit): void {
  describe('searching conversations (optional searchConversations)', () => {
    it('finds a conversation by its customer’s name, ignoring case and accents', async () => {
      const { adapter } = await agentDevice();
      if (!canSearch(adapter)) return;
      const name = words('Zoë Brontë');
      const id = await controls.queueConversation({ id: words('customer'), name });
      const folded = name.replace('ë', 'e').replace('ë', 'E').toUpperCase();
      const found = await adapter.searchConversations(folded);
      expect(found.items.map((conversation) => conversation.id)).to.include(id);
    });

    it('finds a conversation by the text of a message', async () => {
      const { adapter } = await agentDevice();
      if (!canSearch(adapter)) return;
      const id = await controls.queueConversation();
      const text = words('parcel');
      await controls.customerSays(id, `Where is my ${text}?`);
      const found = await adapter.searchConversations(text);
      expect(found.items.map((conversation) => conversation.id)).to.deep.equal([id]);
    });

    it('never shows a conversation a colleague is handling', async () => {
      const { adapter } = await agentDevice();
      if (!canSearch(adapter)) return;
      const colleague = await colleagueDevice();
      const id = await controls.queueConversation();
      const text = words('private');
      await controls.customerSays(id, text);
      expect((await adapter.searchConversations(text)).items).to.have.length(1, 'queued, anyone may read it');
      await colleague.adapter.pick(id);
      const found = await adapter.searchConversations(text);
      expect(found.items).to.deep.equal([]);
    });

    it('pages with a cursor that is good for its own query only', async () => {
      const { adapter } = await agentDevice();
      if (!canSearch(adapter)) return;
      const name = words('Paged Customer');
      for (let index = 0; index < 3; index++) await controls.queueConversation({ id: words('customer'), name });
      const first = await adapter.searchConversations(name, { limit: 2 });
      expect(first.items).to.have.length(2);
      expect(first.nextCursor).to.be.a('string');
      const second = await adapter.searchConversations(name, { limit: 2, cursor: first.nextCursor });
      expect(second.items).to.have.length(1);
      expect(second.nextCursor ?? undefined).to.equal(undefined);
      const ids = [...first.items, ...second.items].map((conversation) => conversation.id);
      expect(new Set(ids).size).to.equal(3, 'no conversation twice');
      await expectCode(adapter.searchConversations(words('other'), { cursor: first.nextCursor }), 'invalid');
    });

    it('refuses an empty query as invalid', async () => {
      const { adapter } = await agentDevice();
      if (!canSearch(adapter)) return;
      await expectCode(adapter.searchConversations('   '), 'invalid');
    });
  });
}

/** The optional `listStandardResponses`: a list of checked answers, the same on every call. */
export function describeStandardResponseRules({ describe, it, agentDevice }: ConformanceKit): void {
  describe('standard responses (optional listStandardResponses)', () => {
    it('lists answers with an id, a title and a text each, the same on every call', async () => {
      const { adapter } = await agentDevice();
      if (!adapter.listStandardResponses) return;
      const responses = await adapter.listStandardResponses();
      expect(responses).to.be.an('array');
      for (const response of responses) {
        expect(response.id).to.be.a('string').and.not.equal('');
        expect(response.title).to.be.a('string');
        expect(response.text).to.be.a('string');
      }
      expect(new Set(responses.map((response) => response.id)).size).to.equal(responses.length, 'ids are unique');
      expect(await adapter.listStandardResponses()).to.deep.equal(responses);
    });
  });
}
