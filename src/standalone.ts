/**
 * The single-file build for plain HTML pages: everything in src/index.ts, every element registered
 * (`<conv-workspace>` included),
 * plus the embedded memory backend so a page can try conv-kit before it has a backend of its own.
 */
export * from './index.js';
export * from './adapters/memory.js';
export * from './elements/conv-workspace/conv-workspace.js';
