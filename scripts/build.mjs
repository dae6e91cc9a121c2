// `npm run build [root]`: ES modules with .d.ts for bundlers (dist/), one self-contained module for plain HTML
// pages (dist/standalone/), the emoji data once (dist/elements/conv-emoji-picker/emoji-data/), and what scripts/integrations.mjs derives from
// custom-elements.json: the published manifest, React/Vue/DOM typings and IDE data. `root` (default: here)
// is the package root dist/ is written into; the package test builds into a folder of its own.
import { build } from 'vite';
import { buildStandalone } from './standalone.mjs';
import { compactStylesForVite } from './compact-styles.mjs';
import { emojiDataFolderIn, emojiDataModules, writeEmojiDataModules } from './emoji-data.mjs';
import { writeIntegrations } from './integrations.mjs';
import { execFileSync } from 'node:child_process';
import { rmSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? '.');
const dist = join(root, 'dist');

const dependencies = ['lit', '@lit/context', 'nanoevents', 'idb-keyval', '@open-wc/testing'];
const isDependency = (id) => dependencies.some((name) => id === name || id.startsWith(`${name}/`));

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', dist], {
  stdio: 'inherit',
});

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const packageJson = JSON.parse(readFileSync('package.json', 'utf8'));

// Every element module is an entry of its own: `conv-kit/elements/<tag>` must exist even for an element that
// no other entry imports as a value (`<conv-workspace>`).
const elementModules = manifest.modules.filter((module) =>
  module.declarations?.some((declaration) => declaration.customElement && declaration.tagName),
);
const entries = {
  ...Object.fromEntries(
    elementModules.map((module) => [module.path.replace(/^src\//, '').replace(/\.ts$/, ''), module.path]),
  ),
  index: 'src/index.ts',
  'core/index': 'src/core/index.ts',
  'core/file-policy': 'src/core/file-policy.ts',
  'core/file-refusal': 'src/core/file-refusal.ts',
  'browser/photo': 'src/browser/photo.ts',
  'adapters/memory': 'src/adapters/memory.ts',
  'adapters/websocket': 'src/adapters/websocket.ts',
  'testing/index': 'src/testing/index.ts',
};

// For npm: one file per source module so bundlers tree-shake; dependencies stay imports.
await build({
  configFile: false,
  logLevel: 'warn',
  // The emoji data modules sit beside the picker, dist/elements/conv-emoji-picker/emoji-data/<language>.js.
  // Only dist/elements/conv-emoji-picker/emoji-data.js imports them.
  plugins: [compactStylesForVite(), emojiDataModules({ importAs: (language) => `./emoji-data/${language}.js` })],
  base: './',
  build: {
    outDir: dist,
    emptyOutDir: false,
    target: 'es2022',
    minify: false,
    lib: { entry: entries, formats: ['es'] },
    rollupOptions: {
      external: isDependency,
      output: {
        preserveModules: true,
        preserveModulesRoot: 'src',
        entryFileNames: '[name].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
});

writeEmojiDataModules(emojiDataFolderIn(dist));
// The standalone build imports those same files, so the package carries the data once.
await buildStandalone(join(dist, 'standalone'), { emojiDataIn: '../elements/conv-emoji-picker/emoji-data' });

const { elements } = writeIntegrations(root, manifest, packageJson);

const sizes = readdirSync(join(dist, 'standalone')).map(
  (file) => `${file} ${(statSync(join(dist, 'standalone', file)).size / 1024).toFixed(1)} KiB`,
);
console.log(
  `${dist} written; typings and IDE data for ${elements.map((element) => `<${element.tagName}>`).join(', ')}; standalone:\n  ${sizes.join('\n  ')}`,
);
