// `npm run docs` (and `npm run analyze`, after the manifest): docs/elements/<tag>.md for every public element,
// from custom-elements.json alone, plus the generated tables of docs/guides/theming.md (every --conv-* token
// with its light and dark default, read from the theme's styles, and every string of the catalog). The package
// test fails while a committed page differs from what this writes.
import { build } from 'esbuild';
import * as prettier from 'prettier';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { containedElements, conversationEvents, eventsOf, publicElements, publishedManifest } from './integrations.mjs';

const generated = (source) =>
  `<!-- Generated from ${source} by scripts/element-docs.mjs (npm run docs): do not edit. -->\n`;
const cell = (text = '') =>
  String(text)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
const code = (text) => (text ? `\`${cell(text).replace(/`/g, "'")}\`` : '');
const table = (head, rows) =>
  rows.length
    ? `| ${head.join(' | ')} |\n| ${head.map(() => '---').join(' | ')} |\n${rows.map((row) => `| ${row.join(' | ')} |`).join('\n')}\n`
    : '';
/** `dist/elements/conv-list/conv-list.js` → `conv-kit/elements/conv-list`. */
const importPath = (module) => `conv-kit/${module.replace(/^dist\//, '').replace(/\/[^/]+\.js$/, '')}`;
const detailOf = (type) => type.match(/^CustomEvent<(.+)>$/)?.[1] ?? type;

/** The markup a page starts from: the element with its attributes' defaults, listening to its first event. */
function example(element) {
  const attributes = element.fields
    .filter((field) => field.attribute && field.default && field.default !== 'undefined' && field.default !== 'false')
    .map(
      (field) =>
        ` ${field.attribute}=${field.default.startsWith("'") ? `"${field.default.slice(1, -1)}"` : `"${field.default}"`}`,
    )
    .join('');
  const event = element.events[0];
  const listen = event
    ? `\n  element.addEventListener('${event.name}', (event) => console.log(event.detail)); // ${detailOf(event.type.text)}`
    : '';
  return `\`\`\`html
<${element.tagName}${attributes}></${element.tagName}>
<script type="module">
  import { createConversationStore } from 'conv-kit';
  import { createMemoryAdapter } from 'conv-kit/adapters/memory';
  import '${importPath(element.module)}';

  const element = document.querySelector('${element.tagName}');
  element.store = createConversationStore({ adapter: createMemoryAdapter() }); // or a <conv-provider> around it${listen}
</script>
\`\`\`
`;
}

export function elementPage(element, allEvents) {
  const own = element.events.map((event) => [
    code(event.name),
    code(detailOf(event.type?.text ?? '')),
    cell(event.description),
  ]);
  const through = eventsOf(element, allEvents).filter(
    (event) => !element.events.some((mine) => mine.name === event.name),
  );
  const sections = [
    `${generated('custom-elements.json')}
# \`<${element.tagName}>\`

${element.summary}

${element.description}

\`\`\`js
import '${importPath(element.module)}'; // registers <${element.tagName}>; \`import 'conv-kit'\` registers every element
\`\`\`
`,
    `## Example\n\n${example(element)}`,
    element.fields.length &&
      `## Properties and attributes

Set complex values (\`store\`, \`strings\`) as properties; the others also as attributes.

${table(
  ['Property', 'Attribute', 'Type', 'Default', 'Description'],
  element.fields.map((field) => [
    code(field.name),
    field.attribute ? code(field.attribute) : '—',
    code(field.type?.text),
    code(field.default),
    cell(field.description),
  ]),
)}`,
    element.methods.length &&
      `## Methods

${table(
  ['Method', 'Description'],
  element.methods.map((method) => [
    code(
      `${method.name}(${(method.parameters ?? []).map((p) => `${p.name}${p.optional ? '?' : ''}: ${p.type?.text ?? 'unknown'}`).join(', ')}): ${method.return?.type?.text ?? 'void'}`,
    ),
    cell(method.description),
  ]),
)}`,
    (own.length || through.length) &&
      `## Events

Every event bubbles and is composed: listen on the element, an ancestor, \`document\` or \`window\`. In React 19
write \`on\` + the name (\`onconv-select={…}\`), in Vue \`@conv-select\`, in Angular \`(conv-select)\`.

${table(['Event', 'Detail', 'Description'], own)}${
        through.length
          ? `\nAlso passing through, from the elements inside: ${through.map((event) => `${code(event.name)} (${code(detailOf(event.type))})`).join(', ')}.\n`
          : ''
      }`,
    element.slots.length &&
      `## Slots\n\n${table(
        ['Slot', 'Description'],
        element.slots.map((slot) => [slot.name ? code(slot.name) : '(default)', cell(slot.description)]),
      )}`,
    element.cssParts.length &&
      `## Parts

Style them from the page with \`${element.tagName}::part(name)\`.

${table(
  ['Part', 'Description'],
  element.cssParts.map((part) => [code(part.name), cell(part.description)]),
)}`,
    element.cssProperties.length &&
      `## CSS custom properties

Set them on the element or any ancestor; [the theming guide](../guides/theming.md) lists every token with its defaults.

${table(
  ['Property', 'Description'],
  element.cssProperties.map((property) => [code(property.name), cell(property.description)]),
)}`,
  ];
  return `${sections.filter(Boolean).join('\n').trim()}\n`;
}

