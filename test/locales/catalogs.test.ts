import { expect } from '@open-wc/testing';
import type { FileRefusalReason } from '../../src/core/file-policy.js';
import { firstUseStrings } from '../../src/elements/shared/first-use-strings.js';
import {
  defaultStrings as pageStrings,
  type ConvStrings,
  type FileRefusalFacts,
} from '../../src/elements/shared/strings.js';
import ar from '../../src/locales/ar.js';
import de from '../../src/locales/de.js';
import pseudoCatalog, { pseudoLocalize } from '../../src/locales/en-xa.js';
import es from '../../src/locales/es.js';
import fi from '../../src/locales/fi.js';
import fr from '../../src/locales/fr.js';
import ja from '../../src/locales/ja.js';
import sv from '../../src/locales/sv.js';
import { catalogFor, shippedLocales } from '../../src/locales/index.js';

/** Every English word: the page's, and those that come with what loads on first use. */
const defaultStrings: ConvStrings = { ...pageStrings, ...firstUseStrings };
const pseudo = pseudoCatalog(pageStrings);

const CATALOGS: Record<string, ConvStrings> = { en: defaultStrings, de, fr, es, fi, sv, ar, ja, 'en-XA': pseudo };
const TRANSLATED = { de, fr, es, fi, sv, ar, ja };
const KEYS = Object.keys(defaultStrings) as Array<keyof ConvStrings>;
const REASONS: FileRefusalReason[] = [
  'empty',
  'too-large',
  'type-not-allowed',
  'content-mismatch',
  'too-many-pixels',
  'unreadable',
  'unsafe-content',
];
const FACTS: FileRefusalFacts = {
  name: '“\u2068x.png\u2069”',
  size: '12 MB',
  limit: '10 MB',
  types: 'GIF, PNG',
  type: 'PNG',
};

// A catalog without a key is not a catalog: this line must not compile (tsc fails if it ever does).
// @ts-expect-error endChat is missing
const incomplete: ConvStrings = (({ endChat: _endChat, ...rest }) => rest)(de);
void incomplete;

const COUNT_KEYS = ['unread', 'pasteTooLong', 'emojiFound', 'uploading', 'emojiSkinToneName'];

/** The words each key gives, functions called with their English arity: counts get 3, other arguments a marker. */
function everything(catalog: ConvStrings): Array<[string, string | undefined]> {
  return KEYS.map((key) => {
    const value = catalog[key] as unknown;
    if (typeof value === 'string') return [key, value];
    const call = value as (...args: unknown[]) => string | undefined;
    if (key === 'fileRefused') return [key, REASONS.map((reason) => call(reason, FACTS)).join(' ') || undefined];
    const arity = (defaultStrings[key] as (...args: never[]) => unknown).length;
    return [key, call(...[...Array(arity)].map((_, index) => (COUNT_KEYS.includes(key) ? 3 : `ARG${index}`)))];
  });
}

/** The markers a function was given: every one must appear in what it says. */
const markers = (key: string) =>
  COUNT_KEYS.includes(key) || key === 'fileRefused' || typeof defaultStrings[key as keyof ConvStrings] !== 'function'
    ? []
    : ['ARG0', 'ARG1', 'ARG2'].slice(0, (defaultStrings[key as keyof ConvStrings] as () => void).length);

