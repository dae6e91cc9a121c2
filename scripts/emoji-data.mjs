// The emoji data reaches the picker as ES modules, asked for by `import('virtual:conv-kit-emoji-data/<language>')`
// (src/elements/conv-emoji-picker/bundled-emoji-data.ts). This file makes those modules from
// emoji-picker-element-data, for every tool that serves or builds conv-kit:
// - the package's build writes them next to the picker, dist/elements/conv-emoji-picker/emoji-data/<language>.js,
//   and the built picker imports them by relative path: Vite, webpack, Rollup, esbuild, the Angular CLI and a
//   plain <script type="module"> all follow a static import(), so no integrator configures anything;
// - the demo's Vite and the test runner make them on request, from node_modules.
// English carries everything (groups, order, versions, skin tones, shortcodes); each other language only its names
// and search words, laid over English in the browser, which keeps each language near 130 kB instead of 440 kB.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The languages conv-kit has a catalog for and emoji-picker-element-data has words in (Arabic has none). */
export const EMOJI_DATA_LANGUAGES = ['en', 'de', 'es', 'fi', 'fr', 'ja', 'sv'];
const VIRTUAL_PREFIX = 'virtual:conv-kit-emoji-data/';
/** Where the package's build writes a language's module: beside the picker's own, in dist/. */
const MODULE_FOLDER = 'elements/conv-emoji-picker/emoji-data';

const require = createRequire(import.meta.url);
const dataFile = (language) =>
  require.resolve(`emoji-picker-element-data/${language}/${language === 'en' ? 'emojibase' : 'cldr'}/data.json`);

/**
 * What a language's module exports: English as emoji-picker-element-data has it (an array of rows); another
 * language as `{ [emoji]: [name, ...search words] }`.
 */
export function emojiData(language) {
  const rows = JSON.parse(readFileSync(dataFile(language), 'utf8'));
  if (language === 'en') return rows;
  return Object.fromEntries(rows.map(({ emoji, annotation, tags }) => [emoji, [annotation, ...(tags ?? [])]]));
}

/**
 * An ES module exporting the data. `JSON.parse` of one string is parsed faster than the same object literal; in
 * single quotes the JSON's many double quotes need no escaping.
 */
export function emojiDataModule(language) {
  const json = JSON.stringify(emojiData(language))
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `export default JSON.parse('${json}');\n`;
}

const languageOf = (source) => {
  if (!source.startsWith(VIRTUAL_PREFIX)) return undefined;
  const language = source.slice(VIRTUAL_PREFIX.length);
  if (!EMOJI_DATA_LANGUAGES.includes(language)) throw new Error(`No emoji data is made for "${language}"`);
  return language;
};

/**
 * A Vite plugin. For the dev server (and the demo's build), each language is a virtual module made on request;
 * the `\0` in its id keeps Vite's dependency scan from looking for it on disk. For the package's build,
 * `importAs(language)` is the path the built code imports a language by, relative to the built module, to the files
 * writeEmojiDataModules() writes; the bundler never rewrites them (its string escaping would add a fifth to their
 * size).
 */
export function emojiDataModules({ importAs } = {}) {
  const virtualModule = (language) => `\0conv-kit-emoji-data/${language}.js`;
  const byVirtualModule = new Map(EMOJI_DATA_LANGUAGES.map((language) => [virtualModule(language), language]));
  return {
    name: 'conv-kit-emoji-data',
    enforce: 'pre',
    resolveId(source) {
      const language = languageOf(source);
      if (!language) return null;
      if (importAs) return { id: importAs(language), external: 'absolute' };
      return virtualModule(language);
    },
    load(id) {
      const language = byVirtualModule.get(id.replace(/\?.*$/, ''));
      return language ? { code: emojiDataModule(language), map: null } : null;
    },
  };
}

/** Writes every language's module into `folder` (dist/elements/conv-emoji-picker/emoji-data in the package). */
export function writeEmojiDataModules(folder) {
  mkdirSync(folder, { recursive: true });
  for (const language of EMOJI_DATA_LANGUAGES) writeFileSync(join(folder, `${language}.js`), emojiDataModule(language));
  return folder;
}

/** Where the package's build writes them: beside the picker's own module. */
export const emojiDataFolderIn = (distDir) => join(distDir, MODULE_FOLDER);

/** The same for @web/test-runner and @web/dev-server: the modules are served under /__conv-kit-emoji-data/. */
export function emojiDataForDevServer() {
  const path = /^\/__conv-kit-emoji-data\/([a-z]+)\.js$/;
  return {
    name: 'conv-kit-emoji-data',
    resolveImport({ source }) {
      const language = languageOf(source);
      return language ? `/__conv-kit-emoji-data/${language}.js` : undefined;
    },
    serve(context) {
      const language = path.exec(context.path)?.[1];
      if (!language || !EMOJI_DATA_LANGUAGES.includes(language)) return undefined;
      return { body: emojiDataModule(language), type: 'js' };
    },
  };
}

/** For esbuild (the size measurement): the data modules stay outside the bundle, as they load on first open. */
export const emojiDataExternalForEsbuild = {
  name: 'conv-kit-emoji-data',
  setup(build) {
    build.onResolve({ filter: /^virtual:conv-kit-emoji-data\// }, ({ path }) => ({ path, external: true }));
  },
};
