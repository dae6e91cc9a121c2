// What `npm run build` derives from custom-elements.json for integrators: the manifest as published (paths into
// dist/), typings for React 19 JSX, Vue's GlobalComponents and the DOM's own maps, and IDE data for VS Code and
// JetBrains. Everything comes from the manifest (and, for value lists, from TypeScript reading the built .d.ts),
// so a new element, attribute or event reaches every integration with `npm run analyze` and nothing else.
import ts from 'typescript';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

const generatedHeader = (what) =>
  `// ${what}\n// Generated from custom-elements.json by scripts/integrations.mjs when conv-kit is built: do not edit.\n`;

/** `src/elements/x/x.ts` → `dist/elements/x/x.js`; relative module paths are resolved against their own module first. */
export function publishedPath(path, fromModule) {
  // The analyzer writes some paths relative to their module, some from the root with a leading slash.
  const absolute =
    path.startsWith('.') && fromModule ? posix.join(posix.dirname(fromModule), path) : path.replace(/^\//, '');
  return absolute.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js');
}

/** The manifest as the package ships it: every module path points at the built JavaScript in dist/. */
export function publishedManifest(manifest) {
  const copy = structuredClone(manifest);
  const rewrite = (value, modulePath) => {
    if (Array.isArray(value)) return value.forEach((item) => rewrite(item, modulePath));
    if (!value || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'module' && typeof inner === 'string') value[key] = publishedPath(inner, modulePath);
      else rewrite(inner, modulePath);
    }
  };
  for (const module of copy.modules) {
    rewrite(module.declarations, module.path);
    rewrite(module.exports, module.path);
    module.path = publishedPath(module.path);
  }
  return copy;
}

/** The public elements of a (published) manifest, with what every generator needs in one shape. */
export function publicElements(manifest, contained = new Map()) {
  const elements = [];
  for (const module of manifest.modules)
    for (const declaration of module.declarations ?? []) {
      if (!declaration.customElement || !declaration.tagName || declaration.internal) continue;
      const fields = (declaration.members ?? []).filter(
        (member) => member.kind === 'field' && !member.static && member.privacy !== 'private' && !member.readonly,
      );
      elements.push({
        tagName: declaration.tagName,
        className: declaration.name,
        module: module.path,
        summary: declaration.summary ?? '',
        description: declaration.description ?? '',
        fields,
        methods: (declaration.members ?? []).filter((member) => member.kind === 'method' && !member.static),
        attributes: declaration.attributes ?? [],
        events: declaration.events ?? [],
        slots: declaration.slots ?? [],
        cssParts: declaration.cssParts ?? [],
        cssProperties: declaration.cssProperties ?? [],
        contains: contained.get(declaration.tagName) ?? new Set(),
      });
    }
  return elements.sort((a, b) => (a.tagName < b.tagName ? -1 : 1));
}

/**
 * Every `conv-` event any element of the manifest dispatches, with the element that dispatches it. Throws when an
 * event has no type or two elements type one event differently.
 */
