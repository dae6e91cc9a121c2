/**
 * A web-test-runner plugin that runs conv-kit's reference server for browser tests:
 *
 *   import { executeServerCommand } from '@web/test-runner-commands';
 *   const { url } = await executeServerCommand('conv-server', { action: 'start', name: 'my-test' });
 *
 * Actions (every payload names its server, so test files running side by side do not collide;
 * each server has its own port and its own database in data/test/<name>.sqlite):
 *   start    { name, customers?, eventLogSize?, answerDelayMs? }  a fresh database; → { url, port }
 *   stop     { name }                  kills the process (SIGKILL: a crash, not a shutdown)
 *   restart  { name, answerDelayMs? }  kills it and starts it again on the same port and database
 *   reset    { name }                  starts afresh on the same port with a new database
 *   messages { name, conversationId }  what the database holds, read straight from the file
 *   uploads  { name }                  how many files the database holds
 *
 * Nothing starts unless a test asks; every server is stopped when the run ends.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { buildServer } from '../demo/server/build.mjs';

const COMMAND = 'conv-server';
const START_TIMEOUT_MS = 20_000;

export function convServerPlugin() {
  /** name → { child (undefined while stopped), port, url, databaseFile, options } */
  const servers = new Map();
  let bundle;

  const databaseFileOf = (name) => {
    if (!/^[\w-]{1,60}$/.test(name))
      throw new Error(`A server name is letters, digits and dashes, got ${JSON.stringify(name)}`);
    return `data/test/${name}.sqlite`;
  };

  const removeDatabase = (file) => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  };

  async function launch(name, databaseFile, port, options) {
    bundle ??= fileURLToPath(await buildServer());
    const args = [
      bundle,
      '--port',
      String(port),
      '--db',
      databaseFile,
      '--customers',
      options.customers ? 'on' : 'off',
      '--answer-delay-ms',
      String(options.answerDelayMs ?? 0),
      // The tests play the customers through the demo controls, from this machine, in the calling agent's chats.
      '--demo-controls',
    ];
    if (options.eventLogSize) args.push('--event-log', String(options.eventLogSize));
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const listening = await new Promise((resolve, reject) => {
      let output = '';
      const timer = setTimeout(
        () => reject(new Error(`The reference server did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`)),
        START_TIMEOUT_MS,
      );
      const read = (chunk) => {
        output += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`The reference server exited (${code}) before listening:\n${output}`));
      });
    });
    const url = new URL(listening);
    const server = { child, port: Number(url.port), url: url.origin, databaseFile, options };
    servers.set(name, server);
    return { url: server.url, port: server.port };
  }

  /** Kills the process; the server's port, database and options stay known for a restart. */
  async function kill(name) {
    const child = servers.get(name)?.child;
    if (!child) return;
    servers.get(name).child = undefined;
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGKILL');
    });
  }

  function readDatabase(name, read) {
    const server = servers.get(name);
    const db = new Database(server?.databaseFile ?? databaseFileOf(name), { readonly: true, fileMustExist: true });
    try {
      return read(db);
    } finally {
      db.close();
    }
  }

  const killAll = () => {
    for (const server of servers.values()) server.child?.kill('SIGKILL');
  };
  process.once('exit', killAll);

  return {
    name: 'conv-kit-reference-server',

    async executeCommand({ command, payload }) {
      if (command !== COMMAND) return undefined;
      const { action, name = 'default', ...options } = payload ?? {};
      const databaseFile = databaseFileOf(name);
      switch (action) {
        case 'start': {
          await kill(name);
          removeDatabase(databaseFile);
          return launch(name, databaseFile, 0, options);
        }
        case 'stop':
          await kill(name);
          return { stopped: true };
        case 'restart': {
          const before = servers.get(name);
          if (!before) throw new Error(`No server named ${name} to restart: start it first`);
          await kill(name);
          return launch(name, databaseFile, before.port, { ...before.options, ...options });
        }
        case 'reset': {
          const before = servers.get(name);
          await kill(name);
          removeDatabase(databaseFile);
          return launch(name, databaseFile, before?.port ?? 0, { ...before?.options, ...options });
        }
        case 'messages':
          return readDatabase(name, (db) =>
            db
              .prepare('SELECT data FROM messages WHERE conversation_id = ? ORDER BY position')
              .all(options.conversationId)
              .map((row) => JSON.parse(row.data)),
          );
        case 'uploads':
          return readDatabase(name, (db) => db.prepare('SELECT count(*) AS count FROM uploads').get().count);
        default:
          throw new Error(`Unknown ${COMMAND} action: ${action}`);
      }
    },

    async serverStop() {
      await Promise.all([...servers.keys()].map(kill));
      servers.clear();
    },
  };
}
