/** The files of a paste: `files` where the browser fills it, else the file items. */
export function filesOf(data: DataTransfer): File[] {
  if (data.files.length > 0) return [...data.files];
  return [...data.items].filter((item) => item.kind === 'file').flatMap((item) => item.getAsFile() ?? []);
}

/**
 * A paste into the message box: files (a pasted screenshot, a copied image file) go to `addFiles` and
 * the text that comes with them (a file name) is dropped; text goes in as plain text, cut to what still
 * fits in `maxLength`. False when the text had to be cut.
 */
export function pasteAsPlainText(event: ClipboardEvent, maxLength: number, addFiles: (files: File[]) => void): boolean {
  const data = event.clipboardData;
  if (!data) return true;
  event.preventDefault();
  const files = filesOf(data);
  if (files.length > 0) {
    addFiles(files);
    return true;
  }
  const text = data.getData('text/plain');
  return !text || insertFitting(event.currentTarget as HTMLTextAreaElement, text, maxLength);
}

/** Cuts at `length` without splitting a surrogate pair (half an emoji). */
function cutAt(text: string, length: number): string {
  const end = length > 0 && /[\uD800-\uDBFF]/.test(text[length - 1] ?? '') ? length - 1 : length;
  return text.slice(0, end);
}

/** Inserts at the caret as the agent's own edit: it can be undone with Ctrl+Z and fires `input`. */
export function insertAtCaret(input: HTMLTextAreaElement, text: string): void {
  input.focus();
  if (document.execCommand('insertText', false, text)) return;
  input.setRangeText(text, input.selectionStart, input.selectionEnd, 'end');
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: text }));
}

/** Inserts as much of `text` as fits in a box that takes `maxLength` characters; returns whether all of it did. */
export function insertFitting(input: HTMLTextAreaElement, text: string, maxLength: number): boolean {
  const room = maxLength - (input.value.length - (input.selectionEnd - input.selectionStart));
  const fits = text.length <= room;
  insertAtCaret(input, fits ? text : cutAt(text, Math.max(0, room)));
  return fits;
}
