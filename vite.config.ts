import { defineConfig } from 'vite';

// `npm start`: the agent workspace demo (demo/index.html) on the embedded memory backend.
export default defineConfig({
  root: 'demo',
  server: { port: 5173, host: true, fs: { allow: ['..'] } },
  preview: { port: 4173 },
  build: { outDir: '../dist-demo', emptyOutDir: true, target: 'es2022' },
});
