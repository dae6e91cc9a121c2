import { defineConfig } from 'vite';

/** The demo runs under the policy a strict CRM would set, so anything conv-kit does that it forbids shows up at once. */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; require-trusted-types-for 'script'";

// `npm start`: the agent workspace demo (demo/index.html).
export default defineConfig({
  root: 'demo',
  server: { port: 5173, host: true, fs: { allow: ['..'] }, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  preview: { port: 4173, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  build: { outDir: '../dist-demo', emptyOutDir: true, target: 'es2022' },
});
