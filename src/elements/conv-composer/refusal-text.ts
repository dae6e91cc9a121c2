import type { FileRefused, FileTypePolicy } from '../../core/file-policy.js';
import { formatFileSize } from '../shared/format.js';
import type { ConvStrings } from '../shared/strings.js';

// Invisible and direction-changing characters would let "photo\u202Egnp.exe" pass for "photoexe.png".
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVISIBLE_OR_REORDERING = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A refused file in the agent's language: the catalog words it from the facts, formatted for its locale
 * (the allowed types as the locale lists them: "GIF, JPEG und PNG", "GIF、JPEG、PNG"). English keeps the
 * policy's own sentence, which can also say what a file really is ("it is a Windows program").
 */
export function refusalText(t: ConvStrings, verdict: FileRefused, file: File, policy: FileTypePolicy): string {
  const visible = file.name.replace(INVISIBLE_OR_REORDERING, '\uFFFD');
  const shown = visible.length > 60 ? `${visible.slice(0, 40)}…${visible.slice(-16)}` : visible;
  return (
    t.fileRefused(verdict.reason, {
      name: `“\u2068${shown}\u2069”`,
      size: formatFileSize(file.size, t.$code),
      limit: formatFileSize(policy.maxBytes, t.$code),
      types: new Intl.ListFormat(t.$code).format(policy.allowed.map((type) => type.toUpperCase())),
      type: visible.slice(visible.lastIndexOf('.') + 1).toUpperCase(),
    }) ?? verdict.message
  );
}
