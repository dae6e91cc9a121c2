// The reference server faces the network: whatever a client sends, it answers with an error or
// closes that one connection, and goes on serving everyone else.
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { CLOSE_REFUSED, createWebSocketAdapter, type ServerFrame } from '../../src/adapters/websocket.js';

const NAME = 'hostile-frames';
const TOKEN = 'demo-token-agent-1';
let server = '';

before(async () => {
  ({ url: server } = (await executeServerCommand('conv-server', { action: 'start', name: NAME })) as { url: string });
});
after(async () => {
  await executeServerCommand('conv-server', { action: 'stop', name: NAME });
});

interface RawConnection {
  socket: WebSocket;
  frames: ServerFrame[];
  closed: Promise<CloseEvent>;
  send(data: string | ArrayBuffer): void;
  /** The next frame that matches, waiting for it. */
  next(match: (frame: ServerFrame) => boolean, what: string): Promise<ServerFrame>;
}

const sockets: WebSocket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});

/** A WebSocket that says whatever the test wants, as a hostile client would. */
async function rawConnection(): Promise<RawConnection> {
  const socket = new WebSocket(`${server.replace('http', 'ws')}/ws`);
  sockets.push(socket);
  const frames: ServerFrame[] = [];
  socket.onmessage = (message) => frames.push(JSON.parse(String(message.data)) as ServerFrame);
  const closed = new Promise<CloseEvent>((resolve) => socket.addEventListener('close', resolve));
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  return {
    socket,
    frames,
    closed,
    send: (data) => socket.send(data),
    async next(match, what) {
      await waitUntil(() => frames.some(match), `the server to answer: ${what}`);
      return frames.find(match)!;
    },
  };
}

async function signedIn(): Promise<RawConnection> {
  const connection = await rawConnection();
  connection.send(
    JSON.stringify({ type: 'request', id: 'hello', method: 'hello', params: { protocol: 1, token: TOKEN } }),
  );
  await connection.next((frame) => frame.type === 'response' && frame.id === 'hello', 'hello');
  return connection;
}

const errorOf = (frame: ServerFrame) => (frame.type === 'error' ? frame.error : undefined);

/** After each attack the server still serves: a new agent connects and gets a snapshot. */
async function expectServerStillServes() {
  const adapter = createWebSocketAdapter({ url: `${server}/ws`, token: TOKEN });
  try {
    const snapshot = await adapter.connect(() => {});
    expect(snapshot.agent.id).to.equal('agent-1');
    expect(snapshot.conversations.length).to.be.greaterThan(0);
  } finally {
    adapter.disconnect();
  }
}

