/**
 * The size ratchet: what conv-kit makes an integrator's page load stays within the budgets in
 * size-budget.json, and each budget follows every saving down, so bytes once saved stay saved.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bundled } from '../../scripts/bundle-size.mjs';

/** How far under budget the code may get before the budget has to come down with it. */
const SLACK_BYTES = 1000;
const roundUp = (bytes: number) => Math.ceil(bytes / 100) * 100;

interface Budget {
  entry: string;
  gzipBytes: number;
}
const budgets: Record<string, Budget> = JSON.parse(readFileSync('size-budget.json', 'utf8'));

for (const [name, { entry, gzipBytes: budget }] of Object.entries(budgets)) {
  test(`${name}: ${entry}, as a bundler ships it, loads with the page within its size budget`, async (t) => {
    const withPage = await bundled(entry);
    t.diagnostic(
      `with the page: ${withPage.gzip} bytes gzip (budget ${budget}), ${withPage.raw} minified; on first use: ${withPage.lazy.gzip} bytes gzip`,
    );

    assert.ok(
      !Object.keys(withPage.parts).some((part) => part.includes('conv-emoji-picker/conv-emoji-picker')) &&
        Object.keys(withPage.lazy.parts).some((part) => part.includes('conv-emoji-picker/conv-emoji-picker')),
      'The emoji picker loads with the page: keep it behind src/elements/shared/on-first-use.ts.',
    );
    // Each module a lazily loaded chunk shares with the page would otherwise become one more file, each
    // compressed on its own: import only types from page modules there, or go through on-first-use.ts.
    assert.ok(
      withPage.files.length <= 2,
      `What loads with the page is ${withPage.files.length} files: a lazily loaded chunk imports a value from a module the page loads too.`,
    );
    assert.ok(
      withPage.gzip <= budget,
      `What loads with the page is ${withPage.gzip} bytes gzip, ${withPage.gzip - budget} over the budget of ${budget} for ${name} in size-budget.json. ` +
        'Make it smaller (the budget only goes down); `npm run bench` shows what the bundle is made of.',
    );
    assert.ok(
      withPage.gzip > budget - SLACK_BYTES,
      `What loads with the page is ${withPage.gzip} bytes gzip, ${budget - withPage.gzip} under the budget of ${budget}: ` +
        `lower ${name}.gzipBytes in size-budget.json to ${roundUp(withPage.gzip)} and commit it, so the saving stays.`,
    );
  });
}