export function elementIndex(elements) {
  return `${generated('custom-elements.json')}
# conv-kit's elements

${table(
  ['Element', 'What it is', 'Import'],
  elements.map((element) => [
    `[\`<${element.tagName}>\`](${element.tagName}.md)`,
    cell(element.summary),
    code(importPath(element.module)),
  ]),
)}
Guides: [theming](../guides/theming.md), [React, Vue, Angular and plain HTML](../guides/frameworks.md).
`;
}

/** `--conv-x` → its light and dark defaults, as src/elements/shared/theme.styles.ts writes them. */
export function themeTokens(stylesText) {
  const [light, dark] = [
    stylesText.slice(stylesText.indexOf(':host {')),
    stylesText.slice(0, stylesText.indexOf(':host {')),
  ];
  const defaults = (text) =>
    new Map([...text.matchAll(/var\((--conv-[a-z0-9-]+),\s*([^;]+?)\);/g)].map((m) => [m[1], m[2]]));
  return { light: defaults(light), dark: defaults(dark) };
}

export function tokenTable(elements, tokens) {
  const uses = new Map();
  for (const element of elements)
    for (const property of element.cssProperties) {
      const list = uses.get(property.name) ?? [];
      list.push(`\`<${element.tagName}>\` ${cell(property.description)}`);
      uses.set(property.name, list);
    }
  const names = [...new Set([...tokens.light.keys(), ...uses.keys()])].sort();
  return table(
    ['Token', 'Light', 'Dark', 'What it sets'],
    names.map((name) => [
      code(name),
      code(tokens.light.get(name)),
      tokens.dark.has(name) ? code(tokens.dark.get(name)) : 'as light',
      (uses.get(name) ?? ['every element']).join('<br>'),
    ]),
  );
}

/** The catalog as the elements use it: key → English text, or the function's parameters for texts with values. */
export async function stringsTable() {
  const outfile = join('node_modules/.cache/conv-kit-docs', `strings-${process.pid}.mjs`);
  await build({
    // The page's words and those of what loads on first use: one catalog for whoever translates it.
    stdin: {
      contents:
        "export { defaultStrings } from './strings.ts'; export { firstUseStrings } from './first-use-strings.ts';",
      resolveDir: 'src/elements/shared',
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    outfile,
    logLevel: 'silent',
  });
  const { defaultStrings, firstUseStrings } = await import(pathToFileURL(outfile).href);
  rmSync(outfile, { force: true });
  return table(
    ['Key', 'English'],
    Object.entries({ ...defaultStrings, ...firstUseStrings })
      .filter(([key]) => !key.startsWith('$'))
      .map(([key, value]) => [
        code(key),
        typeof value === 'function'
          ? `${code(`(${String(value).match(/^\(?([^)=]*)\)?\s*=>/)?.[1] ?? '…'}) => …`)} ${code(value(...Array(value.length).fill('…')))}`
          : cell(value),
      ]),
  );
}

/** Replaces what stands between `<!-- generated:name -->` and `<!-- /generated:name -->`. */
export function fillGenerated(text, name, content) {
  const pattern = new RegExp(`(<!-- generated:${name} -->\\n)[\\s\\S]*?(<!-- /generated:${name} -->)`);
  if (!pattern.test(text))
    throw new Error(`docs/guides/theming.md has no <!-- generated:${name} --> … <!-- /generated:${name} --> block`);
  return text.replace(pattern, `$1${content}$2`);
}

/** Every generated docs file and its text. */
export async function generatedDocs() {
  const source = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
  const manifest = publishedManifest(source);
  const elements = publicElements(manifest, containedElements(source));
  const events = conversationEvents(manifest);
  const pages = new Map(
    elements.map((element) => [`docs/elements/${element.tagName}.md`, elementPage(element, events)]),
  );
  pages.set('docs/elements/README.md', elementIndex(elements));
  const theming = 'docs/guides/theming.md';
  let guide = readFileSync(theming, 'utf8');
  guide = fillGenerated(
    guide,
    'tokens',
    tokenTable(elements, themeTokens(readFileSync('src/elements/shared/theme.styles.ts', 'utf8'))),
  );
  guide = fillGenerated(guide, 'strings', await stringsTable());
  pages.set(theming, guide);
  // As Prettier writes Markdown, so `npm run lint` and the generator agree on every byte.
  for (const [path, text] of pages)
    pages.set(path, await prettier.format(text, { ...(await prettier.resolveConfig(path)), filepath: path }));
  return pages;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const pages = await generatedDocs();
  mkdirSync('docs/elements', { recursive: true });
  // A page of an element that is gone (or became internal) goes with it.
  for (const file of readdirSync('docs/elements'))
    if (!pages.has(`docs/elements/${file}`)) rmSync(join('docs/elements', file));
  for (const [path, text] of pages) writeFileSync(path, text);
  console.log(`wrote ${[...pages.keys()].join(', ')}`);
}
