import type { Plugin } from "vite";
import { build } from "esbuild";

/**
 * Builds cdn/xmppmini-loader.js beside the widget: a separate, dependency-free script (an IIFE, so it
 * works as a classic or a module script tag) that must stay tiny, so esbuild bundles it on its own
 * instead of letting it share chunks with the widget.
 */
export function loaderBundle(entry: string, fileName = "xmppmini-loader.js"): Plugin {
  return {
    name: "xmppmini:loader-bundle",
    apply: "build",
    async generateBundle() {
      const result = await build({
        entryPoints: [entry],
        bundle: true,
        format: "iife",
        target: "es2022",
        minify: true,
        write: false,
        legalComments: "none",
      });
      this.emitFile({ type: "asset", fileName, source: result.outputFiles[0]!.text });
    },
  };
}
