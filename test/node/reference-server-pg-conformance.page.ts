// The adapter conformance suite in a browser, against two reference server processes on one
// PostgreSQL database: an agent's devices alternate between the processes (the desktop on one, the
// phone on the other), and the customers write through the other process than the one that queued
// them. reference-server-pg-conformance.test.ts starts the database and the processes, then runs this
// page in headless Chromium; the addresses come from its `conv-pg-servers` command.
import { executeServerCommand } from '@web/test-runner-commands';
import { createWebSocketAdapter } from '../../src/adapters/websocket.js';
import type { Conversation, Customer } from '../../src/core/model.js';
import { describeAdapterConformance } from '../../src/testing/index.js';

const TOKENS = { 'agent-1': 'demo-token-agent-1', 'agent-2': 'demo-token-agent-2' } as const;
let servers: string[] = [];

before(async () => {
  ({ servers } = (await executeServerCommand('conv-pg-servers')) as { servers: string[] });
  if (servers.length < 2) throw new Error('Two server processes are needed');
});

const server = (index: number) => servers[index % servers.length]!;

/** The demo controls of one process; they act for the calling agent only. */
async function control<T>(on: number, path: string, body: unknown = {}, token: string = TOKENS['agent-1']) {
  const response = await fetch(`${server(on)}/demo/${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

let devices = 0;
/** Each new device of an agent on the next process, with the other as its failover address. */
const device = (token: string) => {
  const first = devices++;
  return createWebSocketAdapter({
    url: [`${server(first)}/ws`, `${server(first + 1)}/ws`],
    token,
    reconnectMinMs: 100,
    reconnectMaxMs: 1000,
  });
};
const tokenOf = (agentId: string) => (agentId === 'agent-2' ? TOKENS['agent-2'] : TOKENS['agent-1']);
let queued = 0;

describeAdapterConformance(
  'WebSocket adapter with two reference server processes on PostgreSQL',
  () => device(TOKENS['agent-1']),
  {
    makeColleagueAdapter: () => device(TOKENS['agent-2']),
    queueConversation: async (customer?: Customer) =>
      (await control<Conversation>(queued++, 'conversations', customer ? { customer } : {})).id,
    // The customer writes through the process that did not queue the conversation (or either: both are the same state).
    customerSays: (conversationId, text) =>
      control(queued, `conversations/${encodeURIComponent(conversationId)}/messages`, { text }),
    offerConversation: async (agentId) =>
      (await control<Conversation>(queued++, 'conversations', { offerTo: agentId }, tokenOf(agentId))).id,
    offerExpiringIn: async (agentId, offerTimeoutMs) =>
      (await control<Conversation>(queued++, 'conversations', { offerTo: agentId, offerTimeoutMs }, tokenOf(agentId)))
        .id,
    // Each process cuts the agent's connections there, as a network loss would; the adapter reconnects by itself.
    dropConnection: () => Promise.all([control(0, 'connections/drop'), control(1, 'connections/drop')]),
  },
);
