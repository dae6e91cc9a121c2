import ts from 'typescript';

/** The entry points integrators import: an element whose class none of them exports is internal to conv-kit. */
const publicEntryPoints = ['src/index.ts', 'src/standalone.ts'];

// The element manifest lists what integrators use: internal state (`{ state: true }`, private fields)
// is not an attribute and not part of the public API.
const internalStatePlugin = () => ({
  name: 'conv-kit-public-api',
  packageLinkPhase({ customElementsManifest }) {
    // The file system lists files in any order; the manifest must read the same on every machine.
    customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const module of customElementsManifest.modules) {
      for (const declaration of module.declarations ?? []) {
        const internal = new Set(
          (declaration.members ?? [])
            .filter(
              (member) => member.privacy === 'private' || member.privacy === 'protected' || member.name.startsWith('_'),
            )
            .map((member) => member.name),
        );
        if (declaration.attributes)
          declaration.attributes = declaration.attributes.filter((attribute) => !internal.has(attribute.fieldName));
        if (declaration.members)
          declaration.members = declaration.members.filter((member) => !internal.has(member.name));
      }
    }
  },
});

/** The names (values and types) that conv-kit's entry points export, read by TypeScript itself. */
function exportedNames(entryPoints) {
  const program = ts.createProgram(entryPoints, {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const names = new Set();
  for (const entryPoint of entryPoints) {
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entryPoint));
    for (const symbol of moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []) names.add(symbol.name);
  }
  return names;
}

// Elements that only live inside others' shadow roots (the composer, a message, the picker…) stay in the
// manifest, marked `"internal": true`, so generators of typings, IDE data and docs leave them out.
const internalElementsPlugin = () => ({
  name: 'conv-kit-internal-elements',
  packageLinkPhase({ customElementsManifest }) {
    const exported = exportedNames(publicEntryPoints);
    for (const module of customElementsManifest.modules)
      for (const declaration of module.declarations ?? [])
        if (declaration.customElement && declaration.tagName && !exported.has(declaration.name))
          declaration.internal = true;
  },
});

export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/**/*.styles.ts'],
  litelement: true,
  // package.json's customElements names the published copy (dist/custom-elements.json, written by the build).
  packagejson: false,
  plugins: [internalStatePlugin(), internalElementsPlugin()],
};
