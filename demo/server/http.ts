/**
 * The HTTP side of the reference server: uploads (checked again here with conv-kit's file-type
 * policy: the client's check is a convenience, this one is the rule), the files themselves, and the
 * demo's controls (a new customer, a customer writing or leaving, simulated customers on or off).
 *
 * The demo's controls let a caller speak for customers, so they are off unless the server is started
 * with them, answer only callers on this machine, and act only in the caller's own conversations.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConvError } from '../../src/core/errors.js';
import { describeFileRefusal } from '../../src/core/file-refusal.js';
import type { Agent, Customer } from '../../src/core/model.js';
import type { CustomerSimulation } from './customers.js';
import type { ConversationService, NewConversation } from './service.js';
import { toWireError } from './socket.js';

export interface HttpContext {
  service: ConversationService;
  simulation: CustomerSimulation;
  /** The demo's controls exist only when this is on (otherwise `/demo/…` is 404). */
  demoControls: boolean;
  /** Closes every WebSocket of one agent, as a network loss would. */
  dropConnections(agentId: string): number;
}

const MAX_JSON_BYTES = 64 * 1024;
const MAX_NAME_LENGTH = 255;
/** Uploads served for showing in place (an <img>); everything else is served as a download. */
const SHOWN_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/heic'];
const STATUS_OF: Record<ConvError['code'], number> = { invalid: 422, forbidden: 403, conflict: 409, network: 503 };

export async function handleHttp(
  request: IncomingMessage,
  response: ServerResponse,
  context: HttpContext,
): Promise<void> {
  // Tokens travel in the Authorization header, never in cookies, so any origin may call: the token is the permission.
  response.setHeader('Access-Control-Allow-Origin', '*');
  if (request.method === 'OPTIONS') {
    response.writeHead(204, {
      'Access-Control-Allow-Methods': 'GET, POST, PUT',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type',
      'Access-Control-Max-Age': '600',
    });
    return void response.end();
  }
  try {
    const url = new URL(request.url ?? '/', 'http://server');
    const path = url.pathname.split('/').filter(Boolean).map(decodePart);
    if (request.method === 'GET' && path.length === 0)
      return send(response, 200, { name: 'conv-kit reference server', protocol: 'docs/protocol.md', webSocket: '/ws' });
    if (path[0] === 'uploads' && path.length === 1 && request.method === 'POST')
      return await receiveUpload(request, response, url, context);
    if (path[0] === 'uploads' && path.length === 2 && request.method === 'GET')
      return await serveUpload(response, path[1]!, context);
    if (path[0] === 'demo' && context.demoControls) {
      if (!fromThisMachine(request))
        throw new ConvError('forbidden', 'The demo controls answer only on the machine that runs the server');
      return await demoControl(request, response, path.slice(1), context);
    }
    send(response, 404, { error: { code: 'invalid', message: 'Nothing here' } });
  } catch (error) {
    const wire = toWireError(error);
    if (!response.headersSent) send(response, STATUS_OF[wire.code], { error: wire });
    else response.destroy();
  }
}

function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new ConvError('invalid', 'The address is not valid');
  }
}

function send(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(JSON.stringify(body));
}

const isLoopback = (address: string) =>
  /^(?:::ffff:)?127(?:\.\d{1,3}){3}$/i.test(address) || address === '::1' || address === '[::1]';

/**
 * The caller is on this machine: the connection comes from a loopback address, and so does every hop a
 * proxy reports (the demo's Vite proxy adds X-Forwarded-For, so a phone reaching the demo through it
 * is not taken for this machine). A client can add hops, never remove the one the proxy adds.
 */
function fromThisMachine(request: IncomingMessage): boolean {
  const hops = [request.socket.remoteAddress ?? ''];
  const forwardedFor = request.headers['x-forwarded-for'];
  for (const value of [forwardedFor ?? []].flat()) hops.push(...value.split(','));
  const forwarded = request.headers.forwarded;
  if (forwarded) for (const [, hop] of forwarded.matchAll(/for="?([^";,]*)/gi)) hops.push(hop!);
  return hops.every((hop) => isLoopback(hop.trim()));
}

async function signedIn(request: IncomingMessage, service: ConversationService): Promise<Agent> {
  const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
  const agent = match ? await service.agentByToken(match[1]!) : undefined;
  if (!agent) throw new ConvError('forbidden', 'Sign in with an agent token');
  return agent;
}

/** Reads a body up to `limit` bytes; more is refused before it is all read. Undefined when the client gave up. */
function readBody(
  request: IncomingMessage,
  limit: number,
  tooLarge: () => ConvError,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return reject(tooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    // The client aborted (an AbortSignal, a closed tab): nothing is kept.
    request.on('aborted', () => resolve(undefined));
    request.on('error', () => resolve(undefined));
  });
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(request, MAX_JSON_BYTES, () => new ConvError('invalid', 'The request is too large'));
  if (!body || body.length === 0) return {};
  try {
    const value = JSON.parse(Buffer.from(body).toString('utf8')) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new ConvError('invalid', 'The body must be a JSON object');
}

