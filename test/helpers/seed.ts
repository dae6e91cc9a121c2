/**
 * The demo's customers and conversations (demo/seed/), which most tests are written against: the
 * library's memory backend starts empty unless it is given data.
 */
import { createMemoryBackend, type MemoryBackend, type MemoryBackendOptions } from '../../src/adapters/memory.js';
import { demoSeed } from '../../demo/seed/world.js';

export { COLLEAGUE_AGENT, DEFAULT_AGENT } from '../../demo/seed/world.js';

/** A memory backend holding the demo's world, with its customers who answer in their own language. */
export function seededBackend(options: MemoryBackendOptions = {}): MemoryBackend {
  return createMemoryBackend({ ...demoSeed(), ...options });
}
