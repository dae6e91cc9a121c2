/**
 * en-XA, a pseudo-locale for testing: every English word accented, vowels doubled (about 40 % longer, as
 * German or Finnish often are) and bracketed, so unmarked English, clipped text and overflow stand out.
 * Names and file names (isolated with U+2068…U+2069) and digits stay as they are.
 */
import type { FileRefusalReason } from '../core/file-policy.js';
import { firstUseStrings } from '../elements/shared/first-use-strings.js';
import type { ConvStrings, PageStrings } from '../elements/shared/strings.js';

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

/**
 * The pseudo-locale made from the English catalog, which the caller hands in: imported here, English
 * would be split from the page's code into a file of its own, loaded with every page.
 */
export default function pseudoCatalog(english: PageStrings): ConvStrings {
  const pseudo = Object.fromEntries(
    Object.entries({ ...firstUseStrings, ...english }).map(([key, value]) => [
      key,
      key.startsWith('$')
        ? value
        : typeof value === 'function'
          ? (...args: unknown[]) => pseudoLocalize((value as (...args: unknown[]) => string)(...args))
          : pseudoLocalize(value as string),
    ]),
  ) as ConvStrings;

  return {
    ...pseudo,
    $code: 'en-XA',
    $name: 'Pseudo (en-XA)',
    // English leaves refusals to the policy's own sentences; the pseudo-locale must mark them too.
    fileRefused: (reason, { name, size, limit, types, type }) =>
      pseudoLocalize(
        (
          {
            empty: `${name} is empty.`,
            'too-large': `${name} is too large: ${size}, and the limit is ${limit}.`,
            'type-not-allowed': types
              ? `${name} can’t be sent: the allowed file types are ${types}.`
              : `${name} can’t be sent: your admin has not allowed any file types.`,
            'content-mismatch': `${name} is not really a ${type} file.`,
            'too-many-pixels': `${name} is too big to open safely.`,
            unreadable: `${name} can’t be read: the file is damaged or incomplete.`,
            'unsafe-content': `${name} can’t be sent safely: it carries content that could run on opening.`,
          } satisfies Record<FileRefusalReason, string>
        )[reason],
      ),
  } satisfies ConvStrings;
}