async function receiveUpload(request: IncomingMessage, response: ServerResponse, url: URL, { service }: HttpContext) {
  const agent = await signedIn(request, service);
  const conversationId = url.searchParams.get('conversationId') ?? '';
  const clientId = url.searchParams.get('clientId') ?? '';
  const name = url.searchParams.get('name') ?? '';
  if (!conversationId || !clientId || !name || name.length > MAX_NAME_LENGTH)
    throw new ConvError('invalid', 'An upload needs conversationId, clientId and a file name');
  const maxBytes = service.maxUploadBytes();
  const bytes = await readBody(
    request,
    maxBytes,
    () =>
      new ConvError(
        'invalid',
        describeFileRefusal('too-large', name, {
          size: Number(request.headers['content-length']) || maxBytes + 1,
          maxBytes,
        }),
        { reason: 'too-large', fileName: name },
      ),
  );
  if (!bytes) return;
  const attachment = await service.storeUpload(agent, {
    conversationId,
    clientId,
    name,
    type: request.headers['content-type'] ?? '',
    bytes,
  });
  send(response, 201, attachment);
}

async function serveUpload(response: ServerResponse, id: string, { service }: HttpContext) {
  const upload = await service.upload(id);
  if (!upload) return send(response, 404, { error: { code: 'invalid', message: 'No such file' } });
  // Only pictures the chat shows open in the browser; a document, video or sound opened from its link is
  // downloaded, so it never runs as a page of this origin (the sandboxing CSP stops that too).
  const disposition = SHOWN_IMAGE_TYPES.includes(upload.mimeType) ? 'inline' : 'attachment';
  response.writeHead(200, {
    // The type the policy found in the bytes, never the one the uploader declared.
    'Content-Type': upload.mimeType,
    'Content-Length': String(upload.bytes.byteLength),
    'Content-Disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(upload.name)}`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'Cache-Control': 'private, max-age=31536000, immutable',
  });
  response.end(upload.bytes);
}

function optionalText(body: Record<string, unknown>, name: string, max: number): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > max)
    throw new ConvError('invalid', `${name} must be a string of at most ${max} characters`);
  return value;
}

/** A customer for the demo's controls: the one described in the body, or a new walk-in. */
function newConversation(body: Record<string, unknown>, simulation: CustomerSimulation): NewConversation {
  const walkIn = simulation.walkIn();
  const described =
    typeof body.customer === 'object' && body.customer !== null
      ? (body.customer as Record<string, unknown>)
      : undefined;
  let customer: Customer = walkIn.customer;
  if (described) {
    customer = { id: optionalText(described, 'id', 200) ?? walkIn.customer.id };
    const name = optionalText(described, 'name', 200);
    const phone = optionalText(described, 'phone', 40);
    if (name) customer.name = name;
    if (phone) customer.phone = phone;
  }
  return {
    customer,
    language: optionalText(body, 'language', 10) ?? (described ? 'en' : walkIn.language),
    channel: optionalText(body, 'channel', 40) ?? walkIn.channel,
    text: optionalText(body, 'text', 10_000) ?? walkIn.text,
  };
}

async function demoControl(request: IncomingMessage, response: ServerResponse, path: string[], context: HttpContext) {
  const { service, simulation } = context;
  const agent = await signedIn(request, service);
  const [resource, id, action] = path;
  if (request.method === 'GET' && resource === 'simulation' && !id) return send(response, 200, simulation.settings());
  // What the customer's side shows of the agent's typing (the relay of sendTyping).
  if (request.method === 'GET' && resource === 'conversations' && id && action === 'typing')
    return send(response, 200, { agentTyping: service.customerSeesAgentTyping(id) });
  if (request.method !== 'POST' && request.method !== 'PUT')
    return send(response, 405, { error: { code: 'invalid', message: 'Use POST' } });
  const body = await readJson(request);

  if (resource === 'simulation' && !id) {
    const change: Record<string, boolean> = {};
    for (const key of ['replies', 'traffic'] as const) if (typeof body[key] === 'boolean') change[key] = body[key];
    return send(response, 200, simulation.update(change));
  }
  if (resource === 'connections' && id === 'drop')
    return send(response, 200, { dropped: context.dropConnections(agent.id) });
  if (resource === 'conversations' && !id) {
    const offerTo = optionalText(body, 'offerTo', 200);
    if (offerTo && offerTo !== agent.id)
      throw new ConvError('forbidden', 'The demo offers new customers to the calling agent only', { offerTo });
    const wanted = newConversation(body, simulation);
    const timeout = body.offerTimeoutMs;
    if (timeout !== undefined) {
      if (!Number.isInteger(timeout) || (timeout as number) < 1 || (timeout as number) > 3_600_000)
        throw new ConvError('invalid', 'offerTimeoutMs must be a whole number of milliseconds up to an hour');
      wanted.offerTimeoutMs = timeout as number;
    }
    return send(
      response,
      201,
      offerTo ? await service.offerConversation(offerTo, wanted) : await service.queueConversation(wanted),
    );
  }
  if (resource === 'conversations' && id && action === 'messages') {
    const text = optionalText(body, 'text', 10_000);
    if (!text?.trim()) throw new ConvError('invalid', 'The customer says nothing');
    return send(response, 201, await service.customerSays(id, text, agent));
  }
  if (resource === 'conversations' && id && action === 'typing') {
    if (typeof body.typing !== 'boolean') throw new ConvError('invalid', 'typing must be true or false');
    await service.customerTyping(id, body.typing, agent);
    return send(response, 200, { typing: body.typing });
  }
  if (resource === 'conversations' && id && action === 'end')
    return send(response, 200, await service.endByCustomer(id, agent));
  send(response, 404, { error: { code: 'invalid', message: 'No such control' } });
}
