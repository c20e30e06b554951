import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";
import { litWithoutGlobals } from "./build/lit-without-globals.js";
import { loaderBundle } from "./build/loader-bundle.js";
import { minifyChunks } from "./build/minify-chunks.js";
import { minifyCssTemplates } from "./build/minify-css-templates.js";

// One self-contained ES module: lit, @xmpp/* and their small dependencies are bundled in, so a host page
// needs a single <script type="module"> tag and nothing else; or the tiny loader beside it
// (cdn/xmppmini-loader.js), which draws the launcher at once and fetches the module when needed.
export default defineConfig({
  plugins: [
    litWithoutGlobals(),
    minifyCssTemplates(),
    minifyChunks(),
    loaderBundle(fileURLToPath(new URL("./src/loader/loader.ts", import.meta.url))),
  ],
  resolve: {
    // xmpp.js and ltx need a few EventEmitter methods, not all of Node's `events` port; see event-emitter.ts.
    // Likewise @xmpp/jid: what xmpp.js does with addresses, without XEP-0106 escaping on every parse (see xmpp-jid.ts).
    alias: [
      { find: /^events$/, replacement: fileURLToPath(new URL("./src/xmpp/event-emitter.ts", import.meta.url)) },
      { find: /^@xmpp\/jid$/, replacement: fileURLToPath(new URL("./src/xmpp/xmpp-jid.ts", import.meta.url)) },
    ],
  },
  build: {
    target: "es2022",
    outDir: "cdn",
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      // Parts loaded on demand (the BOSH transport) import what they share with the widget from its own
      // module: one file for everything a page needs at first, not a third file of shared code.
      preserveEntrySignatures: "allow-extension",
    },
    lib: {
      entry: fileURLToPath(new URL("./src/xmppmini-chat.ts", import.meta.url)),
      formats: ["es"],
      fileName: () => "xmppmini-chat.js",
    },
  },
});
