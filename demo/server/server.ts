/**
 * The conv-kit reference server: HTTP and WebSocket on one port, data in SQLite (one process) or in
 * PostgreSQL (any number of processes sharing one state: docs/deployment.md).
 *
 *   GET  /                  what this is
 *   WS   /ws                the protocol (docs/protocol.md)
 *   POST /uploads           a file for a message, checked with conv-kit's file-type policy
 *   GET  /uploads/:id       that file, served with the type found in its bytes
 *   POST /demo/…            the demo's controls (customers, simulation): only when enabled, only from
 *                           this machine, only in the caller's own conversations
 *
 * The database lives outside the project by default (`defaultDatabaseFile`), so no dev server that
 * serves the project's files can hand it out.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Agent } from '../../src/core/model.js';
import { createCustomerSimulation, type CustomerSimulation, type SimulationSettings } from './customers.js';
import { handleHttp } from './http.js';
import { seedData } from './seed.js';
import { createConversationService, type ConversationService, type ServiceSettings } from './service.js';
import { serveConnection, type SocketLimits } from './socket.js';
import { createPostgresStorage } from './pg-storage.js';
import { createSqliteStorage } from './sqlite-storage.js';
import type { Storage } from './storage.js';

export interface ReferenceServerOptions {
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the demo reaches it through Vite's proxy. */
  host?: string;
  /** The SQLite file, created and seeded when missing. Default {@link defaultDatabaseFile}. */
  databaseFile?: string;
  /**
   * A PostgreSQL connection string (`postgres://…`) instead of the SQLite file: tables are made and
   * seeded when missing, and any number of server processes may share the database.
   */
  databaseUrl?: string;
  /** Another storage instead of SQLite or PostgreSQL. */
  storage?: Storage;
  /** Events kept per agent for resuming. Default 1000. */
  eventLogSize?: number;
  /** Simulated customers. Default: both on. */
  customers?: Partial<SimulationSettings>;
  /**
   * The /demo controls, which let a caller speak for customers. Default off (`/demo/…` is 404). When on,
   * they answer only requests from this machine (403 otherwise, also through a proxy that reports
   * another address) and act only in the caller's own conversations (403 in another agent's).
   */
  demoControls?: boolean;
  /** Largest WebSocket frame. Default 1 MiB. */
  maxFrameBytes?: number;
  limits?: Partial<SocketLimits>;
  /** Seeds the demo data. Default 1. */
  seed?: number;
  /** How long an offer waits for the agent's answer before it goes back to the Picklist; 0: for ever. Default 60 s. */
  offerTimeoutMs?: number;
  /** Bounds of the JPEG rendition of each stored HEIC (`timeoutMs`, `maxLongSide`). */
  heicRendition?: ServiceSettings['heicRendition'];
}

export interface ReferenceServer {
  readonly port: number;
  /** `http://host:port`; the WebSocket endpoint is `/ws` beside it. */
  readonly url: string;
  readonly service: ConversationService;
  readonly simulation: CustomerSimulation;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8787;

/** Whether a `--db` value names a PostgreSQL database rather than a SQLite file. */
export const isPostgresUrl = (database: string) => /^postgres(ql)?:\/\//i.test(database);

/**
 * Where the database lives unless told otherwise: the user's cache folder (`$XDG_CACHE_HOME` or
 * `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows), under `conv-kit/`.
 * Outside the project, so Vite (or any server of the project's files) never serves it, and private
 * to the user. It holds demo data only: delete it to start afresh.
 */
export function defaultDatabaseFile(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const cache =
    env.XDG_CACHE_HOME ||
    (platform === 'darwin'
      ? join(homedir(), 'Library', 'Caches')
      : platform === 'win32'
        ? (env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'))
        : join(homedir(), '.cache'));
  return join(cache, 'conv-kit', 'reference-server.sqlite');
}

const DEFAULT_LIMITS: SocketLimits = {
  heartbeatMs: 15_000,
  helloTimeoutMs: 10_000,
  burst: 100,
  perSecond: 50,
  answerDelayMs: 0,
};

export async function startReferenceServer(options: ReferenceServerOptions = {}): Promise<ReferenceServer> {
  const storage =
    options.storage ??
    (options.databaseUrl
      ? await createPostgresStorage({ connectionString: options.databaseUrl, eventLogSize: options.eventLogSize })
      : createSqliteStorage({
          file: options.databaseFile ?? defaultDatabaseFile(),
          eventLogSize: options.eventLogSize,
        }));
  await storage.seed(seedData({ seed: options.seed ?? 1, now: Date.now() }));

  let simulation: CustomerSimulation | undefined;
  const service = await createConversationService(
    storage,
    { agentWrote: (conversation) => simulation?.agentWrote(conversation) },
    { offerTimeoutMs: options.offerTimeoutMs, heicRendition: options.heicRendition },
  );
  simulation = createCustomerSimulation(service, {
    replies: options.customers?.replies ?? true,
    traffic: options.customers?.traffic ?? true,
    seed: options.seed,
    takenNames: await service.customerNames(),
  });

  const limits: SocketLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const sockets = new Map<string, Set<WebSocket>>();
  const track = (agent: Agent, ws: WebSocket) => {
    const mine = sockets.get(agent.id) ?? new Set<WebSocket>();
    sockets.set(agent.id, mine.add(ws));
    ws.on('close', () => mine.delete(ws));
  };
  const dropConnections = (agentId: string) => {
    const mine = [...(sockets.get(agentId) ?? [])];
    for (const ws of mine) ws.terminate();
    return mine.length;
  };

  const http: Server = createServer((request, response) => {
    handleHttp(request, response, {
      service,
      simulation: simulation!,
      demoControls: options.demoControls ?? false,
      dropConnections,
    }).catch((error: unknown) => {
      console.error('conv-kit reference server: an HTTP request failed:', error);
      response.destroy();
    });
  });
  http.on('clientError', (_error, socket) => socket.destroy());

  const webSockets = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes ?? 1024 * 1024 });
  http.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy());
    if (new URL(request.url ?? '/', 'http://server').pathname !== '/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    webSockets.handleUpgrade(request, socket, head, (ws) => serveConnection(ws, service, limits, track));
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? DEFAULT_PORT, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = http.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  return {
    port,
    url: `http://${host}:${port}`,
    service,
    simulation,
    async close() {
      simulation?.dispose();
      await service.dispose();
      for (const ws of webSockets.clients) ws.terminate();
      webSockets.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await storage.close();
    },
  };
}
