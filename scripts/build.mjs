// `npm run build`: ES modules with .d.ts for bundlers (dist/), plus one self-contained module for plain HTML pages.
import { build } from 'vite';
import { buildStandalone } from './standalone.mjs';
import { compactStylesForVite } from './compact-styles.mjs';
import { execSync } from 'node:child_process';
import { rmSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dependencies = [
  'lit',
  '@lit/context',
  'nanoevents',
  'idb-keyval',
  'emoji-picker-element',
  'emoji-picker-element-data',
  '@open-wc/testing',
];
const isDependency = (id) => dependencies.some((name) => id === name || id.startsWith(`${name}/`));

rmSync('dist', { recursive: true, force: true });
execSync('npx tsc -p tsconfig.build.json', { stdio: 'inherit' });

const entries = {
  index: 'src/index.ts',
  'core/index': 'src/core/index.ts',
  'core/file-policy': 'src/core/file-policy.ts',
  'browser/photo': 'src/browser/photo.ts',
  'adapters/memory': 'src/adapters/memory.ts',
  'adapters/websocket': 'src/adapters/websocket.ts',
  'testing/index': 'src/testing/index.ts',
};

// For npm: one file per source module so bundlers tree-shake; dependencies stay imports.
await build({
  configFile: false,
  logLevel: 'warn',
  plugins: [compactStylesForVite()],
  // The emoji data's URL stays relative to the module that asks for it (`new URL('../../assets/…', import.meta.url)`),
  // which integrators' bundlers pick up and copy like any asset of theirs.
  base: './',
  build: {
    outDir: 'dist',
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

await buildStandalone('dist/standalone');

const sizes = readdirSync('dist/standalone').map(
  (file) => `${file} ${(statSync(join('dist/standalone', file)).size / 1024).toFixed(1)} KiB`,
);
console.log(`dist/ written; standalone:\n  ${sizes.join('\n  ')}`);
