// `node scripts/reference-doc.mjs [--write]`: docs/reference.md from the built manifest (npm run build
// makes dist/custom-elements.json). Without --write it checks that the page says what the manifest says.
import { readFileSync, writeFileSync } from "node:fs";
import { referenceMarkdown } from "../build/reference-doc.mjs";

const PAGE = "docs/reference.md";
const expected = referenceMarkdown(JSON.parse(readFileSync("dist/custom-elements.json", "utf8")));
if (process.argv.includes("--write")) {
  writeFileSync(PAGE, expected);
  console.log(`${PAGE} written.`);
} else if (readFileSync(PAGE, "utf8") !== expected) {
  console.error(`${PAGE} differs from the manifest. Run: npm run build && node scripts/reference-doc.mjs --write`);
  process.exit(1);
}