describe('the catalogs', () => {
  it('ships en, de, fr, es, fi, sv, ar and ja, plus the pseudo-locale en-XA, each loaded on request', async () => {
    expect(shippedLocales.sort()).to.deep.equal(['ar', 'de', 'en-xa', 'es', 'fi', 'fr', 'ja', 'sv']);
    expect(await catalogFor('de-AT', defaultStrings)).to.equal(de);
    expect(await catalogFor('AR', defaultStrings)).to.equal(ar);
    expect((await catalogFor('en-XA', defaultStrings))?.$code).to.equal('en-XA');
    expect(await catalogFor('pt-BR', defaultStrings)).to.equal(undefined);
  });

  for (const [code, catalog] of Object.entries(CATALOGS))
    it(`${code}: has every key of the English catalog, of the same kind, and nothing else`, () => {
      expect(Object.keys(catalog).sort()).to.deep.equal([...KEYS].sort());
      for (const key of KEYS) expect(typeof catalog[key], key).to.equal(typeof defaultStrings[key]);
      for (const [key, text] of everything(catalog))
        if (key !== 'fileRefused' || code !== 'en') expect(text, key).to.be.a('string').and.not.equal('');
      expect(catalog.$code.toLowerCase()).to.equal(code.toLowerCase());
    });

  for (const [code, catalog] of Object.entries(TRANSLATED))
    it(`${code}: says in its own words what English says, arguments and all`, () => {
      const english = new Map(everything(defaultStrings));
      // Brand names, "Chat", "SMS" and "Emoji" may well be the same word; everything else is translated.
      const same = everything(catalog).filter(
        ([key, text]) =>
          text === english.get(key) &&
          !/^(\$dir|channel|emoji$|system$|messageInput|attachmentDetails|conversations$|messagesLabel)/.test(key),
      );
      expect(same.map(([key]) => key)).to.deep.equal([]);
      for (const [key, text] of everything(catalog))
        for (const argument of markers(key)) expect(text, `${code}.${key} drops ${argument}`).to.include(argument);
      for (const reason of REASONS) expect(catalog.fileRefused(reason, FACTS), reason).to.include('x.png');
    });

  it('words the seed’s labels as agents in each language know them', () => {
    const labels = (catalog: ConvStrings) =>
      [
        catalog.conversations,
        catalog.picklist,
        catalog.history,
        catalog.camera,
        catalog.gallery,
        catalog.location,
        catalog.internalNotes,
        catalog.newNote,
        catalog.save,
        catalog.endChat,
      ].join(' | ');
    expect(labels(defaultStrings)).to.equal(
      'Conversations | Picklist | History | Camera | Gallery | Location | Internal notes | New note | Save | End chat',
    );
    expect(labels(de)).to.equal(
      'Unterhaltungen | Warteschlange | Verlauf | Kamera | Galerie | Standort | Interne Notizen | Neue Notiz | Speichern | Chat beenden',
    );
    expect(labels(fr)).to.equal(
      'Conversations | File d’attente | Historique | Appareil photo | Galerie | Position | Notes internes | Nouvelle note | Enregistrer | Terminer le chat',
    );
    expect(labels(es)).to.equal(
      'Conversaciones | Cola de espera | Historial | Cámara | Galería | Ubicación | Notas internas | Nueva nota | Guardar | Finalizar chat',
    );
    expect(labels(fi)).to.equal(
      'Keskustelut | Jono | Historia | Kamera | Galleria | Sijainti | Sisäiset muistiinpanot | Uusi muistiinpano | Tallenna | Lopeta chat',
    );
    expect(labels(sv)).to.equal(
      'Konversationer | Kö | Historik | Kamera | Galleri | Plats | Interna anteckningar | Ny anteckning | Spara | Avsluta chatt',
    );
    expect(labels(ar)).to.equal(
      'المحادثات | قائمة الانتظار | السجل | الكاميرا | المعرض | الموقع | ملاحظات داخلية | ملاحظة جديدة | حفظ | إنهاء الدردشة',
    );
    expect(labels(ja)).to.equal(
      '会話 | 待機中 | 履歴 | カメラ | ギャラリー | 位置情報 | 社内メモ | 新しいメモ | 保存 | チャットを終了',
    );
  });

  it('names the channels and the error codes in every language', () => {
    expect([de.channelEmail, fr.channelEmail, fi.channelSms, ar.channelWhatsapp, ja.channelChat]).to.deep.equal([
      'E-Mail',
      'E-mail',
      'Tekstiviesti',
      'واتساب',
      'チャット',
    ]);
    for (const catalog of Object.values(TRANSLATED))
      for (const key of ['errorNetwork', 'errorConflict', 'errorForbidden', 'errorInvalid'] as const)
        expect(catalog[key], `${catalog.$code}.${key}`).to.not.equal(defaultStrings[key]);
  });

  it('is written right to left in Arabic only', () => {
    expect(
      Object.values(CATALOGS)
        .filter((catalog) => catalog.$dir === 'rtl')
        .map((catalog) => catalog.$code),
    ).to.deep.equal(['ar']);
  });
});

