// The adapter conformance suite against two reference server processes on one PostgreSQL database,
// in headless Chromium (the suite runs in a browser, as integrators run it): this test starts the
// database and the two processes, then web-test-runner with reference-server-pg-conformance.page.ts,
// and counts what passed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { skipWithoutPostgres, startServerProcess, usePostgres, type ServerProcess } from './reference-server-pg-kit.js';

const folder = resolve('node_modules/.cache/conv-kit-pg-tests');
const configFile = `${folder}/conformance.config.mjs`;
const resultsFile = `${folder}/conformance-results.json`;
const page = 'test/node/reference-server-pg-conformance.page.ts';

/** The project's browser-test set-up, for this one page, with the servers' addresses and a reporter that counts. */
const CONFIG = `
import { writeFileSync } from 'node:fs';
import { defaultReporter } from '@web/test-runner';
import base from ${JSON.stringify(resolve('web-test-runner.config.mjs'))};

const count = (suite, into) => {
  for (const test of suite.tests ?? []) {
    if (test.skipped) into.skipped++;
    else if (test.passed) into.passed++;
    else into.failed.push(test.name + ': ' + (test.error?.message ?? 'failed'));
  }
  for (const child of suite.suites ?? []) count(child, into);
  return into;
};

export default {
  ...base,
  files: [${JSON.stringify(page)}],
  plugins: [
    ...base.plugins,
    {
      name: 'conv-pg-servers',
      executeCommand: ({ command }) =>
        command === 'conv-pg-servers' ? { servers: JSON.parse(process.env.CONV_PG_SERVERS) } : undefined,
    },
  ],
  reporters: [
    defaultReporter(),
    {
      onTestRunFinished({ sessions }) {
        const totals = { passed: 0, skipped: 0, failed: [], errors: [] };
        for (const session of sessions) {
          if (session.testResults) count(session.testResults, totals);
          for (const error of session.errors ?? []) totals.errors.push(error.message);
        }
        writeFileSync(process.env.CONV_PG_RESULTS, JSON.stringify(totals));
      },
    },
  ],
};
`;

describe('the conformance suite on two processes sharing PostgreSQL', { skip: skipWithoutPostgres() }, () => {
  const postgres = usePostgres();
  const processes: ServerProcess[] = [];
  before(async () => {
    const database = await postgres.newDatabase();
    processes.push(await startServerProcess(database), await startServerProcess(database));
  });
  after(() => Promise.all(processes.map((server) => server.kill())));

  it('passes every test with each agent’s devices on both processes', async () => {
    mkdirSync(folder, { recursive: true });
    writeFileSync(configFile, CONFIG);
    writeFileSync(resultsFile, 'null');
    let output = '';
    const code = await new Promise<number | null>((done) => {
      const runner = spawn(process.execPath, ['node_modules/@web/test-runner/dist/bin.js', '--config', configFile], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          CONV_PG_SERVERS: JSON.stringify(processes.map((server) => server.url)),
          CONV_PG_RESULTS: resultsFile,
        },
      });
      runner.stdout.on('data', (chunk) => (output += chunk));
      runner.stderr.on('data', (chunk) => (output += chunk));
      runner.once('exit', done);
    });
    const totals = JSON.parse(readFileSync(resultsFile, 'utf8')) as {
      passed: number;
      skipped: number;
      failed: string[];
      errors: string[];
    } | null;
    assert.ok(totals, `web-test-runner reported nothing (exit ${code}):\n${output.slice(-4000)}`);
    console.log(
      `conformance on two PostgreSQL processes: ${totals.passed} passed, ${totals.failed.length} failed, ${totals.skipped} skipped`,
    );
    assert.deepEqual(totals.failed, [], output.slice(-4000));
    assert.deepEqual(totals.errors, []);
    assert.equal(code, 0, output.slice(-4000));
    assert.ok(totals.passed >= 40, `only ${totals.passed} conformance tests ran`);
  });
});
