// The flood rule as docs/protocol.md states it: 50 refused frames in a row close the connection (1008),
// at any rate above the limit, whether the connection said hello or not. Each run is printed as a
// diagnostic line with what came back.
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import type { ReferenceServer } from '../../demo/server/server.js';
import { CLOSE_FLOODING, FLOOD_CLOSE_AFTER } from '../../demo/server/socket.js';
import { startServer, TOKENS } from './reference-server-kit.js';

interface FloodOutcome {
  sent: number;
  pongs: number;
  rateLimited: number;
  closeCode: number | undefined;
  /** From the first flood frame to the close. */
  closedAfterMs: number | undefined;
}

/** Sends pings at `perSecond` for up to `seconds`, after a hello or without one, and reports what came back. */
async function flood(
  server: ReferenceServer,
  { hello, perSecond, seconds }: { hello: boolean; perSecond: number; seconds: number },
): Promise<FloodOutcome> {
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/ws`);
  const outcome: FloodOutcome = { sent: 0, pongs: 0, rateLimited: 0, closeCode: undefined, closedAfterMs: undefined };
  let signedIn: () => void = () => {};
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { type: string; id?: string; error?: { details?: { reason?: string } } };
    if (frame.type === 'pong') outcome.pongs++;
    else if (frame.type === 'error' && frame.error?.details?.reason === 'rate-limited') outcome.rateLimited++;
    else if (frame.type === 'response' && frame.id === 'hello') signedIn();
  });
  const closed = new Promise<void>((resolve) =>
    socket.on('close', (code) => {
      outcome.closeCode = code;
      resolve();
    }),
  );
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  if (hello) {
    const answered = new Promise<void>((resolve) => (signedIn = resolve));
    socket.send(
      JSON.stringify({
        type: 'request',
        id: 'hello',
        method: 'hello',
        params: { protocol: 1, token: TOKENS['agent-1'] },
      }),
    );
    await answered;
  }
  // Frames leave in batches every 10 ms, which holds the rate at any rate a timer allows.
  const started = Date.now();
  const batch = Math.max(1, Math.round(perSecond / 100));
  const interval = (batch * 1000) / perSecond;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (socket.readyState !== WebSocket.OPEN || Date.now() - started >= seconds * 1000) {
        clearInterval(timer);
        return resolve();
      }
      for (let index = 0; index < batch; index++, outcome.sent++) socket.send('{"type":"ping"}');
    }, interval);
  });
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1000))]);
  if (outcome.closeCode !== undefined) outcome.closedAfterMs = Date.now() - started;
  socket.terminate();
  return outcome;
}

describe('a flood of frames', () => {
  let server: ReferenceServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  const report = (t: TestContext, what: string, outcome: FloodOutcome) =>
    t.diagnostic(
      `${what}: sent ${outcome.sent} pings → ${outcome.pongs} pong, ${outcome.rateLimited} rate-limited, closed ${outcome.closeCode ?? 'never'}` +
        (outcome.closedAfterMs === undefined ? '' : ` after ${outcome.closedAfterMs} ms`),
    );

  for (const hello of [true, false])
    it(`at 1,000 frames/s ${hello ? 'after hello' : 'without hello'} is closed (1008) after 50 refused in a row`, async (t) => {
      const outcome = await flood(server, { hello, perSecond: 1000, seconds: 5 });
      report(t, `1000/s ${hello ? 'after hello' : 'without hello'}`, outcome);
      assert.equal(outcome.closeCode, CLOSE_FLOODING);
      assert.equal(CLOSE_FLOODING, 1008);
      // The 50th refusal is the close itself: 49 refusals are answered, none after.
      assert.equal(outcome.rateLimited, FLOOD_CLOSE_AFTER - 1);
      assert.ok(
        outcome.pongs >= 100 && outcome.pongs <= 120,
        `the burst of 100 and its refill answered, got ${outcome.pongs}`,
      );
      // Long before the hello timeout (10 s): the flood rule, not the missing hello, closed it.
      assert.ok(outcome.closedAfterMs! < 1500, `closed after ${outcome.closedAfterMs} ms`);
    });

  it('at 100 frames/s (twice the limit) is closed too, once the burst is spent', async (t) => {
    const outcome = await flood(server, { hello: true, perSecond: 100, seconds: 6 });
    report(t, '100/s after hello', outcome);
    assert.equal(outcome.closeCode, CLOSE_FLOODING);
    assert.equal(outcome.rateLimited, FLOOD_CLOSE_AFTER - 1);
  });

  it('at 40 frames/s (within the limit) is answered in full and stays open', async (t) => {
    const outcome = await flood(server, { hello: true, perSecond: 40, seconds: 2 });
    report(t, '40/s after hello', outcome);
    assert.equal(outcome.closeCode, undefined);
    assert.equal(outcome.rateLimited, 0);
    assert.equal(outcome.pongs, outcome.sent);
  });
});
