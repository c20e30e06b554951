// The Custom Elements Manifest analyzer's configuration (`cem analyze`, run by scripts/build.mjs): the
// element's attributes, properties, methods, events, parts and custom properties, from its source and
// JSDoc, written to dist/custom-elements.json for editors, frameworks and docs/reference.md.
export default {
  globs: ["src/ui/chat-properties.ts", "src/ui/xmppmini-chat-element.ts"],
  outdir: "dist",
  litelement: true,
  plugins: [
    {
      name: "xmppmini:public-only",
      // Private fields (`#parts`) and Lit's internals are no part of the element's API.
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules)
          for (const declaration of module.declarations ?? []) {
            declaration.members = declaration.members?.filter(
              (member) =>
                member.privacy !== "private" && member.privacy !== "protected" && !member.name.startsWith("#"),
            );
            // An attribute whose property is an accessor of the subclass (intercept-links) takes the
            // accessor's documentation.
            for (const attribute of declaration.attributes ?? []) {
              const member = declaration.members?.find((candidate) => candidate.name === attribute.fieldName);
              attribute.description ??= member?.description;
              if (attribute.type?.text === "boolean") attribute.default ??= "false";
            }
          }
      },
    },
  ],
};
