/**
 * `conv-kit/testing`: the adapter conformance suite. It runs in a browser test runner with mocha
 * (@web/test-runner, for example) and asserts with @open-wc/testing's `expect`.
 */
export { describeAdapterConformance, type AdapterConformanceControls } from './conformance.js';
