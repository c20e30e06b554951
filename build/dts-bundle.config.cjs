// dts-bundle-generator's configuration: the main entry's types rolled up into one file, from the
// declarations that `tsc -p build/tsconfig.types.json` writes to .types/. The other entries' types import
// what they share from it (see scripts/build.mjs): rolled up on their own, each would declare its own copy
// of the element and of the global maps, and TypeScript refuses two differing declarations of a global.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- dts-bundle-generator loads this file with require()
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const entry = (from, to) => ({
  filePath: path.join(root, ".types", from),
  outFile: path.join(root, "dist", to),
  noCheck: true,
  // The global maps (HTMLElementTagNameMap, HTMLElementEventMap, Window) are part of the API.
  output: { inlineDeclareGlobals: true, noBanner: true },
});

module.exports = {
  compilationOptions: { preferredConfigPath: path.join(__dirname, "tsconfig.types.json") },
  entries: [entry("xmppmini-chat.d.ts", "xmppmini-chat.d.ts")],
};
