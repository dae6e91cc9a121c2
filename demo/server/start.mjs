// Starts the reference server. Node 20 cannot run TypeScript, so esbuild bundles demo/server/main.ts
// (with the conv-kit modules it shares: the seed data and the file-type policy) first; npm packages stay imports.
import { buildServer } from './build.mjs';

const bundle = await buildServer();
await import(bundle);
