import { expect } from '@open-wc/testing';
import { EmojiIndex } from '../../src/elements/conv-emoji-picker/emoji-index.js';

const row = (emoji: string, annotation: string, extra: Record<string, unknown> = {}) => ({
  emoji,
  annotation,
  group: 0,
  order: 1,
  version: 1,
  ...extra,
});

describe('the emoji index (data a host may serve itself)', () => {
  it('keeps the rows the picker can show and leaves out the others', () => {
    const index = new EmojiIndex([
      row('😀', 'grinning face', { tags: ['smile', 42, null], shortcodes: ['grinning'] }),
      row('😃', 'big eyes', { order: 2 }),
      { emoji: '😄', annotation: 'no group', order: 3, version: 1 },
      row('', 'empty emoji'),
      row('😁', 'x'.repeat(201)),
      row('😆', 'bad order', { order: 'first' }),
      row('😅', 'infinite version', { version: Infinity }),
      row('🤣'.repeat(21), 'too long an emoji'),
      null,
      'not a row',
      row('😀', 'a second grinning face'),
    ]);
    expect(index.byGroup(0).map((emoji) => emoji.unicode)).to.deep.equal(['😀', '😃']);
    expect(index.byUnicode('😀')!.annotation, 'the first of two rows for one emoji').to.equal('grinning face');
    expect(index.search('smile').map((emoji) => emoji.unicode)).to.deep.equal(['😀']);
  });

  it('refuses data that is not a list, or holds no emoji it can show', () => {
    expect(() => new EmojiIndex({ emoji: '😀' })).to.throw(TypeError);
    expect(() => new EmojiIndex('[]')).to.throw(TypeError);
    expect(() => new EmojiIndex([{ emoji: '😀' }])).to.throw(TypeError);
  });

  it('reads skin tones, and offers a two-person emoji only where both share one tone', () => {
    const index = new EmojiIndex([
      row('👋', 'waving hand', {
        skins: [
          { tone: 1, emoji: '👋🏻', version: 1 },
          { tone: 9, emoji: '👋?', version: 1 },
        ],
      }),
      row('🧑‍🤝‍🧑', 'people holding hands', {
        order: 2,
        skins: [
          { tone: [1, 1], emoji: '🧑🏻‍🤝‍🧑🏻', version: 12 },
          { tone: [1, 2], emoji: '🧑🏻‍🤝‍🧑🏼', version: 12.1 },
        ],
      }),
    ]);
    expect(index.byUnicode('👋')!.skins).to.deep.equal([{ tone: 1, unicode: '👋🏻', version: 1 }]);
    expect(index.byUnicode('🧑‍🤝‍🧑')!.skins).to.deep.equal([{ tone: 1, unicode: '🧑🏻‍🤝‍🧑🏻', version: 12 }]);
  });

  it('searches every word of the query as the start of a word, emoticons whole, in the order of the data', () => {
    const index = new EmojiIndex([
      row('👍', 'thumbs up', { order: 2, tags: ['+1', 'good'], shortcodes: ['thumbsup'] }),
      row('🙂', 'slightly smiling face', { order: 1, emoticon: ':)' }),
      row('😄', 'grinning face with smiling eyes', { order: 3, emoticon: [':D'] }),
    ]);
    const found = (query: string) => index.search(query).map((emoji) => emoji.unicode);
    expect(found('thu up')).to.deep.equal(['👍']);
    expect(found('SMIL')).to.deep.equal(['🙂', '😄']);
    expect(found('smiling eyes')).to.deep.equal(['😄']);
    expect(found(':)')).to.deep.equal(['🙂']);
    expect(found(':d')).to.deep.equal(['😄']);
    expect(found('t'), 'one Latin letter finds nothing').to.deep.equal([]);
    expect(found('   ')).to.deep.equal([]);
  });

  it('names and finds emoji in a translation, keeps the shortcodes, and ignores what in it is malformed', () => {
    const translation = JSON.parse(
      '{"👍":["Daumen hoch","gut"],"🙂":"not a list","__proto__":["polluted"],"😄":[7,"lächeln"]}',
    ) as unknown;
    const index = new EmojiIndex(
      [
        row('👍', 'thumbs up', { tags: ['good'], shortcodes: ['thumbsup'] }),
        row('🙂', 'slightly smiling face', { order: 2 }),
        row('😄', 'grinning face', { order: 3 }),
      ],
      translation,
    );
    expect(index.byUnicode('👍')!.annotation).to.equal('Daumen hoch');
    expect(index.search('daumen').map((emoji) => emoji.unicode)).to.deep.equal(['👍']);
    expect(
      index.search('thumbsup').map((emoji) => emoji.unicode),
      'shortcodes in every language',
    ).to.deep.equal(['👍']);
    expect(index.search('good'), 'the English words give way to the translation').to.deep.equal([]);
    expect(index.byUnicode('🙂')!.annotation, 'a malformed entry keeps English').to.equal('slightly smiling face');
    expect(index.byUnicode('😄')!.annotation, 'only the words that are text count').to.equal('lächeln');
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(() => new EmojiIndex([row('👍', 'thumbs up')], 'not an object')).to.not.throw();
  });
});
