import type { Plugin } from "vite";

const LIT_FILES = /[\\/]node_modules[\\/](lit-html|lit-element|@lit[\\/]reactive-element)[\\/]/;
const VERSION_MARKER =
  /\(\s*[\w$]+\.(?:litHtmlVersions|litElementVersions|reactiveElementVersions)\s*\?\?=\s*\[\]\s*\)\.push\([^)]*\)/g;
const METADATA_GLOBAL = /[\w$]+\.litPropertyMetadata\s*\?\?=\s*new WeakMap(?:\(\))?/g;

/**
 * Lit records its versions and its property metadata on the global object. A widget that lives on other
 * people's pages must add no globals, so the bundle keeps the metadata map module-local and drops the
 * version markers (they only feed a dev-mode warning about duplicate Lit copies).
 */
export function litWithoutGlobals(): Plugin {
  return {
    name: "xmppmini:lit-without-globals",
    transform(code, id) {
      if (!LIT_FILES.test(id)) return null;
      let out = code.replace(VERSION_MARKER, "void 0");
      if (/\.litPropertyMetadata\s*\?\?=/.test(out)) {
        out = `const litPropertyMetadataLocal = new WeakMap();\n${out
          .replace(METADATA_GLOBAL, "void 0")
          .replace(/\blitPropertyMetadata\b/g, "litPropertyMetadataLocal")}`;
      }
      return out === code ? null : { code: out, map: null };
    },
  };
}
