// The conformance suite integrators run against their adapters, run here against conv-kit's own two:
// the memory adapter, and the WebSocket adapter talking to the reference server.
import { executeServerCommand } from '@web/test-runner-commands';
import { createMemoryAdapter, type MemoryAdapter } from '../../src/adapters/memory.js';
import { COLLEAGUE_AGENT, seededBackend } from '../helpers/seed.js';
import { createWebSocketAdapter } from '../../src/adapters/websocket.js';
import type { ConversationAdapter } from '../../src/core/adapter.js';
import type { Conversation, Customer } from '../../src/core/model.js';
import { describeAdapterConformance } from '../../src/testing/index.js';

// ── the memory adapter ──

const backend = seededBackend({ seed: 11, replyDelayMs: false });
const asMemory = (adapter: ConversationAdapter) => adapter as MemoryAdapter;

describeAdapterConformance('memory adapter', () => createMemoryAdapter({ backend, latencyMs: 0 }), {
  makeColleagueAdapter: () => createMemoryAdapter({ backend, agent: COLLEAGUE_AGENT, latencyMs: 0 }),
  queueConversation: async (customer) => backend.queueConversation(customer ? { customer } : {}).id,
  customerSays: (conversationId, text) => backend.customerSays(conversationId, text),
  customerTyping: async (conversationId, typing) => backend.customerTyping(conversationId, typing),
  customerSeesAgentTyping: (conversationId) => backend.customerSeesAgentTyping(conversationId),
  offerConversation: async (agentId) => backend.offerConversation(agentId).id,
  offerExpiringIn: async (agentId, offerTimeoutMs) => backend.offerConversation(agentId, { offerTimeoutMs }).id,
  dropConnection: (adapter) => asMemory(adapter).faults.dropConnection(),
  restoreConnection: (adapter) => asMemory(adapter).faults.restoreConnection(),
});

// ── the WebSocket adapter and the reference server ──

const AGENT_TOKEN = 'demo-token-agent-1';
const COLLEAGUE_TOKEN = 'demo-token-agent-2';
let server = '';

before(async () => {
  ({ url: server } = (await executeServerCommand('conv-server', { action: 'start', name: 'conformance' })) as {
    url: string;
  });
});
after(async () => {
  await executeServerCommand('conv-server', { action: 'stop', name: 'conformance' });
});

/**
 * The reference server's demo controls: a customer arriving, writing, or the network dropping. They act
 * for the calling agent only, so an offer to the colleague is made with the colleague's token.
 */
async function control<T>(path: string, body: unknown = {}, token = AGENT_TOKEN): Promise<T> {
  const response = await fetch(`${server}/demo/${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

const webSocketAdapter = (token: string) =>
  createWebSocketAdapter({ url: `${server}/ws`, token, reconnectMinMs: 100, reconnectMaxMs: 1000 });

describeAdapterConformance('WebSocket adapter with the reference server', () => webSocketAdapter(AGENT_TOKEN), {
  makeColleagueAdapter: () => webSocketAdapter(COLLEAGUE_TOKEN),
  queueConversation: async (customer?: Customer) =>
    (await control<Conversation>('conversations', customer ? { customer } : {})).id,
  customerSays: (conversationId, text) =>
    control(`conversations/${encodeURIComponent(conversationId)}/messages`, { text }),
  customerTyping: (conversationId, typing) =>
    control(`conversations/${encodeURIComponent(conversationId)}/typing`, { typing }),
  customerSeesAgentTyping: async (conversationId) => {
    const response = await fetch(`${server}/demo/conversations/${encodeURIComponent(conversationId)}/typing`, {
      headers: { Authorization: `Bearer ${AGENT_TOKEN}` },
    });
    return ((await response.json()) as { agentTyping: boolean }).agentTyping;
  },
  offerConversation: async (agentId) =>
    (
      await control<Conversation>(
        'conversations',
        { offerTo: agentId },
        agentId === 'agent-2' ? COLLEAGUE_TOKEN : AGENT_TOKEN,
      )
    ).id,
  offerExpiringIn: async (agentId, offerTimeoutMs) =>
    (
      await control<Conversation>(
        'conversations',
        { offerTo: agentId, offerTimeoutMs },
        agentId === 'agent-2' ? COLLEAGUE_TOKEN : AGENT_TOKEN,
      )
    ).id,
  // The server cuts every connection of the agent, as a network loss would; the adapter reconnects by itself.
  dropConnection: () => control('connections/drop'),
});
