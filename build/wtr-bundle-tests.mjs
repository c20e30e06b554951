// Serves each test file as one ES module bundled by esbuild. xmpp.js reaches into CommonJS files
// (ltx/lib/*, events, saslmechanisms) that a browser cannot import unbundled; bundling the test the way
// Vite bundles the widget gives the browser exactly the module graph that ships.
import { build } from "esbuild";

export function bundleTestFiles({ tsconfig = "tsconfig.json" } = {}) {
  return {
    name: "xmppmini:bundle-test-files",
    async serve(context) {
      if (!context.path.endsWith(".test.ts")) return undefined;
      const result = await build({
        entryPoints: [`.${context.path}`],
        bundle: true,
        format: "esm",
        platform: "browser",
        target: "es2022",
        mainFields: ["browser", "module", "main"],
        conditions: ["browser", "production"],
        tsconfig,
        // As in vite.config.ts: the widget's own EventEmitter in place of Node's `events` port.
        alias: { events: "./src/xmpp/event-emitter.ts" },
        sourcemap: "inline",
        // The test runner's own client modules are served by it at absolute paths.
        external: ["/__web-dev-server__*", "/__wtr*"],
        write: false,
        logLevel: "silent",
      });
      return { body: result.outputFiles[0].text, type: "js" };
    },
  };
}