export function conversationEvents(manifest) {
  const events = new Map();
  for (const module of manifest.modules)
    for (const declaration of module.declarations ?? [])
      for (const event of declaration.events ?? []) {
        if (!event.name?.startsWith('conv-')) continue;
        const type = event.type?.text;
        if (!type)
          throw new Error(`<${declaration.tagName}>: the event ${event.name} has no type in custom-elements.json`);
        const known = events.get(event.name);
        if (known && known.type !== type)
          throw new Error(
            `${event.name} is typed ${known.type} by <${known.tagName}> and ${type} by <${declaration.tagName}>`,
          );
        if (!known)
          events.set(event.name, {
            name: event.name,
            type,
            description: event.description ?? '',
            tagName: declaration.tagName,
            internal: Boolean(declaration.internal),
          });
      }
  return [...events.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * Which elements each element holds in its shadow root, by tag name: the tags its folder's templates write
 * (`<conv-composer`…; one element per folder, its sub-templates beside it), followed through what those hold.
 */
export function containedElements(sourceManifest, root = '.') {
  const folders = new Map();
  for (const module of sourceManifest.modules)
    for (const declaration of module.declarations ?? [])
      if (declaration.customElement && declaration.tagName)
        folders.set(declaration.tagName, posix.dirname(module.path));
  const tags = [...folders.keys()];
  const writes = new Map(
    [...folders].map(([tagName, folder]) => {
      const directory = join(root, folder);
      const text = readdirSync(directory)
        .filter((file) => file.endsWith('.ts'))
        .map((file) => readFileSync(join(directory, file), 'utf8'))
        // Comments name other elements too ("the host confirms with <end-chat-dialog>"): only code counts.
        .map((text) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1'))
        .join('\n');
      return [tagName, tags.filter((tag) => tag !== tagName && new RegExp(`<${tag}[\\s>]`).test(text))];
    }),
  );
  const contained = new Map();
  for (const tagName of tags) {
    const held = new Set();
    const queue = [...writes.get(tagName)];
    while (queue.length) {
      const next = queue.shift();
      if (held.has(next)) continue;
      held.add(next);
      queue.push(...writes.get(next));
    }
    contained.set(tagName, held);
  }
  return contained;
}

/**
 * What a host can listen for on an element: its own events, and those of every element it holds (they all
 * bubble and are composed). On an element with slots (`<conv-provider>`, `<conv-workspace>`) that is every event,
 * since any conv-kit element may sit inside.
 */
export function eventsOf(element, allEvents) {
  const own = new Map(element.events.map((event) => [event.name, event]));
  const holds = (event) => element.slots.length > 0 || element.contains?.has(event.tagName);
  return [
    ...allEvents
      .filter((event) => own.has(event.name))
      .map((event) => ({ ...event, description: own.get(event.name).description ?? event.description })),
    ...allEvents
      .filter((event) => !own.has(event.name) && holds(event))
      .map((event) => ({
        ...event,
        description: `From the <${event.tagName}> inside, bubbling. ${event.description}`,
      })),
  ];
}

/** What TypeScript reads from the built declarations: the names conv-kit exports, and literal values of properties. */
export function readDeclarations(distDir, elements) {
  const entry = join(distDir, 'index.d.ts');
  const moduleFiles = elements.map((element) => join(distDir, '..', element.module.replace(/\.js$/, '.d.ts')));
  const program = ts.createProgram([entry, ...moduleFiles], {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const exportsOf = (file) => {
    const source = program.getSourceFile(file);
    const symbol = source && checker.getSymbolAtLocation(source);
    if (!symbol) throw new Error(`TypeScript cannot read ${file}: build the declarations first`);
    return checker.getExportsOfModule(symbol);
  };
  const exported = new Set(exportsOf(entry).map((symbol) => symbol.name));
  /** `'a' | 'b'` properties (and booleans) as the values an attribute takes, for IDE completion. */
  const values = new Map();
  elements.forEach((element, index) => {
    const classSymbol = exportsOf(moduleFiles[index]).find((symbol) => symbol.name === element.className);
    if (!classSymbol) throw new Error(`${element.module} does not export ${element.className}`);
    const instance = checker.getDeclaredTypeOfSymbol(classSymbol);
    for (const field of element.fields) {
      const property = instance.getProperty(field.name);
      if (!property)
        throw new Error(`${element.className} has no property ${field.name}, though the manifest lists it`);
      const type = checker.getNonNullableType(checker.getTypeOfSymbol(property));
      const members = type.isUnion() ? type.types : [type];
      const literals = members.filter((member) => member.isStringLiteral()).map((member) => member.value);
      const boolean = members.every((member) => member.flags & ts.TypeFlags.BooleanLike);
      values.set(`${element.tagName} ${field.name}`, {
        literals: literals.length === members.length ? literals : [],
        boolean,
        text: checker.typeToString(type),
      });
    }
  });
  return { exported, valuesOf: (element, field) => values.get(`${element.tagName} ${field.name}`) };
}

/** `import type { A, B } from '…'` for the names in `texts` that conv-kit exports; the rest are the DOM's own. */
function typeImports(texts, exported, from) {
  const names = new Set();
  for (const text of texts)
    for (const [name] of text.replace(/'[^']*'/g, '').matchAll(/[A-Za-z_$][\w$]*/g))
      if (exported.has(name)) names.add(name);
  return names.size ? `import type { ${[...names].sort().join(', ')} } from '${from}';\n` : '';
}

const moduleFrom = (typesFile, module) => {
  const relative = posix.relative(posix.dirname(typesFile), module);
  return relative.startsWith('.') ? relative : `./${relative}`;
};
const doc = (text, indent = '') => {
  const lines = text.trim().split('\n');
  return lines[0]
    ? `${indent}/**\n${lines.map((line) => `${indent} * ${line}`.trimEnd()).join('\n')}\n${indent} */\n`
    : '';
};
const key = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);
const pascal = (tagName) => tagName.replace(/(^|-)([a-z])/g, (_, __, letter) => letter.toUpperCase());

/** Properties as the element types them, and the attribute spelling of each where it differs. */
function propertyLines(element) {
  const lines = [];
  for (const field of element.fields) {
    lines.push(`${doc(field.description ?? '', '  ')}  ${key(field.name)}?: ${element.className}['${field.name}'];`);
    if (field.attribute && field.attribute !== field.name)
      lines.push(
        `  /** The \`${field.attribute}\` attribute: see \`${field.name}\`. */\n  ${key(field.attribute)}?: ${element.className}['${field.name}'];`,
      );
  }
  return lines;
}

function classImports(elements, typesFile) {
  return elements
    .map((element) => `import type { ${element.className} } from '${moduleFrom(typesFile, element.module)}';\n`)
    .join('');
}

/** React 19 JSX: React sets a prop as a property when the element has one, and `on<event>` listens for `<event>`. */
export function reactTypings(elements, events, exported, typesFile = 'dist/types/react.d.ts') {
  const interfaces = elements.map((element) => {
    const eventLines = eventsOf(element, events).map(
      (event) => `${doc(event.description, '  ')}  'on${event.name}'?: (event: ${event.type}) => void;`,
    );
    return `/** What \`<${element.tagName}>\` takes in JSX: properties by name, attributes, and \`on\` + event name. */
export interface ${pascal(element.tagName)}JsxProps {
${[...propertyLines(element), ...eventLines].join('\n')}
}
`;
  });
  const intrinsic = elements.map(
    (element) =>
      `${doc(`${element.summary}\n\nReference: docs/elements/${element.tagName}.md`, '      ')}      '${element.tagName}': ConvJsxElement<${element.className}, ${pascal(element.tagName)}JsxProps>;`,
  );
  return `${generatedHeader("React 19 JSX for conv-kit's elements. Load it once: `import type {} from 'conv-kit/react';`")}
/// <reference path="./dom.d.ts" />
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
${classImports(elements, typesFile)}${typeImports(
    events.map((event) => event.type),
    exported,
    moduleFrom(typesFile, 'dist/index.js'),
  )}
/** React's own props for an element (ref, key, className, style, children…) plus the element's. */
export type ConvJsxElement<Element extends HTMLElement, Props> = Omit<
  DetailedHTMLProps<HTMLAttributes<Element>, Element>,
  keyof Props
> &
  Props;

${interfaces.join('\n')}
declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React declares its JSX namespace this way
  namespace JSX {
    interface IntrinsicElements {
${intrinsic.join('\n')}
    }
  }
}
`;
}

/** Vue 3: the pattern of Vue's guide ("Web Components and TypeScript"): props through `$props`, events through `$emit`. */
export function vueTypings(elements, events, exported, typesFile = 'dist/types/vue.d.ts') {
  const interfaces = elements.map(
    (
      element,
    ) => `/** What \`<${element.tagName}>\` takes in a template: properties (\`:conversation-id\` or \`.conversationId\`) and attributes. */
export interface ${pascal(element.tagName)}VueProps {
${propertyLines(element).join('\n')}
}
/** The events \`<${element.tagName}>\` lets through to \`@event\` listeners, with their types. */
export interface ${pascal(element.tagName)}VueEvents {
${eventsOf(element, events)
  .map((event) => `${doc(event.description, '  ')}  '${event.name}': ${event.type};`)
  .join('\n')}
}
`,
  );
  const components = elements.map(
    (element) =>
      `${doc(`${element.summary}\n\nReference: docs/elements/${element.tagName}.md`, '    ')}    '${element.tagName}': ConvVueElement<${element.className}, ${pascal(element.tagName)}VueProps, ${pascal(element.tagName)}VueEvents>;`,
  );
  return `${generatedHeader("Vue 3 (Volar, vue-tsc) types for conv-kit's elements. Load it once: `import type {} from 'conv-kit/vue';`")}
/// <reference path="./dom.d.ts" />
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
${classImports(elements, typesFile)}${typeImports(
    events.map((event) => event.type),
    exported,
    moduleFrom(typesFile, 'dist/index.js'),
  )}
/** \`data-*\` attributes (a test id, an analytics tag), which Vue's HTMLAttributes leaves out; vue-tsc camel-cases them. */
export type DataAttributes = { [name: \`data\${string}\`]: unknown };

/** A custom element as Vue's template type-check sees it. */
export type ConvVueElement<Element extends HTMLElement, Props, Events extends { [Name in keyof Events]: Event }> = new () => Element & {
  /** @deprecated For template type-checking only; not a property of the element. */
  $props: HTMLAttributes & Partial<Props> & PublicProps & DataAttributes;
  /** @deprecated For template type-checking only; not a property of the element. */
  $emit: EmitFn<{ [Name in keyof Events]: (event: Events[Name]) => void }>;
};

${interfaces.join('\n')}
declare module 'vue' {
  interface GlobalComponents {
${components.join('\n')}
  }
}
`;
}

/** The DOM's own maps: `document.querySelector('conv-chat')` and `document.addEventListener('conv-select', …)`. */
export function domTypings(elements, events, exported, typesFile = 'dist/types/dom.d.ts') {
  const eventLines = events
    .map((event) => `${doc(event.description, '    ')}    '${event.name}': ${event.type};`)
    .join('\n');
  const maps = ['HTMLElementEventMap', 'DocumentEventMap', 'WindowEventMap', 'ShadowRootEventMap'];
  return `${generatedHeader('The DOM\'s maps for conv-kit\'s elements and events, for pages that load conv-kit from a <script>: `/// <reference types="conv-kit/dom" />`.')}
${classImports(elements, typesFile)}${typeImports(
    events.map((event) => event.type),
    exported,
    moduleFrom(typesFile, 'dist/index.js'),
  )}
declare global {
  interface HTMLElementTagNameMap {
${elements.map((element) => `    '${element.tagName}': ${element.className};`).join('\n')}
  }
${maps.map((map) => `  interface ${map} {\n${eventLines}\n  }`).join('\n')}
}
`;
}

/** The element's reference page as the published package holds it (docs/ ships in the tarball). */
const referenceUrl = ({ name, version }, element) =>
  `https://unpkg.com/${name}@${version}/docs/elements/${element.tagName}.md`;
const markdownDescription = (element) => `${element.summary}\n\n${element.description}`.trim();

/** VS Code's HTML custom data (`html.customData`): tags, attributes with their values, docs link. */
export function vscodeHtmlData(elements, declarations, packageJson) {
  return {
    $schema: 'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json',
    version: 1.1,
    tags: elements.map((element) => ({
      name: element.tagName,
      description: { kind: 'markdown', value: markdownDescription(element) },
      attributes: element.fields
        .filter((field) => field.attribute)
        .map((field) => {
          const values = declarations.valuesOf(element, field);
          return {
            name: field.attribute,
            description: field.description ?? '',
            ...(values.boolean ? { valueSet: 'v' } : {}),
            ...(values.literals.length ? { values: values.literals.map((name) => ({ name })) } : {}),
          };
        }),
      references: [{ name: 'Reference', url: referenceUrl(packageJson, element) }],
    })),
  };
}

/** VS Code's CSS custom data (`css.customData`): every --conv-* property with what it colours or sizes. */
export function vscodeCssData(elements) {
  const properties = new Map();
  for (const element of elements)
    for (const property of element.cssProperties) {
      const known = properties.get(property.name) ?? { name: property.name, uses: [] };
      known.uses.push(`<${element.tagName}>: ${property.description ?? ''}`);
      properties.set(property.name, known);
    }
  return {
    version: 1.1,
    properties: [...properties.values()]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((property) => ({ name: property.name, description: property.uses.join('\n') })),
    pseudoElements: [
      {
        name: '::part',
        description: `conv-kit's parts: ${elements.map((element) => `<${element.tagName}> ${element.cssParts.map((part) => part.name).join(', ') || '(none)'}`).join('; ')}`,
      },
    ],
  };
}

/** JetBrains web-types (WebStorm, IntelliJ): elements, attributes, properties, events, slots, parts, CSS properties. */
export function webTypes(elements, events, declarations, { name, version }) {
  return {
    $schema: 'https://json.schemastore.org/web-types',
    name,
    version,
    'description-markup': 'markdown',
    contributions: {
      html: {
        elements: elements.map((element) => {
          const elementEvents = eventsOf(element, events).map((event) => ({
            name: event.name,
            type: event.type,
            description: event.description,
          }));
          return {
            name: element.tagName,
            description: markdownDescription(element),
            'doc-url': referenceUrl({ name, version }, element),
            attributes: element.fields
              .filter((field) => field.attribute)
              .map((field) => {
                const values = declarations.valuesOf(element, field);
                return {
                  name: field.attribute,
                  description: field.description ?? '',
                  value: values.boolean
                    ? { kind: 'no-value', type: 'boolean' }
                    : { kind: 'plain', type: values.text, ...(field.default ? { default: field.default } : {}) },
                  ...(values.literals.length ? { values: values.literals.map((value) => ({ name: value })) } : {}),
                };
              }),
            slots: element.slots.map((slot) => ({ name: slot.name, description: slot.description ?? '' })),
            events: elementEvents,
            js: {
              properties: element.fields.map((field) => ({
                name: field.name,
                description: field.description ?? '',
                type: field.type?.text ?? 'unknown',
              })),
              events: elementEvents,
            },
            css: {
              parts: element.cssParts.map((part) => ({ name: part.name, description: part.description ?? '' })),
              properties: element.cssProperties.map((property) => ({
                name: property.name,
                description: property.description ?? '',
              })),
            },
          };
        }),
      },
    },
  };
}

/** The files a build writes beside dist/, by path relative to the package root. */
export const integrationFiles = {
  manifest: 'dist/custom-elements.json',
  react: 'dist/types/react.d.ts',
  vue: 'dist/types/vue.d.ts',
  dom: 'dist/types/dom.d.ts',
  vscodeHtml: 'dist/vscode.html-custom-data.json',
  vscodeCss: 'dist/vscode.css-custom-data.json',
  webTypes: 'dist/web-types.json',
};

/** Writes every integration file into `root` (a package root holding a built dist/). */
export function writeIntegrations(root, manifest, packageJson) {
  const published = publishedManifest(manifest);
  const elements = publicElements(published, containedElements(manifest));
  const events = conversationEvents(published);
  const declarations = readDeclarations(join(root, 'dist'), elements);
  const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
  const contents = {
    manifest: json(published),
    react: reactTypings(elements, events, declarations.exported, integrationFiles.react),
    vue: vueTypings(elements, events, declarations.exported, integrationFiles.vue),
    dom: domTypings(elements, events, declarations.exported, integrationFiles.dom),
    vscodeHtml: json(vscodeHtmlData(elements, declarations, packageJson)),
    vscodeCss: json(vscodeCssData(elements)),
    webTypes: json(webTypes(elements, events, declarations, packageJson)),
  };
  for (const [name, text] of Object.entries(contents)) {
    const path = join(root, integrationFiles[name]);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return { elements, events };
}
