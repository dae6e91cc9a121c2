// The single-file build for plain HTML pages: everything in one minified ES module; the emoji picker
// and its data stay separate files, loaded on first use.
import { build } from 'vite';
import { transform } from 'esbuild';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compactStylesForVite } from './compact-styles.mjs';
import { emojiDataModules, writeEmojiDataModules } from './emoji-data.mjs';

/**
 * `emojiDataIn`: where the emoji data modules are, relative to outDir (the package's build passes the folder its ES
 * modules use, so the data ships once); without it they are written into `<outDir>/emoji-data/`, so the folder
 * alone works wherever a page serves it from. Every chunk sits in outDir itself, so one relative path fits all.
 */
export async function buildStandalone(outDir = 'dist/standalone', { emojiDataIn } = {}) {
  const emojiData = emojiDataIn ?? './emoji-data';
  await build({
    configFile: false,
    logLevel: 'warn',
    plugins: [compactStylesForVite(), emojiDataModules({ importAs: (language) => `${emojiData}/${language}.js` })],
    // Asset URLs relative to the module, so the folder works wherever a page serves it from.
    base: './',
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      lib: { entry: { 'conv-kit': 'src/standalone.ts' }, formats: ['es'] },
      rollupOptions: {
        // What the lazy emoji picker shares with the page (Lit) stays inside conv-kit.js, exported under
        // extra names, instead of becoming a third file the page would load up front.
        preserveEntrySignatures: 'allow-extension',
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: '[name]-[hash].js',
          assetFileNames: '[name]-[hash][extname]',
        },
      },
    },
  });
  // Vite leaves library output unminified (only names are shortened); a plain page wants the smallest file.
  for (const file of (await readdir(outDir)).filter((name) => name.endsWith('.js'))) {
    const path = join(outDir, file);
    const { code } = await transform(await readFile(path, 'utf8'), {
      minify: true,
      format: 'esm',
      target: 'es2022',
      legalComments: 'none',
    });
    await writeFile(path, code);
  }
  // After the build, which empties outDir.
  if (!emojiDataIn) writeEmojiDataModules(join(outDir, 'emoji-data'));
  return outDir;
}
