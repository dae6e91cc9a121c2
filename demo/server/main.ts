/**
 * `node demo/server/start.mjs [options]`: runs the reference server until stopped (`--help` lists the options).
 * Prints one line `conv-kit reference server listening on http://HOST:PORT` once it accepts connections.
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_PORT, defaultDatabaseFile, isPostgresUrl, startReferenceServer } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.CONV_SERVER_PORT ?? String(DEFAULT_PORT) },
    host: { type: 'string', default: '127.0.0.1' },
    db: { type: 'string', default: process.env.CONV_SERVER_DB ?? defaultDatabaseFile() },
    customers: { type: 'string', default: 'on' },
    'event-log': { type: 'string', default: '1000' },
    'answer-delay-ms': { type: 'string', default: '0' },
    'offer-timeout-ms': { type: 'string', default: '60000' },
    'demo-controls': { type: 'boolean', default: false },
    'no-demo-controls': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`node demo/server/start.mjs [options]
  --port 8787              0 picks a free one
  --host 127.0.0.1
  --db ${defaultDatabaseFile()}
                           a SQLite file, or postgres://user@host:5432/db: then any number of
                           processes share that database (docs/deployment.md); CONV_SERVER_DB also sets it
  --customers on|off       simulated customers (answers and new arrivals)
  --event-log 1000         events kept per agent for resuming
  --answer-delay-ms 0      every frame to clients waits this long: a slow network
  --offer-timeout-ms 60000 an offer not answered by then goes back to the Picklist; 0: never
  --demo-controls          the /demo endpoints (off by default; then only from this machine,
                           only in the caller's own conversations)
  --no-demo-controls       no /demo endpoints (the default; wins over --demo-controls)
The protocol: docs/protocol.md. The code: demo/server/README.md.`);
  process.exit(0);
}

const number = (name: string, value: string) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} must be a whole number, got ${value}`);
  return parsed;
};

const customers = values.customers !== 'off';
const server = await startReferenceServer({
  port: number('port', values.port),
  host: values.host,
  ...(isPostgresUrl(values.db) ? { databaseUrl: values.db } : { databaseFile: values.db }),
  eventLogSize: number('event-log', values['event-log']) || 1000,
  customers: { replies: customers, traffic: customers },
  demoControls: values['demo-controls'] && !values['no-demo-controls'],
  limits: { answerDelayMs: number('answer-delay-ms', values['answer-delay-ms']) },
  offerTimeoutMs: number('offer-timeout-ms', values['offer-timeout-ms']),
}).catch((error: NodeJS.ErrnoException) => {
  if (error.code !== 'EADDRINUSE') throw error;
  console.error(
    `conv-kit reference server: port ${values.port} is taken (is the server already running?); not starting another.`,
  );
  process.exit(2);
});
console.log(`conv-kit reference server listening on ${server.url}`);
if (isPostgresUrl(values.db)) console.log(`conv-kit reference server: data in PostgreSQL (${redacted(values.db)})`);
// Earlier versions kept the database inside the project, where a dev server could serve it.
if (
  !isPostgresUrl(values.db) &&
  existsSync('data/conv-kit.sqlite') &&
  resolve(values.db) !== resolve('data/conv-kit.sqlite')
)
  console.warn(
    `conv-kit reference server: data/conv-kit.sqlite is no longer used (the data is in ${values.db}); delete it.`,
  );

/** A connection string as it may be printed: without its password. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
