import { defineConfig, type UserConfig } from "vite";
import { fileURLToPath } from "node:url";
import cdnConfig from "../vite.config.js";
import { minifyCssTemplates } from "./minify-css-templates.js";

const source = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

/**
 * The npm build (dist/), for apps that bundle: ES modules that import `lit`, `idb`, `react` and
 * `@lit/react` by name, so an app that already has Lit carries one copy, and the app's bundler minifies
 * and splits. xmpp.js stays inside: the widget uses a trimmed part of it (the aliases in vite.config.ts).
 * Entries: `.` (registers the element), `./loader` (places it, imports the widget when needed) and
 * `./react` (a React component).
 */
export default defineConfig({
  plugins: [minifyCssTemplates()],
  resolve: (cdnConfig as UserConfig).resolve,
  build: {
    target: "es2022",
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    lib: {
      entry: {
        "xmppmini-chat": source("xmppmini-chat.ts"),
        loader: source("loader/npm-loader.ts"),
        react: source("react.ts"),
      },
      formats: ["es"],
      fileName: (_format, name) => `${name}.js`,
    },
    rollupOptions: {
      external: [/^lit($|\/)/, /^@lit\//, /^idb($|\/)/, /^react($|\/)/],
      output: { chunkFileNames: "chunks/[name]-[hash].js" },
    },
  },
});
