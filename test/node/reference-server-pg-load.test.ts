// A load run on loopback: 200 simulated agent devices sending 2,000 messages a minute, against two
// server processes on one PostgreSQL database and against one process on SQLite. Every device of the
// sending agent must get every message exactly once; the run reports push latency (send → push on
// each device) p50/p99 and lost/doubled counts.
//
// `npm test` runs it for CONV_LOAD_SECONDS (default 15 s each); the figures in docs/deployment.md come from
//   CONV_LOAD_SECONDS=60 node scripts/node-tests.mjs reference-server-pg-load
// The demo has two agents, and a token is checked against each agent's salted hash, so the devices
// are 100 per agent: each message is pushed to 100 devices, far more fan-out than 200 agents with a
// desktop and a phone each would cause.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import type { ServerFrame } from '../../src/adapters/websocket.js';
import type { Conversation } from '../../src/core/model.js';
import {
  skipWithoutPostgres,
  startServerProcess,
  TOKENS,
  usePostgres,
  type ServerProcess,
} from './reference-server-pg-kit.js';

const SECONDS = Number(process.env.CONV_LOAD_SECONDS ?? 15);
const DEVICES = 200;
const MESSAGES_PER_MINUTE = 2000;
const CONVERSATIONS_PER_AGENT = 10;
/** Bounds the run must stay within. */
const MAX_P99_MS = 2000;
const SETTLE_MS = 10_000;

type AgentId = keyof typeof TOKENS;
const AGENTS = Object.keys(TOKENS) as AgentId[];

