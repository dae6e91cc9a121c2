/**
 * What a new database starts with: the very data the demo's memory backend serves (demo/seed/),
 * so the demo looks the same on either backend, plus the two demo agents and their tokens.
 */
import { COLLEAGUE_AGENT, createSeedWorld, DEFAULT_AGENT } from '../seed/world.js';
import type { Agent } from '../../src/core/model.js';
import type { SeedData } from './storage.js';

/** Demo sign-ins. A real deployment issues its own tokens; the server keeps only their hashes. */
export const DEMO_AGENTS: ReadonlyArray<{ agent: Agent; token: string }> = [
  { agent: DEFAULT_AGENT, token: 'demo-token-agent-1' },
  { agent: COLLEAGUE_AGENT, token: 'demo-token-agent-2' },
];

export function seedData({ seed, now }: { seed: number; now: number }): SeedData {
  let counter = 0;
  const world = createSeedWorld({ seed, now, nextId: (prefix) => `${prefix}-${++counter}` });
  return {
    agents: DEMO_AGENTS,
    conversations: world.conversations.map((conversation) => ({
      conversation,
      language: world.languages.get(conversation.customer.id) ?? 'en',
    })),
    messages: world.conversations.flatMap((conversation) => world.messages.get(conversation.id) ?? []),
    notes: [...world.notes.values()].flat(),
    fileTypePolicy: {},
  };
}
