/**
 * The single-file build for plain HTML pages: everything in src/index.ts, every element registered,
 * plus the embedded memory backend so a page can try conv-kit before it has a backend of its own.
 */
export * from './index.js';
export * from './adapters/memory.js';
