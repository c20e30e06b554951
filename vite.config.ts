import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";
import { litWithoutGlobals } from "./build/lit-without-globals.js";

// One self-contained ES module: lit, @xmpp/* and their small dependencies are bundled in, so a host page
// needs a single <script type="module"> tag and nothing else.
export default defineConfig({
  plugins: [litWithoutGlobals()],
  build: {
    target: "es2022",
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    lib: {
      entry: fileURLToPath(new URL("./src/xmppmini-chat.ts", import.meta.url)),
      formats: ["es"],
      fileName: () => "xmppmini-chat.js",
    },
  },
});
