/** The single-file build for plain HTML pages: everything in src/index.ts, every element registered. */
export * from './index.js';
