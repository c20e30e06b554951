import type { Plugin } from "vite";
import { transform } from "esbuild";

const MAP_COMMENT = /\n\/\/# sourceMappingURL=\S+\s*$/u;

/**
 * Vite leaves whitespace and comments in ES-format library builds (so that a bundler downstream can
 * still read their pure annotations). This build is no input to another bundler: it is what browsers
 * load, so each chunk is minified whole once written (about 5 KB gzip of the widget). The chunk's map
 * goes into esbuild inline, so the new map still leads to the TypeScript sources.
 */
export function minifyChunks(): Plugin {
  return {
    name: "xmppmini:minify-chunks",
    apply: "build",
    generateBundle: {
      order: "post",
      async handler(_options, bundle) {
        for (const output of Object.values(bundle)) {
          if (output.type !== "chunk") continue;
          const mapFile = bundle[`${output.fileName}.map`];
          const inputMap = mapFile?.type === "asset" ? String(mapFile.source) : output.map ? JSON.stringify(output.map) : undefined;
          let code = output.code.replace(MAP_COMMENT, "\n");
          if (inputMap) code += `//# sourceMappingURL=data:application/json;base64,${Buffer.from(inputMap).toString("base64")}\n`;
          const result = await transform(code, {
            minify: true,
            format: "esm",
            target: "es2022",
            sourcemap: inputMap ? "external" : false,
            sourcefile: output.fileName,
            legalComments: "none",
          });
          output.code = result.code;
          if (mapFile?.type === "asset" && result.map) {
            mapFile.source = result.map;
            output.code += `//# sourceMappingURL=${output.fileName}.map\n`;
          }
        }
      },
    },
  };
}
