/**
 * Where the emoji data ships: conv-kit's own copy of emoji-picker-element-data, never a CDN.
 * The path is relative to this module, so the dev server and the test runner serve the file straight
 * from node_modules; the library and single-file builds copy it beside their modules and rewrite the URL.
 * `?no-inline` keeps the 440 KB file out of the JavaScript (a library build would otherwise inline it
 * as a `data:` URL, which a strict CSP refuses to fetch).
 */
export const bundledEmojiDataUrl = new URL(
  '../../../node_modules/emoji-picker-element-data/en/emojibase/data.json?no-inline',
  import.meta.url,
).href;
