/** The framework-free core: usable without any element, in the browser or in Node. */
export * from './model.js';
export * from './errors.js';
export type * from './adapter.js';
export * from './store.js';
export * from './outbox.js';
export * from './ports.js';
export type * from './file-policy.js';
// The refusals' words load with the checks; a server that words a reason itself imports conv-kit/file-refusal.
export { createFileTypePolicy, DEFAULT_FILE_TYPES, identifyImage, SUPPORTED_FILE_TYPES } from './file-policy.js';
export * from './paging.js';
