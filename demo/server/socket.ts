/**
 * One agent's WebSocket connection: hello first, then requests and pushes. Frames from the network
 * are untrusted: a frame that is not JSON, too large, of an unknown type or one too many gets an
 * error or closes this connection, and never reaches further than this file.
 */
import type { RawData, WebSocket } from 'ws';
import {
  CLOSE_HELLO_TIMEOUT,
  CLOSE_REFUSED,
  type ClientFrame,
  type ProtocolMethod,
  type ServerEvent,
  type ServerFrame,
  type WireError,
} from '../../src/adapters/websocket.js';
import { ConvError, isConvError } from '../../src/core/errors.js';
import type { Agent } from '../../src/core/model.js';
import { EXAMPLE_STANDARD_RESPONSES } from '../../src/adapters/standard-responses.js';
import { METHODS, readParams } from './params.js';
import type { ConversationService, Subscriber } from './service.js';

export interface SocketLimits {
  /** How often the server checks the client is there (a WebSocket ping), and the heartbeat it asks the client to keep. */
  heartbeatMs: number;
  /** A connection that has not said hello by then is closed. */
  helloTimeoutMs: number;
  /** Frames a connection may send at once… */
  burst: number;
  /** …and per second after that. */
  perSecond: number;
  /** Every frame to the client waits this long: a slow network, for the demo and for tests. */
  answerDelayMs: number;
}

interface LiveSubscriber extends Subscriber {
  open: boolean;
}

/** Frames refused in a row for flooding before the connection is closed. */
export const FLOOD_CLOSE_AFTER = 50;
/** The close code for flooding (WebSocket's "policy violation"), as docs/protocol.md lists it. */
export const CLOSE_FLOODING = 1008;
/** A flooding client that does not answer the close in this time is cut off. */
const FLOOD_CLOSE_GRACE_MS = 2000;
const MAX_REQUEST_ID_LENGTH = 64;

