/** The framework-free core: usable without any element, in the browser or in Node. */
export * from './model.js';
export * from './errors.js';
export type * from './adapter.js';
export * from './store.js';
export * from './outbox.js';
export * from './ports.js';
export * from './file-policy.js';
export * from './paging.js';
