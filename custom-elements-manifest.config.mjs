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

export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/**/*.styles.ts'],
  litelement: true,
  plugins: [internalStatePlugin()],
};