describe('reference server facing hostile frames', () => {
  it('a frame that is not JSON gets an invalid error and the connection stays usable', async () => {
    const connection = await signedIn();
    connection.send('{"type": "request", "id": ');
    const refusal = await connection.next((frame) => frame.type === 'error', 'the malformed frame');
    expect(errorOf(refusal)).to.include({ code: 'invalid' });
    connection.send(JSON.stringify({ type: 'request', id: 'policy', method: 'getFileTypePolicy', params: {} }));
    await connection.next(
      (frame) => frame.type === 'response' && frame.id === 'policy',
      'a request after the bad frame',
    );
  });

  it('frames of unknown types, unknown methods and binary frames are refused with errors', async () => {
    const connection = await signedIn();
    connection.send(JSON.stringify({ type: 'subscribe-all-agents' }));
    connection.send(JSON.stringify({ type: 'request', id: 'admin', method: 'dropDatabase', params: {} }));
    connection.send(new Uint8Array([1, 2, 3]).buffer);
    connection.send('[]');
    connection.send('null');
    await waitUntil(() => connection.frames.filter((frame) => frame.type === 'error').length === 5, 'five refusals');
    const refusals = connection.frames.flatMap((frame) => errorOf(frame) ?? []);
    expect(refusals.map((error) => error.details?.reason)).to.deep.equal([
      'unknown-type',
      'unknown-method',
      'binary',
      'unknown-type',
      'unknown-type',
    ]);
    expect(refusals.every((error) => error.code === 'invalid')).to.equal(true);
    await expectServerStillServes();
  });

  it('parameters of the wrong type or size are invalid, never a crash', async () => {
    const connection = await signedIn();
    const requests = [
      {
        method: 'sendMessage',
        params: { message: { clientId: 'c1', conversationId: 'conv-1', text: 42, attachments: [] } },
      },
      {
        method: 'sendMessage',
        params: { message: { clientId: 'c2', conversationId: 'conv-1', text: 'x', attachments: 'all of them' } },
      },
      {
        method: 'sendMessage',
        params: { message: { clientId: 'c3', conversationId: 'conv-1', text: 'x'.repeat(20_000), attachments: [] } },
      },
      {
        method: 'sendMessage',
        params: {
          message: {
            clientId: 'c4',
            conversationId: 'conv-1',
            text: 'x',
            attachments: [{ url: 'javascript:alert(1)' }],
          },
        },
      },
      {
        method: 'sendMessage',
        params: {
          message: {
            clientId: 'c5',
            conversationId: 'conv-1',
            text: 'x',
            attachments: [],
            location: { latitude: 'north', longitude: 0 },
          },
        },
      },
      { method: 'listMessages', params: { conversationId: 'conv-1', limit: 1e9 } },
      { method: 'listMessages', params: { conversationId: 'conv-1', cursor: 'not a cursor' } },
      { method: 'resume', params: { logId: 'x', seq: -1 } },
      { method: 'pick', params: { conversationId: { $ne: null } } },
      { method: 'addNote', params: '__proto__' },
    ];
    requests.forEach((request, index) =>
      connection.send(JSON.stringify({ type: 'request', id: `bad-${index}`, ...request })),
    );
    await waitUntil(
      () => connection.frames.filter((frame) => frame.type === 'error').length === requests.length,
      'every bad request refused',
    );
    for (const frame of connection.frames.filter((frame) => frame.type !== 'response'))
      expect(errorOf(frame)?.code, JSON.stringify(frame)).to.equal('invalid');
    expect(
      connection.frames.filter((frame) => frame.type === 'response').map((frame) => (frame as { id: string }).id),
    ).to.deep.equal(['hello']);
    await expectServerStillServes();
  });

  it('a request before hello, or with an unknown token, is refused and the connection closed', async () => {
    const early = await rawConnection();
    early.send(JSON.stringify({ type: 'request', id: 'snap', method: 'snapshot', params: {} }));
    expect(errorOf(await early.next((frame) => frame.type === 'error', 'the early request'))).to.include({
      code: 'forbidden',
    });
    expect((await early.closed).code).to.equal(CLOSE_REFUSED);

    const stranger = await rawConnection();
    stranger.send(
      JSON.stringify({ type: 'request', id: 'hello', method: 'hello', params: { protocol: 1, token: 'guess' } }),
    );
    expect(errorOf(await stranger.next((frame) => frame.type === 'error', 'the unknown token'))).to.include({
      code: 'forbidden',
    });
    expect((await stranger.closed).code).to.equal(CLOSE_REFUSED);
    await expectServerStillServes();
  });

  it('a frame over 1 MiB closes that connection and the server keeps serving', async () => {
    const connection = await signedIn();
    connection.send(
      JSON.stringify({
        type: 'request',
        id: 'big',
        method: 'addNote',
        params: { conversationId: 'conv-1', text: 'x'.repeat(1024 * 1024 + 10) },
      }),
    );
    expect((await connection.closed).code).to.equal(1009);
    await expectServerStillServes();
  });

  it('a flood of frames is refused as too many, then the connection is closed, and the server keeps serving', async () => {
    const connection = await signedIn();
    for (let index = 0; index < 400; index++) connection.send(JSON.stringify({ type: 'ping' }));
    const closed = await connection.closed;
    expect(closed.code).to.equal(1008);
    expect(connection.frames.some((frame) => errorOf(frame)?.details?.reason === 'rate-limited')).to.equal(true);
    expect(
      connection.frames.filter((frame) => frame.type === 'pong').length,
      'pings answered before the limit',
    ).to.be.within(90, 150);
    await expectServerStillServes();
  });
});
