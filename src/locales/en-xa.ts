/**
 * en-XA, a pseudo-locale for testing: every English word accented, vowels doubled (about 40 % longer, as
 * German or Finnish often are) and bracketed, so unmarked English, clipped text and overflow stand out.
 * Names and file names (isolated with U+2068…U+2069) and digits stay as they are.
 */
import { defaultStrings, type ConvStrings } from '../elements/shared/strings.js';

const PLAIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ACCENTED = 'åƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ';
const ACCENTED_LETTERS = [...ACCENTED];

export function pseudoLocalize(text: string): string {
  const accented = text.replace(/\u2068[^\u2069]*\u2069|[A-Za-z]/g, (match) => {
    if (match.length > 1) return match;
    const letter = ACCENTED_LETTERS[PLAIN.indexOf(match)]!;
    return /[aeiou]/i.test(match) ? letter + letter : letter;
  });
  return `[${accented}]`;
}

const pseudo = Object.fromEntries(
  Object.entries(defaultStrings).map(([key, value]) => [
    key,
    key.startsWith('$')
      ? value
      : typeof value === 'function'
        ? (...args: unknown[]) => pseudoLocalize((value as (...args: unknown[]) => string)(...args))
        : pseudoLocalize(value as string),
  ]),
) as ConvStrings;

export default { ...pseudo, $code: 'en-XA', $name: 'Pseudo (en-XA)' } satisfies ConvStrings;