export function serveConnection(
  ws: WebSocket,
  service: ConversationService,
  limits: SocketLimits,
  onAgent: (agent: Agent, ws: WebSocket) => void,
): void {
  let agent: Agent | undefined;
  let subscriber: LiveSubscriber | undefined;
  let alive = true;
  let tokens = limits.burst;
  let refilledAt = Date.now();
  let refusedInARow = 0;
  /** Once a frame is refused, every frame is, until a second's allowance has built up again. */
  let refusing = false;
  let closing = false;
  let sendAt = 0;

  /** Frames (and a close) leave in order; with `answerDelayMs` each waits, and the order still holds. */
  const inOrder = (task: () => void) => {
    if (limits.answerDelayMs <= 0) return task();
    sendAt = Math.max(Date.now() + limits.answerDelayMs, sendAt);
    setTimeout(task, sendAt - Date.now());
  };
  const send = (frame: ServerFrame) => {
    const data = JSON.stringify(frame);
    inOrder(() => {
      if (ws.readyState === ws.OPEN) ws.send(data);
    });
  };
  const sendError = (id: string | undefined, error: WireError) =>
    send(id === undefined ? { type: 'error', error } : { type: 'error', id, error });

  const helloTimer = setTimeout(() => ws.close(CLOSE_HELLO_TIMEOUT, 'Say hello first'), limits.helloTimeoutMs);
  const heartbeat = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
  }, limits.heartbeatMs);

  ws.on('pong', () => (alive = true));
  ws.on('error', () => {
    // A frame over the size limit, a broken socket: ws closes the connection; nothing else to do.
  });
  ws.on('close', () => {
    clearTimeout(helloTimer);
    clearInterval(heartbeat);
    if (subscriber) {
      subscriber.open = false;
      service.unsubscribe(subscriber);
    }
  });

  /**
   * A token bucket: a burst of frames is fine, a flood is refused and then cut off. Refused frames use
   * no allowance, and once one is refused the connection stays refused until a second's allowance
   * (`perSecond` frames) has built up, so a frame let through now and then by the refill does not
   * start the count again: any rate above the limit reaches FLOOD_CLOSE_AFTER refusals in a row and
   * is closed, whether the connection said hello or not.
   */
  const allowed = () => {
    const now = Date.now();
    tokens = Math.min(limits.burst, tokens + ((now - refilledAt) / 1000) * limits.perSecond);
    refilledAt = now;
    if (refusing && tokens >= Math.min(limits.burst, limits.perSecond)) refusing = false;
    if (!refusing && tokens >= 1) {
      tokens -= 1;
      refusedInARow = 0;
      return true;
    }
    refusing = true;
    if (++refusedInARow >= FLOOD_CLOSE_AFTER) {
      closing = true;
      inOrder(() => {
        ws.close(CLOSE_FLOODING, 'Too many messages');
        setTimeout(() => ws.terminate(), FLOOD_CLOSE_GRACE_MS).unref();
      });
    } else
      sendError(undefined, {
        code: 'network',
        message: 'Too many messages: slow down',
        details: { reason: 'rate-limited' },
      });
    return false;
  };

  ws.on('message', (data: RawData, isBinary: boolean) => {
    alive = true;
    // Frames still arriving after the flood closed the connection are not read.
    if (closing || !allowed()) return;
    if (isBinary)
      return sendError(undefined, { code: 'invalid', message: 'Frames are JSON text', details: { reason: 'binary' } });
    let frame: unknown;
    try {
      frame = JSON.parse(data.toString());
    } catch {
      return sendError(undefined, {
        code: 'invalid',
        message: 'A frame must be JSON',
        details: { reason: 'malformed' },
      });
    }
    void handle(frame);
  });

  async function handle(raw: unknown) {
    const frame = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<
      Record<keyof ClientFrame | 'method' | 'id' | 'params', unknown>
    >;
    if (frame.type === 'ping') return send({ type: 'pong' });
    if (frame.type !== 'request')
      return sendError(undefined, {
        code: 'invalid',
        message: 'Unknown frame type',
        details: { reason: 'unknown-type' },
      });
    const id =
      typeof frame.id === 'string' && frame.id.length > 0 && frame.id.length <= MAX_REQUEST_ID_LENGTH
        ? frame.id
        : undefined;
    if (id === undefined)
      return sendError(undefined, { code: 'invalid', message: 'A request needs an id', details: { reason: 'no-id' } });
    const method = METHODS.find((name) => name === frame.method);
    try {
      if (!method) throw new ConvError('invalid', 'Unknown method', { reason: 'unknown-method' });
      await answer(id, method, frame.params);
    } catch (error) {
      sendError(id, toWireError(error));
      // The refusal is sent first, so the client learns why before the connection closes.
      if (isConvError(error) && error.details?.reason === 'refused')
        inOrder(() => ws.close(CLOSE_REFUSED, 'Unknown token'));
    }
  }

  async function answer(id: string, method: ProtocolMethod, rawParams: unknown) {
    if (method === 'hello') {
      if (agent) throw new ConvError('invalid', 'Already signed in');
      const { token } = readParams('hello', rawParams);
      const found = token === undefined ? undefined : await service.agentByToken(token);
      if (!found) throw new ConvError('forbidden', 'This token is not valid', { reason: 'refused' });
      agent = found;
      clearTimeout(helloTimer);
      onAgent(found, ws);
      return send({ type: 'response', id, result: { agent: found, heartbeatMs: limits.heartbeatMs } });
    }
    if (!agent) throw new ConvError('forbidden', 'Say hello with a token first', { reason: 'refused' });
    const me = agent;
    switch (method) {
      case 'snapshot':
      case 'resume': {
        if (subscriber) service.unsubscribe(subscriber);
        const next: LiveSubscriber = {
          agent: me,
          open: true,
          deliver: (seq: number, event: ServerEvent) => send({ type: 'event', seq, event }),
          signal: (event) => send({ type: 'signal', event }),
        };
        subscriber = next;
        const respond = (result: unknown) => send({ type: 'response', id, result });
        if (method === 'snapshot') return service.subscribeWithSnapshot(next, respond);
        return service.subscribeFrom(next, readParams('resume', rawParams), respond);
      }
      default:
        return send({ type: 'response', id, result: await call(me, method, rawParams) });
    }
  }

  function call(
    me: Agent,
    method: Exclude<ProtocolMethod, 'hello' | 'snapshot' | 'resume'>,
    rawParams: unknown,
  ): Promise<unknown> {
    switch (method) {
      case 'pick':
        return service.pick(me, readParams(method, rawParams).conversationId);
      case 'accept':
        return service.accept(me, readParams(method, rawParams).conversationId);
      case 'reject':
        return service.reject(me, readParams(method, rawParams).conversationId);
      case 'endChat':
        return service.endChat(me, readParams(method, rawParams).conversationId);
      case 'markRead':
        return service.markRead(me, readParams(method, rawParams).conversationId);
      case 'sendTyping': {
        const { conversationId, typing } = readParams(method, rawParams);
        return service.sendTyping(me, conversationId, typing);
      }
      case 'listStandardResponses':
        return Promise.resolve(EXAMPLE_STANDARD_RESPONSES);
      case 'searchConversations': {
        const { query, ...page } = readParams(method, rawParams);
        return service.searchConversations(me, query, page);
      }
      case 'sendMessage':
        return service.sendMessage(me, readParams(method, rawParams).message);
      case 'listMessages': {
        const { conversationId, ...page } = readParams(method, rawParams);
        return service.listMessages(me, conversationId, page);
      }
      case 'listPreviousConversations': {
        const { conversationId, ...page } = readParams(method, rawParams);
        return service.listPreviousConversations(me, conversationId, page);
      }
      case 'listNotes':
        return service.listNotes(me, readParams(method, rawParams).conversationId);
      case 'addNote':
        return service.addNote(me, readParams(method, rawParams));
      case 'getFileTypePolicy':
        readParams(method, rawParams);
        return Promise.resolve(service.fileTypePolicy());
    }
  }
}

/** A typed error for the client; anything unexpected is logged here and told as a retryable `network` failure. */
export function toWireError(error: unknown): WireError {
  if (isConvError(error))
    return error.details
      ? { code: error.code, message: error.message, details: error.details }
      : { code: error.code, message: error.message };
  console.error('conv-kit reference server: a request failed:', error);
  return { code: 'network', message: 'The server could not do that just now; try again' };
}
