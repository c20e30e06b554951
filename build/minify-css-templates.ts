import type { Plugin } from "vite";

const CSS_TEMPLATE = /\bcss`([^`]*)`/gu;

/** Comments out, whitespace runs to one space, none beside braces and semicolons: nothing a rule means changes. */
export function minifyCssText(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//gu, "")
    .replace(/\s+/gu, " ")
    .replace(/\s*([{};])\s*/gu, "$1")
    .trim();
}

/**
 * The widget's styles are Lit `css` templates in TypeScript, written to be read (indented, commented); a
 * JavaScript minifier leaves template text alone. This shrinks the text of each `css` template in the
 * widget's own sources at build time. (Those style modules' source maps then show the shrunk text.)
 */
export function minifyCssTemplates(): Plugin {
  return {
    name: "xmppmini:minify-css-templates",
    apply: "build",
    transform(code, id) {
      if (!/[\\/]src[\\/].*\.ts$/u.test(id) || !code.includes("css`")) return null;
      return { code: code.replace(CSS_TEMPLATE, (_whole, text: string) => `css\`${minifyCssText(text)}\``), map: null };
    },
  };
}
