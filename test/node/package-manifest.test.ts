/**
 * custom-elements.json is what the typings, IDE data and docs are generated from, so it has to be right:
 * every event typed as the vocabulary in src/events types it, internal elements marked, every public API
 * described, and the published copy pointing only at files the build writes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { conversationEvents, publicElements, publishedManifest } from '../../scripts/integrations.mjs';

interface Declaration {
  name: string;
  tagName?: string;
  customElement?: boolean;
  internal?: boolean;
  summary?: string;
  members?: { kind: string; name: string; description?: string; privacy?: string; static?: boolean }[];
  attributes?: { name: string; fieldName?: string }[];
  events?: { name: string; type?: { text: string }; description?: string }[];
  slots?: { name: string; description?: string }[];
  cssParts?: { name: string; description?: string }[];
  cssProperties?: { name: string; description?: string }[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

const manifest: Manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const elements = manifest.modules.flatMap((module) =>
  (module.declarations ?? []).filter((declaration) => declaration.customElement && declaration.tagName),
);

/** The event vocabulary (src/events/index.ts, interface ConvEventDetails): name → detail type as written there. */
function vocabulary(): Map<string, string> {
  const file = 'src/events/index.ts';
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const details = new Map<string, string>();
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== 'ConvEventDetails') return;
    for (const member of node.members)
      if (ts.isPropertySignature(member) && member.type && ts.isStringLiteral(member.name))
        details.set(member.name.text, member.type.getText(source));
  });
  assert.ok(details.size > 0, `${file} no longer declares interface ConvEventDetails`);
  return details;
}

/** What src/index.ts and src/standalone.ts export, by name, as TypeScript reads them. */
function exportedNames(): Set<string> {
  const entryPoints = ['src/index.ts', 'src/standalone.ts'];
  const program = ts.createProgram(entryPoints, {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  return new Set(
    entryPoints.flatMap((entry) =>
      checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)!)!).map((s) => s.name),
    ),
  );
}

test('every event an element dispatches is typed, conv- events exactly as the vocabulary types their detail', () => {
  const details = vocabulary();
  for (const element of elements)
    for (const event of element.events ?? []) {
      assert.ok(
        event.type?.text,
        `<${element.tagName}> ${event.name} has no type: write @event {CustomEvent<…>} ${event.name}`,
      );
      if (!element.internal) assert.ok(event.description, `<${element.tagName}> ${event.name} has no description`);
      if (!event.name.startsWith('conv-')) continue;
      assert.ok(
        details.has(event.name),
        `<${element.tagName}> dispatches ${event.name}, which src/events does not declare`,
      );
      assert.equal(event.type.text, `CustomEvent<${details.get(event.name)}>`, `<${element.tagName}> ${event.name}`);
    }
});

test('every event of the vocabulary is documented on the element that dispatches it', () => {
  const documented = new Set(conversationEvents(manifest).map((event: { name: string }) => event.name));
  const undocumented = [...vocabulary().keys()].filter((name) => !documented.has(name));
  assert.deepEqual(undocumented, [], 'add @event to the element that dispatches these');
});

test('an element is marked internal exactly when no entry point (src/index.ts, src/standalone.ts) exports its class', () => {
  const exported = exportedNames();
  for (const element of elements)
    assert.equal(Boolean(element.internal), !exported.has(element.name), `<${element.tagName}> (${element.name})`);
  assert.ok(elements.some((element) => !element.internal) && elements.some((element) => element.internal));
});

test('every public element describes its API: summary, properties, events, slots, parts and CSS properties', () => {
  for (const element of publicElements(manifest)) {
    const where = `<${element.tagName}>`;
    assert.ok(element.summary, `${where} has no @summary`);
    for (const field of element.fields)
      assert.ok(field.description, `${where} property ${field.name} has no description`);
    for (const slot of element.slots) assert.ok(slot.description, `${where} slot "${slot.name}" has no description`);
    for (const part of element.cssParts) assert.ok(part.description, `${where} part ${part.name} has no description`);
    for (const property of element.cssProperties) {
      assert.match(property.name, /^--conv-[a-z0-9-]+$/, `${where} CSS property ${property.name}`);
      assert.ok(property.description, `${where} CSS property ${property.name} has no description`);
    }
    for (const attribute of element.attributes) {
      assert.match(attribute.name, /^[a-z][a-z0-9-]*$/, `${where} attribute ${attribute.name} is not kebab-case`);
      assert.ok(
        element.fields.some((field: { name: string }) => field.name === attribute.fieldName),
        `${where} attribute ${attribute.name} has no public property`,
      );
    }
  }
});

test('the published manifest points only into dist/, at modules the build writes from existing sources', () => {
  const published = JSON.stringify(publishedManifest(manifest));
  const paths = [...published.matchAll(/"(?:path|module)":"([^"]+)"/g)].map((match) => match[1]!);
  assert.ok(paths.length > elements.length);
  for (const path of new Set(paths)) {
    assert.match(path, /^dist\/.+\.js$/, `${path} is not a built module`);
    const source = path.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts');
    assert.ok(existsSync(source), `${path} would be built from ${source}, which does not exist`);
  }
});
