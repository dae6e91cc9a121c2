/**
 * The rules about a backend gone wrong: the store over the integrator's adapter, with real items from
 * their backend broken one field at a time on the way in. The store never throws, leaves out or repairs
 * the broken item, reports the field, and shows every other item as usual.
 */
import { expect } from '@open-wc/testing';
import { customerLabel, type Conversation, type Message, type Note } from '../core/model.js';
import { createConversationStore, type ConversationStore, type StoreErrorEvent } from '../core/store.js';
import type { InvalidDataEvent } from '../core/validate.js';
import type { ConformanceKit } from './conformance-kit.js';
import {
  HOSTILE_CONVERSATIONS,
  HOSTILE_MESSAGES,
  HOSTILE_NOTES,
  HOSTILE_PUSHES,
  tamperedAdapter,
  type HostileCase,
  type TamperedAdapter,
  type Tampering,
} from './hostile-backend.js';

interface HostileStore {
  store: ConversationStore;
  adapter: TamperedAdapter;
  invalid: InvalidDataEvent[];
  errors: StoreErrorEvent[];
}

export function describeHostileBackendRules(kit: ConformanceKit): void {
  const { describe, it, afterEach, controls, waitFor, words, makeAdapter } = kit;
  const stores: ConversationStore[] = [];

  /** A store over the integrator's adapter, with what it says changed by `tampering`. */
  const hostileStore = async (tampering: Tampering = {}): Promise<HostileStore> => {
    const adapter = tamperedAdapter(await makeAdapter(), tampering);
    const store = createConversationStore({ adapter });
    stores.push(store);
    const invalid: InvalidDataEvent[] = [];
    const errors: StoreErrorEvent[] = [];
    store.on('invalid-data', (event) => invalid.push(event));
    store.onError((event) => errors.push(event));
    await store.connect();
    return { store, adapter, invalid, errors };
  };

  /** A conversation the store's agent handles, with two customer messages whose text says which is which. */
  const chatWith = async ({ store }: HostileStore, ...texts: string[]) => {
    const id = await controls.queueConversation();
    await waitFor(() => store.conversation(id), 'the new conversation in the store');
    await store.pick(id);
    for (const text of texts) await controls.customerSays(id, text);
    return id;
  };

  /** The item as the case breaks it, for the one item whose marker matches. */
  const breakIf =
    <T>(hostile: HostileCase<T>, matches: (item: T) => boolean) =>
    (item: T) =>
      matches(item) ? hostile.break(item) : item;

  const expectReported = ({ invalid, errors, adapter }: HostileStore, item: string, hostile: HostileCase<unknown>) => {
    expect(adapter.thrown, 'what the store threw').to.deep.equal([]);
    if (hostile.outcome === 'kept') return expect(invalid, 'reports').to.deep.equal([]);
    const reported = invalid.find((event) => event.item === item && event.field === hostile.field);
    expect(reported, `a report of ${item} ${hostile.field}`).to.include({ repaired: hostile.outcome === 'repaired' });
    expect(
      errors.some((event) => event.error.code === 'invalid' && event.error.details?.field === hostile.field),
      'an invalid error naming the field',
    ).to.equal(true);
  };

  describe('hostile backend', () => {
    afterEach(() => {
      for (const store of stores.splice(0)) store.disconnect();
    });

    for (const hostile of HOSTILE_MESSAGES) {
      const outcome = hostile.outcome === 'dropped' ? 'is left out' : 'shows, repaired';
      it(`a pushed message with ${hostile.name} ${outcome}; the next message shows`, async () => {
        const [broken, sane] = [words('broken'), words('sane')];
        const isBroken = (message: Message) => message.text === broken;
        const hostileWorld = await hostileStore({
          push: (event) =>
            event.type === 'message' ? { ...event, message: breakIf(hostile, isBroken)(event.message) } : event,
        });
        const id = await chatWith(hostileWorld, broken, sane);
        const { store } = hostileWorld;
        await waitFor(() => store.messages(id).items.some((m) => m.text === sane), 'the sane message');
        expect(store.messages(id).items.some(isBroken), 'the broken message shows').to.equal(
          hostile.outcome === 'repaired',
        );
        expectReported(hostileWorld, 'message', hostile);
      });

      it(`a listed message with ${hostile.name} ${outcome}; the others show`, async () => {
        const [broken, sane] = [words('broken'), words('sane')];
        const isBroken = (message: Message) => message.text === broken;
        const id = await chatWith(await hostileStore(), broken, sane);
        const hostileWorld = await hostileStore({
          result: (method, value) =>
            method === 'listMessages'
              ? { ...(value as object), items: (value as { items: Message[] }).items.map(breakIf(hostile, isBroken)) }
              : value,
        });
        const { store } = hostileWorld;
        await store.loadMessages(id);
        await waitFor(() => store.messages(id).items.some((m) => m.text === sane), 'the sane message');
        expect(store.messages(id).status).to.equal('loaded');
        expect(store.messages(id).items.some(isBroken), 'the broken message shows').to.equal(
          hostile.outcome === 'repaired',
        );
        expectReported(hostileWorld, 'message', hostile);
      });
    }

    for (const hostile of HOSTILE_NOTES) {
      it(`a listed note with ${hostile.name} is left out; the other notes show`, async () => {
        const [broken, sane] = [words('broken'), words('sane')];
        const writer = await hostileStore();
        const id = await chatWith(writer);
        await writer.store.addNote(id, broken);
        await writer.store.addNote(id, sane);
        const hostileWorld = await hostileStore({
          result: (method, value) =>
            method === 'listNotes' ? (value as Note[]).map(breakIf(hostile, (note) => note.text === broken)) : value,
        });
        const { store } = hostileWorld;
        await store.loadNotes(id);
        expect(store.notes(id).items.map((note) => note.text)).to.deep.equal([sane]);
        expectReported(hostileWorld, 'note', hostile);
      });

      it(`a pushed note with ${hostile.name} is left out; the next note shows`, async () => {
        const [broken, sane] = [words('broken'), words('sane')];
        const hostileWorld = await hostileStore({
          push: (event) =>
            event.type === 'note'
              ? { ...event, note: breakIf(hostile, (note: Note) => note.text === broken)(event.note) }
              : event,
        });
        const id = await chatWith(hostileWorld);
        const { store } = hostileWorld;
        await store.loadNotes(id);
        // The agent's other device writes them: the store hears them as pushes.
        const otherDevice = (await hostileStore()).store;
        await waitFor(() => otherDevice.conversation(id), 'the conversation on the other device');
        await otherDevice.addNote(id, broken);
        await otherDevice.addNote(id, sane);
        await waitFor(() => store.notes(id).items.some((note) => note.text === sane), 'the sane note');
        expect(
          store.notes(id).items.some((note) => note.text === broken),
          'the broken note shows',
        ).to.equal(false);
        expectReported(hostileWorld, 'note', hostile);
      });
    }

    for (const hostile of HOSTILE_CONVERSATIONS) {
      const outcome = hostile.outcome === 'repaired' ? 'under the neutral label' : 'as sent';
      const expectShown = (conversation: Conversation | undefined) => {
        expect(conversation, 'the broken conversation').to.not.equal(undefined);
        if (hostile.outcome === 'repaired') expect(customerLabel(conversation!.customer)).to.equal(undefined);
        else expect(conversation!.channel).to.equal((hostile.break(conversation!) as Conversation).channel);
      };

      it(`a conversation in the snapshot with ${hostile.name} is listed ${outcome}, with the others`, async () => {
        const [brokenId, saneId] = [await controls.queueConversation(), await controls.queueConversation()];
        const hostileWorld = await hostileStore({
          result: (method, value) =>
            method === 'connect'
              ? {
                  ...(value as object),
                  conversations: (value as { conversations: Conversation[] }).conversations.map(
                    breakIf(hostile, (conversation) => conversation.id === brokenId),
                  ),
                }
              : value,
        });
        const picklist = hostileWorld.store.list('picklist');
        expect(picklist.map((conversation) => conversation.id)).to.include(saneId);
        expectShown(picklist.find((conversation) => conversation.id === brokenId));
        expectReported(hostileWorld, 'conversation', hostile);
      });

      it(`a pushed conversation with ${hostile.name} is listed ${outcome}, with the others`, async () => {
        const customer = { id: words('customer').replace(/\s/g, '-'), name: 'Broken Customer' };
        const hostileWorld = await hostileStore({
          push: (event) =>
            event.type === 'conversation' && event.conversation.customer?.id === customer.id
              ? { ...event, conversation: hostile.break(event.conversation) }
              : event,
        });
        const brokenId = await controls.queueConversation(customer);
        const saneId = await controls.queueConversation();
        const { store } = hostileWorld;
        await waitFor(() => store.conversation(saneId), 'the sane conversation');
        expectShown(store.conversation(brokenId));
        expect(store.list('picklist').map((conversation) => conversation.id)).to.include.members([brokenId, saneId]);
        expectReported(hostileWorld, 'conversation', hostile);
      });
    }

    it('pushes that are no event at all change nothing, and each is reported', async () => {
      const hostileWorld = await hostileStore();
      const { store, adapter, invalid } = hostileWorld;
      const before = store.list('picklist');
      for (const push of HOSTILE_PUSHES) adapter.push(push);
      expect(adapter.thrown, 'what the store threw').to.deep.equal([]);
      expect(store.list('picklist')).to.equal(before);
      expect(store.connection).to.equal('online');
      expect(invalid.length, 'reports').to.equal(HOSTILE_PUSHES.length);
      const saneId = await controls.queueConversation();
      await waitFor(() => store.conversation(saneId), 'the next conversation');
    });

    it('a snapshot that is no snapshot fails the connection as invalid, and is reported', async () => {
      const adapter = tamperedAdapter(await makeAdapter(), {
        result: (method, value) => (method === 'connect' ? { agent: null, conversations: 'all of them' } : value),
      });
      const store = createConversationStore({ adapter });
      stores.push(store);
      const invalid: InvalidDataEvent[] = [];
      store.on('invalid-data', (event) => invalid.push(event));
      let refused: unknown;
      await store.connect().catch((error: unknown) => (refused = error));
      expect(refused).to.include({ code: 'invalid' });
      expect(store.connection).to.equal('offline');
      expect(invalid.map((event) => [event.item, event.field])).to.deep.equal([['snapshot', 'agent']]);
    });
  });
}
