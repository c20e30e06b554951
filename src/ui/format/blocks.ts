// Block structure of a message body, after XEP-0393 §5 (quotes, preformatted blocks, plain lines) and the
// composer help's Markdown lists ("- item").
import { parseInline, type Inline } from "./inline.js";

export type Block =
  | { type: "line"; content: Inline[] }
  | { type: "quote"; children: Block[] }
  | { type: "pre"; text: string }
  | { type: "list"; items: Inline[][] };

// Quotes inside quotes beyond this depth stay text: a hostile body cannot make rendering recurse deeply.
const MAX_QUOTE_DEPTH = 8;
const LIST_ITEM = /^[-*] /;

/** Parses a body into blocks; every character of it ends up in some block's text. */
export function parseBlocks(body: string, depth = 0): Block[] {
  const lines = body.split("\n");
  const blocks: Block[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    if (line.startsWith("```")) {
      // §5.1.2: up to a line that is only the closing fence, or the end of the enclosing block.
      const content: string[] = [];
      index += 1;
      while (index < lines.length && lines[index] !== "```") content.push(lines[index++]!);
      blocks.push({ type: "pre", text: content.join("\n") });
      index += 1;
      continue;
    }
    if (line.startsWith(">") && depth < MAX_QUOTE_DEPTH) {
      // §5.1.3: consecutive quoted lines, one level of ">" (and a space after it) removed.
      const quoted: string[] = [];
      while (index < lines.length && lines[index]!.startsWith(">"))
        quoted.push(lines[index++]!.slice(1).replace(/^ /, ""));
      blocks.push({ type: "quote", children: parseBlocks(quoted.join("\n"), depth + 1) });
      continue;
    }
    if (LIST_ITEM.test(line)) {
      const items: Inline[][] = [];
      while (index < lines.length && LIST_ITEM.test(lines[index]!)) items.push(parseInline(lines[index++]!.slice(2)));
      blocks.push({ type: "list", items });
      continue;
    }
    blocks.push({ type: "line", content: parseInline(line) });
    index += 1;
  }
  return blocks;
}
