// Two apps as their developers would write them: one React, one Vue, each installing the packed tarball.
import { defineConfig } from "vite";
import vue from "@vitejs/plugin-vue";

export default defineConfig({
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === "xmppmini-chat" } } })],
  build: { rollupOptions: { input: { react: "react.html", vue: "vue.html" } } },
});
