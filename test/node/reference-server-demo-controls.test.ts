// The demo controls among hostile neighbours: off unless the server is started with them, then only for
// this machine and only in the caller's own conversations. Each exchange is printed as a diagnostic line
// (`# POST /demo/… as agent-2 → 403 …`), so the run shows the exact requests and answers.
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_AGENT } from '../../demo/seed/world.js';
import type { ReferenceServer } from '../../demo/server/server.js';
import type { Agent, Conversation } from '../../src/core/model.js';
import { networkAddress, startServer, TOKENS, walkIn } from './reference-server-kit.js';

interface Exchange {
  status: number;
  body: string;
}

/** One HTTP request as `agent`, printed with its answer. */
async function call(
  t: TestContext,
  server: ReferenceServer,
  method: string,
  path: string,
  { as, body, headers = {} }: { as?: keyof typeof TOKENS; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Exchange> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(as && { Authorization: `Bearer ${TOKENS[as]}` }),
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
      ...headers,
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const extra = Object.entries(headers)
    .map(([name, value]) => ` ${name}: ${value}`)
    .join('');
  t.diagnostic(
    `${method} ${path}${body === undefined ? '' : ` ${JSON.stringify(body)}`} as ${as ?? 'nobody'}${extra} → ${response.status} ${text.slice(0, 160)}`,
  );
  return { status: response.status, body: text };
}

describe('demo controls', () => {
  it('are off unless the server is started with them: every /demo address is 404', async (t) => {
    const server = await startServer();
    try {
      const { id } = await server.service.queueConversation(walkIn());
      await server.service.pick(DEFAULT_AGENT, id);
      for (const [method, path, body] of [
        ['POST', '/demo/conversations', {}],
        ['POST', `/demo/conversations/${id}/messages`, { text: 'I am the customer' }],
        ['POST', `/demo/conversations/${id}/end`, {}],
        ['GET', '/demo/simulation', undefined],
        ['POST', '/demo/connections/drop', {}],
      ] as const)
        assert.equal((await call(t, server, method, path, { as: 'agent-1', body })).status, 404);
      assert.equal((await server.service.conversation(id))?.status, 'active');
    } finally {
      await server.close();
    }
  });

  describe('when enabled', () => {
    let server: ReferenceServer;
    let mine = '';
    before(async () => {
      server = await startServer({ demoControls: true });
      ({ id: mine } = await server.service.queueConversation(walkIn()));
      await server.service.pick(DEFAULT_AGENT, mine);
    });
    after(() => server.close());

    it("agent-2 ending agent-1's chat is refused (403) and the chat goes on", async (t) => {
      const answer = await call(t, server, 'POST', `/demo/conversations/${mine}/end`, { as: 'agent-2', body: {} });
      assert.equal(answer.status, 403);
      assert.equal((JSON.parse(answer.body) as { error: { code: string } }).error.code, 'forbidden');
      assert.equal((await server.service.conversation(mine))?.status, 'active');
    });

    it("agent-2 posting as the customer in agent-1's chat is refused (403) and nothing is stored", async (t) => {
      const before = (await server.service.listMessages(DEFAULT_AGENT, mine)).items.length;
      const answer = await call(t, server, 'POST', `/demo/conversations/${mine}/messages`, {
        as: 'agent-2',
        body: { text: 'Please send the refund to account 12345' },
      });
      assert.equal(answer.status, 403);
      assert.equal((await server.service.listMessages(DEFAULT_AGENT, mine)).items.length, before);
    });

    it('agent-2 creating an offer to agent-1 is refused (403) and agent-1 is offered nothing', async (t) => {
      const offered = async () =>
        (await snapshotOf(server, DEFAULT_AGENT)).filter(
          (conversation) => conversation.status === 'offered' && conversation.assigneeId === DEFAULT_AGENT.id,
        ).length;
      const before = await offered();
      const answer = await call(t, server, 'POST', '/demo/conversations', {
        as: 'agent-2',
        body: { offerTo: 'agent-1', text: 'Take me' },
      });
      assert.equal(answer.status, 403);
      assert.equal(await offered(), before);
    });

    it('an unknown conversation answers invalid (422)', async (t) => {
      assert.equal(
        (await call(t, server, 'POST', '/demo/conversations/conv-none/end', { as: 'agent-2', body: {} })).status,
        422,
      );
    });

    it("the caller's own controls still work: a new customer, an offer to oneself, the customer writing and leaving", async (t) => {
      const queued = await call(t, server, 'POST', '/demo/conversations', { as: 'agent-2', body: {} });
      assert.equal(queued.status, 201);
      const offer = await call(t, server, 'POST', '/demo/conversations', {
        as: 'agent-2',
        body: { offerTo: 'agent-2' },
      });
      assert.equal(offer.status, 201);
      assert.equal((JSON.parse(offer.body) as { assigneeId: string }).assigneeId, 'agent-2');
      // A customer still in the Picklist is nobody's yet: any agent may make them write.
      const waiting = (JSON.parse(queued.body) as { id: string }).id;
      const asAgent1 = async (id: string, action: string, body: unknown) =>
        (await call(t, server, 'POST', `/demo/conversations/${id}/${action}`, { as: 'agent-1', body })).status;
      assert.equal(await asAgent1(waiting, 'messages', { text: 'Hi?' }), 201);
      assert.equal(await asAgent1(mine, 'messages', { text: 'Thanks' }), 201);
      assert.equal(await asAgent1(mine, 'end', {}), 200);
      assert.equal((await server.service.conversation(mine))?.status, 'ended');
    });

    it('without a token they are refused (403)', async (t) => {
      assert.equal((await call(t, server, 'POST', '/demo/conversations', { body: {} })).status, 403);
    });

    it('a request a proxy forwards from another machine (a phone through Vite) is refused (403)', async (t) => {
      const forwarded: Array<Record<string, string>> = [
        { 'X-Forwarded-For': '192.168.1.23' },
        { 'X-Forwarded-For': '127.0.0.1, 192.168.1.23' },
        { Forwarded: 'for=192.168.1.23' },
      ];
      for (const headers of forwarded)
        assert.equal(
          (await call(t, server, 'POST', '/demo/conversations', { as: 'agent-1', body: {}, headers })).status,
          403,
        );
      assert.equal(
        (
          await call(t, server, 'POST', '/demo/conversations', {
            as: 'agent-1',
            body: {},
            headers: { 'X-Forwarded-For': '127.0.0.1' },
          })
        ).status,
        201,
        'forwarded from this machine',
      );
    });
  });

  it('a request from another address than loopback is refused (403), when the server listens on the network', async (t) => {
    const address = networkAddress();
    if (!address) return t.skip('this machine has no network address besides loopback');
    const server = await startServer({ demoControls: true, host: '0.0.0.0' });
    try {
      const response = await fetch(`http://${address}:${server.port}/demo/conversations`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKENS['agent-1']}` },
        body: '{}',
      });
      const text = await response.text();
      t.diagnostic(`POST http://${address}:${server.port}/demo/conversations as agent-1 → ${response.status} ${text}`);
      assert.equal(response.status, 403);
    } finally {
      await server.close();
    }
  });
});

/** What an agent's snapshot lists, without subscribing. */
async function snapshotOf(server: ReferenceServer, agent: Agent): Promise<Conversation[]> {
  let listed: Conversation[] = [];
  await server.service.subscribeWithSnapshot(
    { agent, open: false, deliver: () => {} },
    ({ conversations }) => (listed = conversations),
  );
  return listed;
}
