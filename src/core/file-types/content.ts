/** What the checks say a file's bytes are. Shared by the readers in this folder; no DOM. */
import type { FileType } from '../file-policy.js';

export type Content =
  | { kind: 'file'; type: FileType; width?: number; height?: number }
  /** Starts like this type, but the file is cut off or its structure is broken. */
  | { kind: 'damaged'; type: FileType }
  /** Not a supported type; the label says what it is when that is recognisable. */
  /** `unsafe`: it is the promised kind of thing, but carries what runs or unpacks on opening (macros, a ZIP bomb). */
  | { kind: 'other'; label?: string; unsafe?: boolean };

/** Zero means a broken or hostile header (a 0×0 image decodes to nothing), so it counts as damaged. */
export function sized(type: FileType, width: number, height: number): Content {
  return width > 0 && height > 0 ? { kind: 'file', type, width, height } : { kind: 'damaged', type };
}
