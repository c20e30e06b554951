import { test, expect } from "./fixtures.js";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { BYTE_BUDGETS } from "../../bench/budgets.mjs";

const gzipKB = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

// The deterministic part of the benchmark's budgets (issue 8), checked on every test run against the
// built files. (The whole widget's 45-KB budget is reported by `npm run bench` and not held here yet:
// it is broken, see the README's benchmark section.)
test.describe("byte budgets of the built files", () => {
  test(`the loader tag is at most ${BYTE_BUDGETS.loaderKB} KB gzip, and asks for nothing else until used`, () => {
    const loader = readFileSync("dist/xmppmini-loader.js", "utf8");
    expect(gzipKB("dist/xmppmini-loader.js")).toBeLessThanOrEqual(BYTE_BUDGETS.loaderKB);
    // A dependency-free script: no static import (it must work as a classic script) and no lit inside.
    expect(loader).not.toMatch(/^\s*import\s|\bexport\s*\{/mu);
    expect(loader).not.toContain("lit-html");
  });
});
