// `npm run build`: both builds and their descriptions.
//   cdn/   the self-contained module, its chunks and the script-tag loader (vite.config.ts), for a <script> tag
//   dist/  ES modules that import lit, idb and react by name (build/package.vite.config.ts), for bundlers,
//          with one rolled-up .d.ts per entry
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { vscodeCustomData, webTypes } from "../build/editor-data.mjs";

function step(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`build: \`${[command, ...args].join(" ")}\` failed (exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
}

const quiet = ["--logLevel", "warn"];
step("npx", ["vite", "build", ...quiet]);
// Subresource Integrity hashes of the CDN files, for a page's integrity="…" (docs/embedding.md).
const integrity = Object.fromEntries(
  readdirSync("cdn")
    .filter((file) => file.endsWith(".js"))
    .sort()
    .map((file) => [
      file,
      `sha384-${createHash("sha384")
        .update(readFileSync(`cdn/${file}`))
        .digest("base64")}`,
    ]),
);
writeFileSync("cdn/integrity.json", `${JSON.stringify(integrity, null, 2)}\n`);
step("npx", ["vite", "build", "--config", "build/package.vite.config.ts", ...quiet]);

rmSync(".types", { recursive: true, force: true });
step("npx", ["tsc", "-p", "build/tsconfig.types.json"]);
step("npx", ["dts-bundle-generator", "--silent", "--config", "build/dts-bundle.config.cjs"]);

/**
 * A secondary entry's declarations, with what they import from the widget's own modules taken from the
 * main entry's types instead (test/e2e/package.spec.ts type-checks the packed types, libraries included,
 * so a name the main entry does not export fails there).
 */
const importingFromMain = (declarations) =>
  declarations.replace(
    /\b(import|export)( type)? \{([^}]*)\} from "\.\.?\/[^"]+";/g,
    '$1$2 {$3} from "./xmppmini-chat.js";',
  );

writeFileSync("dist/loader.d.ts", importingFromMain(readFileSync(".types/loader/npm-loader.d.ts", "utf8")));
// Vue's typing of the tag (src/vue.d.ts): a types-only entry, with an empty module for a stray import.
writeFileSync("dist/vue.d.ts", importingFromMain(readFileSync("src/vue.d.ts", "utf8")));
writeFileSync("dist/vue.js", "// Types only: see vue.d.ts.\nexport {};\n");
// The JSX typing of the tag (src/react-jsx.d.ts) ships beside the React entry's types, which refer to it.
writeFileSync("dist/react-jsx.d.ts", importingFromMain(readFileSync("src/react-jsx.d.ts", "utf8")));
writeFileSync(
  "dist/react.d.ts",
  `/// <reference path="./react-jsx.d.ts" />\n${importingFromMain(readFileSync(".types/react.d.ts", "utf8"))}`,
);
rmSync(".types", { recursive: true, force: true });

// The custom elements manifest, and the editor help made from it.
step("npx", ["cem", "analyze", "--config", "build/custom-elements-manifest.config.mjs"]);
const manifest = JSON.parse(readFileSync("dist/custom-elements.json", "utf8"));
const { name, version } = JSON.parse(readFileSync("package.json", "utf8"));
writeFileSync("dist/vscode.html-custom-data.json", `${JSON.stringify(vscodeCustomData(manifest), null, 2)}\n`);
writeFileSync("dist/web-types.json", `${JSON.stringify(webTypes(manifest, { name, version }), null, 2)}\n`);
