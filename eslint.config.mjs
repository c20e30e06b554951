// `npm run lint` (and the lint step of `npm test`). The rule sets are typescript-eslint's strict and stylistic
// ones; type-aware rules run where tsconfig.json type-checks (src/, test/unit/). A rule is off below only when
// the code breaks it on purpose, each with the reason. Formatting is Prettier's (prettier.config.mjs), not ESLint's.
import js from "@eslint/js";
import lit from "eslint-plugin-lit";
import globals from "globals";
import tseslint from "typescript-eslint";

/** Where this code's rules differ from the presets, for every file. */
const houseRules = {
  // Assertions after checks the compiler cannot follow (a selector that the template just rendered).
  "@typescript-eslint/no-non-null-assertion": "off",
  // `.catch(() => {})` where a failure is expected and needs nothing, and no-op methods of fakes.
  "@typescript-eslint/no-empty-function": "off",
  // Control characters are matched on purpose: file names, XML-invalid text, binary records.
  "no-control-regex": "off",
  // `_name` marks what a destructuring drops on purpose; `...rest` siblings are the point of it.
  "@typescript-eslint/no-unused-vars": [
    "error",
    { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
  ],
  // A variable read by a closure declared before the variable is assigned cannot be const.
  "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
  // `T[]` for a simple element type, `Array<...>` for object, tuple, function and union element types.
  "@typescript-eslint/array-type": ["error", { default: "array-simple" }],
  // `type` and `interface` are both used for object shapes.
  "@typescript-eslint/consistent-type-definitions": "off",
  // The widget runs under a strict CSP without 'unsafe-eval'; the bench's page-side helpers are marked.
  "no-new-func": "error",
};

/** Where this code's type-aware rules differ from the presets (src/, test/unit/). */
const houseTypedRules = {
  // @open-wc/semantic-dom-diff types chai's `equal` as a promise (for its DOM comparison), which a plain
  // `expect(x).to.equal(y)` is not.
  "@typescript-eslint/no-floating-promises": [
    "error",
    { allowForKnownSafeCalls: [{ from: "package", name: "Equal", package: "@open-wc/semantic-dom-diff" }] },
  ],
  // Forwarding a caught reason of unknown type is no rejection with a non-error.
  "@typescript-eslint/prefer-promise-reject-errors": ["error", { allowThrowingAny: true, allowThrowingUnknown: true }],
  "@typescript-eslint/only-throw-error": ["error", { allowThrowingAny: true, allowThrowingUnknown: true }],
  // Option objects declare callbacks with method syntax and are given arrow functions: nothing is unbound.
  "@typescript-eslint/unbound-method": "off",
  // `async` without `await` makes fakes and interface implementations return promises.
  "@typescript-eslint/require-await": "off",
  // `String(value)` on untrusted input is deliberate: a malformed value fails the address check after it.
  "@typescript-eslint/no-base-to-string": "off",
  // Numbers, booleans and nullish values in messages and logs are meant as they print.
  "@typescript-eslint/restrict-template-expressions": "off",
  // `() => this.requestUpdate()` returning a void call is the house style for one-line callbacks.
  "@typescript-eslint/no-confusing-void-expression": "off",
  // Defensive checks on what the network and other tabs send, whose declared types are what they should be.
  "@typescript-eslint/no-unnecessary-condition": "off",
  // `||` deliberately treats "" (an empty attribute, a blank nickname) like a missing value.
  "@typescript-eslint/prefer-nullish-coalescing": "off",
  // `!value || value.x !== y` reads as the check it is; the optional chain would hide the undefined case.
  "@typescript-eslint/prefer-optional-chain": "off",
  // `[...text]` splits a string into code points on purpose (XEP-0372 offsets count code points).
  "@typescript-eslint/no-misused-spread": "off",
  // `String(x)` and `Boolean(x)` also state what a value is meant to be where it is not obvious.
  "@typescript-eslint/no-unnecessary-type-conversion": "off",
  // Redundant assertions (88, in 36 files) are harmless, and `eslint --fix` can drop them once those files are quiet.
  "@typescript-eslint/no-unnecessary-type-assertion": "off",
  // `Promise<string | void>` and Lit's `void | Promise<unknown>` are the types these callbacks have.
  "@typescript-eslint/no-invalid-void-type": "off",
  // Catch callbacks type the fields they read (`{ name?: string }`) where the reason is a DOMException.
  "@typescript-eslint/use-unknown-in-catch-callback-variable": "off",
  // Literal members such as "hang" in `string | "hang"` name the special values a union also accepts.
  "@typescript-eslint/no-redundant-type-constituents": "off",
  // `(x as HTMLButtonElement)` names the element type, not only non-nullness.
  "@typescript-eslint/non-nullable-type-assertion-style": "off",
  "@typescript-eslint/no-confusing-non-null-assertion": "off",
  // The field is read through `??=` or `||=`, which this rule does not count as a read.
  "no-unused-private-class-members": "off",
};

export default tseslint.config(
  {
    ignores: [
      "dist/",
      "cdn/",
      ".types/",
      "node_modules/",
      ".test-summary/",
      "test-results/",
      "playwright-report/",
      "test-artifacts/",
      "bench/results/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...tseslint.configs.stylistic,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: houseRules,
  },
  {
    files: ["src/**/*.ts", "test/unit/**/*.ts"],
    extends: [
      ...tseslint.configs.strictTypeChecked,
      ...tseslint.configs.stylisticTypeChecked,
      lit.configs["flat/recommended"],
    ],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { ...houseRules, ...houseTypedRules },
  },
  {
    // The declarations of an untyped library: its listeners take what its events carry.
    files: ["src/**/*.d.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["test/unit/**/*.ts"],
    rules: {
      // chai's property assertions (`.to.exist`) are expressions.
      "@typescript-eslint/no-unused-expressions": "off",
      // `oneEvent()` of @open-wc/testing resolves to CustomEvent<any>; the tests read its detail.
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      // Stubs stand in for class instances the code under test only passes on.
      "@typescript-eslint/no-unsafe-class-instance-assignment": "off",
    },
  },
  {
    // Playwright fixtures that use no other fixture still destructure their first argument.
    files: ["test/e2e/**/*.ts"],
    rules: { "no-empty-pattern": "off" },
  },
  {
    // The benchmark's Converse.js page uses the global its script tag defines.
    files: ["bench/pages/converse-page.js"],
    languageOptions: { globals: { converse: "readonly" } },
  },
);
