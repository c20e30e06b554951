// `npm run format` writes, `npm run lint` checks. The options are the ones the code was written in
// (double quotes, semicolons, trailing commas, two spaces); lines longer than 120 characters are wrapped.
/** @type {import("prettier").Config} */
export default {
  printWidth: 120,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: false,
  trailingComma: "all",
  bracketSpacing: true,
  arrowParens: "always",
  endOfLine: "lf",
  // The text of css`` and html`` templates is left as written: whitespace in a Lit template is part of what
  // it renders, and the compact style rules are what build/minify-css-templates.ts expects.
  embeddedLanguageFormatting: "off",
};
