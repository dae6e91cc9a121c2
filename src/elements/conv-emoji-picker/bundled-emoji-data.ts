/**
 * Where the emoji data ships: conv-kit's own copy of emoji-picker-element-data, never a CDN.
 * In the source the path is relative to this module, so the dev server and the test runner serve the file
 * straight from node_modules (`?no-inline` keeps Vite from inlining the 440 KB as a `data:` URL, which a
 * strict CSP refuses to fetch). The package's build (scripts/emoji-data.mjs) ships the file once, as
 * dist/assets/emoji-data.json, and rewrites this to a URL relative to the built module, which the
 * integrator's bundler follows (Vite, webpack) or the browser resolves as written (a plain page, a CDN).
 * Hosts that serve the data themselves set `emoji-data-url` on `<conv-chat>` (docs/guides/frameworks.md).
 */
export const bundledEmojiDataUrl = new URL(
  '../../../node_modules/emoji-picker-element-data/en/emojibase/data.json?no-inline',
  import.meta.url,
).href;