describe('plural forms', () => {
  const COUNTS = [0, 1, 2, 5, 11, 100];
  const unread = (catalog: ConvStrings) => COUNTS.map((count) => catalog.unread(count));

  it('English: one and other', () => {
    expect(unread(defaultStrings)).to.deep.equal([
      '0 unread',
      '1 unread',
      '2 unread',
      '5 unread',
      '11 unread',
      '100 unread',
    ]);
    expect(COUNTS.map((count) => defaultStrings.emojiFound(count))).to.deep.equal([
      'No emoji found.',
      '1 emoji found.',
      '2 emoji found.',
      '5 emoji found.',
      '11 emoji found.',
      '100 emoji found.',
    ]);
    expect(defaultStrings.pasteTooLong(1)).to.equal('The pasted text was cut to 1 character.');
    expect(defaultStrings.pasteTooLong(10000)).to.equal('The pasted text was cut to 10,000 characters.');
  });

  it('Arabic: all six forms, zero, one, two, few, many and other', () => {
    expect(COUNTS.map((count) => new Intl.PluralRules('ar').select(count))).to.deep.equal([
      'zero',
      'one',
      'two',
      'few',
      'many',
      'other',
    ]);
    const digits = (count: number) => count.toLocaleString('ar');
    expect(unread(ar)).to.deep.equal([
      'لا رسائل غير مقروءة',
      'رسالة واحدة غير مقروءة',
      'رسالتان غير مقروءتين',
      `${digits(5)} رسائل غير مقروءة`,
      `${digits(11)} رسالةً غير مقروءة`,
      `${digits(100)} رسالة غير مقروءة`,
    ]);
    expect(new Set(COUNTS.map((count) => ar.emojiFound(count))).size).to.equal(6);
    expect(new Set(COUNTS.map((count) => ar.pasteTooLong(count))).size).to.equal(6);
  });

  it('Finnish: one and other, "lukematon" and "lukematonta"', () => {
    expect(unread(fi)).to.deep.equal([
      '0 lukematonta',
      '1 lukematon',
      '2 lukematonta',
      '5 lukematonta',
      '11 lukematonta',
      '100 lukematonta',
    ]);
    expect(COUNTS.map((count) => fi.emojiFound(count))).to.deep.equal([
      'Emojeita ei löytynyt.',
      '1 emoji löytyi.',
      '2 emojia löytyi.',
      '5 emojia löytyi.',
      '11 emojia löytyi.',
      '100 emojia löytyi.',
    ]);
  });

  it('Japanese: one form for every count, with a counter word', () => {
    expect(unread(ja)).to.deep.equal(['未読 0 件', '未読 1 件', '未読 2 件', '未読 5 件', '未読 11 件', '未読 100 件']);
    expect(ja.emojiFound(0)).to.equal('絵文字が見つかりません。');
    expect(ja.emojiFound(1)).to.equal('1 件の絵文字が見つかりました。');
  });

  it('groups big counts as each locale does', () => {
    expect(de.pasteTooLong(10000)).to.equal('Der eingefügte Text wurde auf 10.000 Zeichen gekürzt.');
    expect(fr.emojiFound(1234)).to.match(/^1\s234 emoji trouvés\.$/);
  });
});

describe('the pseudo-locale en-XA', () => {
  it('accents every letter, keeps digits and isolated names, and brackets each string', () => {
    expect(pseudoLocalize('End chat')).to.equal('[ÉÉñđ çĥååţ]');
    expect(pseudo.endChatQuestion('\u2068Emma Clarke\u2069')).to.equal('[ÉÉñđ çĥååţ ŵîîţĥ \u2068Emma Clarke\u2069?]');
    expect(pseudo.unread(12)).to.equal('[12 ûûñŕééååđ]');
  });

  it('makes the words about 40 % longer, as German and Finnish often are', () => {
    const strings = KEYS.filter((key) => !key.startsWith('$') && typeof defaultStrings[key] === 'string');
    const english = strings.reduce((sum, key) => sum + (defaultStrings[key] as string).length, 0);
    const accented = strings.reduce((sum, key) => sum + (pseudo[key] as string).length, 0);
    expect(accented / english).to.be.within(1.35, 1.6);
    for (const key of strings)
      expect((pseudo[key] as string).length, key).to.be.at.least(
        Math.floor((defaultStrings[key] as string).length * 1.2),
      );
  });
});
