/**
 * The store over a backend that answers with whatever fast-check makes up (test/helpers/hostile-backend.ts):
 * far more shapes than the hand-written cases of the conformance suite. Whatever comes, the store never
 * throws, every valid item shows, everything it holds can be rendered, and each broken item is reported.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { isConvError } from '../../src/core/errors.js';
import type { Conversation, Message } from '../../src/core/model.js';
import { createConversationStore, type InvalidDataEvent } from '../../src/core/store.js';
import {
  ANCHOR,
  expectRenderable,
  HOSTILE_SEED,
  hostileScript,
  listFor,
  mustShow,
  pushOf,
  scriptedAdapter,
  type HostileScript,
} from '../helpers/hostile-backend.js';

const RUNS = 1000;

/** An action the backend's answer may fail (as `invalid`, and only so); it never throws anything else. */
async function settled(action: Promise<unknown>, broken: boolean): Promise<void> {
  try {
    await action;
  } catch (error) {
    expect(broken, `the action failed: ${String(error)}`).to.equal(true);
    expect(isConvError(error) && error.code, 'how it failed').to.equal('invalid');
  }
}

async function runAgainst(script: HostileScript): Promise<void> {
  const adapter = scriptedAdapter(script);
  const store = createConversationStore({ adapter });
  const invalid: InvalidDataEvent[] = [];
  store.on('invalid-data', (event) => invalid.push(event));
  try {
    await settled(store.connect(), script.brokenSnapshot !== undefined);
    if (script.brokenSnapshot !== undefined) {
      expect(store.connection).to.be.oneOf(['offline', 'online']);
      return;
    }

    for (const push of script.pushes) expect(adapter.push(pushOf(push)), 'what the store threw').to.equal(undefined);
    await settled(store.loadMessages(ANCHOR), script.brokenPage !== undefined);
    await settled(store.loadNotes(ANCHOR), script.brokenNotes !== undefined);
    await store.loadPreviousConversations(ANCHOR);

    // Every valid conversation shows where it belongs, beside the broken ones; so does every valid message and note.
    const valid = mustShow(script);
    for (const conversation of valid.conversations) {
      expect(store.conversation(conversation.id), conversation.id).to.not.equal(undefined);
      const list = listFor(store.conversation(conversation.id)!);
      if (list) expect(store.list(list).map((c) => c.id)).to.include(conversation.id);
    }
    const shownMessages = store.messages(ANCHOR).items.map((m) => m.clientId);
    for (const message of valid.messages) expect(shownMessages).to.include(message.clientId);
    const shownNotes = store.notes(ANCHOR).items.map((n) => n.id);
    for (const note of valid.notes) expect(shownNotes).to.include(note.id);
    for (const earlier of script.previous.filter((p) => p.conversation.valid)) {
      const shown = store
        .previousConversations(ANCHOR)
        .items.find((p) => p.conversation.id === (earlier.conversation.value as Conversation).id);
      expect(shown, 'an earlier conversation').to.not.equal(undefined);
      for (const message of earlier.messages.filter((m) => m.valid).map((m) => m.value as Message))
        expect(shown!.messages.map((m) => m.clientId)).to.include(message.clientId);
    }

    // Ending the chat: a broken answer leaves it ended as the agent asked.
    await store.endChat(ANCHOR);
    expect(store.conversation(ANCHOR)).to.not.equal(undefined);

    expectRenderable(store);
    // What was left out or repaired was reported, naming the item and its field.
    for (const event of invalid) {
      expect(event.item).to.be.a('string');
      expect(event.field).to.be.a('string');
    }
  } finally {
    store.disconnect();
  }
}

describe('the store with a hostile backend', () => {
  it(`never throws, shows every valid item and holds only what renders (${RUNS} random backends, seed ${HOSTILE_SEED})`, async function () {
    this.timeout(120_000);
    await fc.assert(fc.asyncProperty(hostileScript(), runAgainst), { seed: HOSTILE_SEED, numRuns: RUNS });
  });
});
