/**
 * `conv-kit/testing`: the adapter conformance suite, with its hostile-backend section, and the broken
 * backend it is made with. It runs in a browser test runner with mocha (@web/test-runner, for example)
 * and asserts with @open-wc/testing's `expect`.
 */
export { describeAdapterConformance, type AdapterConformanceControls } from './conformance.js';
export {
  HOSTILE_CONVERSATIONS,
  HOSTILE_MESSAGES,
  HOSTILE_NOTES,
  HOSTILE_PUSHES,
  tamperedAdapter,
  type HostileCase,
  type TamperedAdapter,
  type Tampering,
} from './hostile-backend.js';
