import { test, expect } from "./fixtures.js";
import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { BYTE_BUDGETS } from "../../bench/budgets.mjs";

const gzipKB = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

// The deterministic part of the benchmark's budgets (issue 8), checked on every test run against the
// built files. (The whole widget's 45-KB budget is reported by `npm run bench` and not held here yet:
// it is broken, see the Performance section of README.md.)
test.describe("byte budgets of the built files", () => {
  test(`the loader tag is at most ${BYTE_BUDGETS.loaderKB} KB gzip, and asks for nothing else until used`, () => {
    const loader = readFileSync("cdn/xmppmini-loader.js", "utf8");
    expect(gzipKB("cdn/xmppmini-loader.js")).toBeLessThanOrEqual(BYTE_BUDGETS.loaderKB);
    // A dependency-free script: no static import (it must work as a classic script) and no lit inside.
    expect(loader).not.toMatch(/^\s*import\s|\bexport\s*\{/mu);
    expect(loader).not.toContain("lit-html");
  });

  test(`the widget's module stays at most ${BYTE_BUDGETS.widgetModuleKB} KB gzip, and what most pages need no more comes only when used`, () => {
    const widget = readFileSync("cdn/xmppmini-chat.js", "utf8");
    expect(gzipKB("cdn/xmppmini-chat.js")).toBeLessThanOrEqual(BYTE_BUDGETS.widgetModuleKB);
    // The chunks (BOSH, the Chinese catalog, guest sign-up, credentials-url, the upload transfer, the
    // xmppmini resolver, ...) are imported dynamically only: a static import from the module would fetch
    // them on every page. Code shared by two chunks comes in a chunk of its own, imported by them.
    const chunks = readdirSync("cdn").filter(
      (name) => name.endsWith(".js") && name !== "xmppmini-chat.js" && name !== "xmppmini-loader.js",
    );
    expect(chunks.length).toBeGreaterThanOrEqual(5);
    const chunkCode = chunks.map((name) => readFileSync(`cdn/${name}`, "utf8"));
    for (const chunk of chunks) {
      const imported = new RegExp(`(import\\(|from\\s*)"\\./${chunk.replace(/[.$]/gu, "\\$&")}"`, "u");
      expect(widget).not.toMatch(new RegExp(`from\\s*"\\./${chunk.replace(/[.$]/gu, "\\$&")}"`, "u"));
      expect(widget.includes(`import("./${chunk}")`) || chunkCode.some((code) => imported.test(code))).toBe(true);
    }
  });
});