/** One device speaking the protocol itself: hello, snapshot, requests; it records every message pushed. */
async function device(server: string, agent: AgentId, onMessage: (clientId: string, messageId: string) => void) {
  const ws = new WebSocket(`${server.replace(/^http/, 'ws')}/ws`);
  const pending = new Map<string, { resolve(result: unknown): void; reject(error: Error): void }>();
  let counter = 0;
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as ServerFrame;
    if (frame.type === 'event' && frame.event.type === 'message')
      onMessage(frame.event.message.clientId ?? '', frame.event.message.id ?? '');
    if ((frame.type === 'response' || frame.type === 'error') && frame.id !== undefined) {
      const entry = pending.get(frame.id);
      pending.delete(frame.id);
      if (frame.type === 'response') entry?.resolve(frame.result);
      else entry?.reject(new Error(`${frame.error.code}: ${frame.error.message}`));
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const request = (method: string, params: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const id = `r${++counter}`;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${method} was not answered in 10 s`));
      }, 10_000);
      pending.set(id, {
        resolve: (result) => (clearTimeout(timer), resolve(result)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      ws.send(JSON.stringify({ type: 'request', id, method, params }));
    });
  await request('hello', { protocol: 1, token: TOKENS[agent] });
  await request('snapshot', {});
  return { agent, request, close: () => ws.terminate() };
}

const percentile = (sorted: number[], fraction: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]! : NaN;

async function loadRun(name: string, servers: ServerProcess[]) {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  /** Per device: message ids it was pushed. */
  const seen: Array<Set<string>> = [];
  let doubled = 0;
  const devices = await Promise.all(
    Array.from({ length: DEVICES }, async (_, index) => {
      const mine = new Set<string>();
      seen[index] = mine;
      return device(
        servers[index % servers.length]!.url as string,
        AGENTS[Math.floor(index / 2) % 2]!,
        (clientId, messageId) => {
          const at = sentAt.get(clientId);
          if (at === undefined) return; // not a message of the run
          if (mine.has(messageId)) doubled++;
          else latencies.push(Date.now() - at);
          mine.add(messageId);
        },
      );
    }),
  );
  try {
    console.log(`load ${name}: ${DEVICES} devices connected`);
    // Each agent handles a few conversations, queued through either process.
    const conversations = new Map<AgentId, string[]>();
    for (const agent of AGENTS) {
      const ids: string[] = [];
      for (let index = 0; index < CONVERSATIONS_PER_AGENT; index++) {
        const response = await fetch(`${servers[index % servers.length]!.url}/demo/conversations`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${TOKENS[agent]}`, 'Content-Type': 'application/json' },
          body: '{}',
        });
        const { id } = (await response.json()) as Conversation;
        await devices.find((candidate) => candidate.agent === agent)!.request('pick', { conversationId: id });
        ids.push(id);
      }
      conversations.set(agent, ids);
    }

    console.log(`load ${name}: conversations ready`);
    const total = Math.round((SECONDS * MESSAGES_PER_MINUTE) / 60);
    const interval = 60_000 / MESSAGES_PER_MINUTE;
    const started = Date.now();
    const sends: Array<Promise<unknown>> = [];
    const sentBy = new Map<string, AgentId>();
    let errors = 0;
    for (let index = 0; index < total; index++) {
      // Keep to the schedule even when a timer fires late.
      const due = started + index * interval;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      const sender = devices[(index * 7) % DEVICES]!;
      const ids = conversations.get(sender.agent)!;
      const clientId = `load-${index}`;
      sentAt.set(clientId, Date.now());
      sentBy.set(clientId, sender.agent);
      sends.push(
        sender
          .request('sendMessage', {
            message: { clientId, conversationId: ids[index % ids.length], text: `Load ${index}`, attachments: [] },
          })
          .catch(() => errors++),
      );
    }
    await Promise.all(sends);
    console.log(`load ${name}: all sent`);
    const sendSeconds = (Date.now() - started) / 1000;
    const expected = [...sentBy.values()].reduce(
      (sum, agent) => sum + devices.filter((candidate) => candidate.agent === agent).length,
      0,
    );
    const deadline = Date.now() + SETTLE_MS;
    while (latencies.length < expected && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const sorted = latencies.sort((x, y) => x - y);
    const figures = {
      name,
      seconds: Math.round(sendSeconds),
      messages: total,
      sendErrors: errors,
      pushes: sorted.length,
      expectedPushes: expected,
      lost: expected - sorted.length,
      doubled,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      max: sorted.at(-1) ?? NaN,
    };
    console.log(
      `load ${name}: ${figures.messages} messages in ${figures.seconds} s from ${DEVICES} devices, ${figures.pushes}/${figures.expectedPushes} pushes, ` +
        `push latency p50 ${figures.p50} ms, p99 ${figures.p99} ms, max ${figures.max} ms; lost ${figures.lost}, doubled ${figures.doubled}, send errors ${figures.sendErrors}`,
    );
    return figures;
  } finally {
    for (const open of devices) open.close();
  }
}

describe('a load run on loopback', { skip: skipWithoutPostgres() }, () => {
  const postgres = usePostgres();
  const folder = mkdtempSync(join(tmpdir(), 'conv-kit-load-'));
  const processes: ServerProcess[] = [];
  after(async () => {
    await Promise.all(processes.map((server) => server.kill()));
    rmSync(folder, { recursive: true, force: true });
  });

  for (const setup of ['two processes on PostgreSQL', 'one process on SQLite'] as const)
    it(`${setup}: ${DEVICES} devices, ${MESSAGES_PER_MINUTE} messages a minute for ${SECONDS} s, nothing lost or doubled, p99 under ${MAX_P99_MS} ms`, async () => {
      let servers: ServerProcess[];
      if (setup === 'one process on SQLite') servers = [await startServerProcess(join(folder, 'load.sqlite'))];
      else {
        const database = await postgres.newDatabase();
        servers = [await startServerProcess(database), await startServerProcess(database)];
      }
      processes.push(...servers);
      const figures = await loadRun(setup, servers);
      assert.equal(figures.sendErrors, 0);
      assert.equal(figures.lost, 0);
      assert.equal(figures.doubled, 0);
      assert.ok(figures.p99 < MAX_P99_MS, `p99 ${figures.p99} ms`);
      await Promise.all(servers.map((server) => server.kill()));
    });
});
