/** Internal notes: a slice of their own, loaded and added through the adapter's note methods only, never the message path. */
import { ConvError } from '../errors.js';
import type { Note } from '../model.js';
import { randomId } from '../ports.js';
import { EMPTY_NOTES, type StoreContext } from './context.js';
import type { Lists } from './lists.js';

const newestFirst = (a: Note, b: Note) => b.createdAt - a.createdAt;

export type Notes = ReturnType<typeof createNotes>;

export function createNotes(context: StoreContext, lists: Lists) {
  const { notes } = context;
  const createClientId = context.options.createClientId ?? randomId;
  /**
   * The clientId of each note not saved yet, by conversation and text: saving the same text again after
   * a failure or a timeout (the backend may have stored it) sends the same clientId, so it is one note.
   */
  const unsaved = new Map<string, string>();

  const receive = (note: Note) => {
    const state = notes.get(note.conversationId) ?? EMPTY_NOTES;
    if (state.items.some((n) => n.id === note.id)) return;
    notes.set(note.conversationId, { ...state, items: [...state.items, note].sort(newestFirst) });
    context.emit(`notes:${note.conversationId}`);
  };

  return {
    receive,

    async load(conversationId: string): Promise<void> {
      const state = notes.get(conversationId) ?? EMPTY_NOTES;
      if (state.status === 'loading') return;
      notes.set(conversationId, { ...state, status: 'loading' });
      context.emit(`notes:${conversationId}`);
      try {
        const answer = await context.call(context.adapter.listNotes(conversationId));
        const loaded = context.checkAll(
          'note',
          context.check('list', answer, 'loadNotes', conversationId, true)!,
          'loadNotes',
          conversationId,
        );
        const byId = new Map([...(notes.get(conversationId)?.items ?? []), ...loaded].map((n) => [n.id, n]));
        notes.set(conversationId, { items: [...byId.values()].sort(newestFirst), status: 'loaded' });
      } catch (raw) {
        notes.set(conversationId, { ...state, status: 'error' });
        throw context.fail('loadNotes', raw, conversationId);
      } finally {
        context.emit(`notes:${conversationId}`);
      }
    },

    async add(conversationId: string, text: string): Promise<Note> {
      try {
        lists.require(conversationId);
        const trimmed = text.trim();
        if (!trimmed) throw new ConvError('invalid', 'The note is empty');
        const key = JSON.stringify([conversationId, trimmed]);
        let clientId = unsaved.get(key);
        if (clientId === undefined) unsaved.set(key, (clientId = createClientId()));
        const answer = await context.call(context.adapter.addNote({ clientId, conversationId, text: trimmed }));
        const note = context.check('note', answer, 'addNote', conversationId, true)!;
        unsaved.delete(key);
        receive(note);
        return note;
      } catch (raw) {
        throw context.fail('addNote', raw, conversationId);
      }
    },
  };
}
