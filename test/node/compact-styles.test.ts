/** The build's style compaction keeps every rule and only drops comments and whitespace. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { compactStyles, compactTemplates } from '../../scripts/compact-styles.mjs';

test('comments and indentation go; selectors, values, calc() and interpolations stay', () => {
  const source = [
    'export const styles = css`',
    '  /* the item */',
    '  :host([theme="dark"]) .item > .face,',
    '  .item .face {',
    '    width: calc(100% - var(--gap, 8px));',
    "    content: '';",
    '    ${unsafeCSS(tokens)}',
    '  }',
    '  @media (max-width: 600px) {',
    '    .item { display: none; }',
    '  }',
    '`;',
  ].join('\n');
  assert.equal(
    compactStyles(source),
    'export const styles = css`:host([theme="dark"]) .item>.face,.item .face{width:calc(100% - var(--gap,8px));content:\'\';${unsafeCSS(tokens)}}@media (max-width:600px){.item{display:none}}`;',
  );
});

test('every styles module keeps the same number of rules and declarations', () => {
  const files = readdirSync('src', { recursive: true, withFileTypes: true }).filter(
    (entry) => entry.isFile() && entry.name.endsWith('.styles.ts'),
  );
  assert.ok(files.length >= 8);
  for (const entry of files) {
    const source = readFileSync(`${entry.parentPath}/${entry.name}`, 'utf8');
    const compacted = compactStyles(source);
    const count = (text: string, pattern: RegExp) =>
      (text.replace(/\/\*[\s\S]*?\*\//g, '').match(pattern) ?? []).length;
    assert.equal(count(compacted, /\{/g), count(source, /\{/g), `${entry.name}: blocks`);
    assert.equal(count(compacted, /:/g), count(source, /:/g), `${entry.name}: declarations and pseudo-classes`);
    assert.ok(compacted.length < source.length, entry.name);
  }
});

test('html templates lose their indentation and keep each line break', () => {
  const source =
    'return html`<div class="row">\n        <span>${name}</span>\n        <span>${time}</span>\n      </div>`;';
  assert.equal(
    compactTemplates(source),
    'return html`<div class="row">\n<span>${name}</span>\n<span>${time}</span>\n</div>`;',
  );
});
