// A cap on how much of one body is styled. Parsing is linear, but drawing is not free: 20,000 characters
// of "*_~`" are some 5,000 nested spans with their markers, one main-thread task of several hundred
// milliseconds (and again at every reload); 300 pieces still cost some 40 ms of templates and markers.
// Past the budget, the body goes on as the plain text it is.
import type { Block } from "./blocks.js";
import type { Inline } from "./inline.js";

/** Styled pieces (spans, links, quotes, lists, pre blocks) one body may have; people write a handful. */
export const STYLE_BUDGET = 100;

/** The text of a piece as written, its directives included. */
function textOf(node: Inline): string {
  switch (node.type) {
    case "text":
    case "link":
      return node.text;
    case "code":
      return `${node.marker}${node.text}${node.marker}`;
    default:
      return `${node.marker}${node.children.map(textOf).join("")}${node.marker}`;
  }
}

function blockText(block: Block): string {
  switch (block.type) {
    case "line":
      return block.content.map(textOf).join("");
    case "pre":
      return `\`\`\`\n${block.text}\n\`\`\``;
    case "list":
      return block.items.map((item) => `- ${item.map(textOf).join("")}`).join("\n");
    case "quote":
      return block.children.map((child) => blockText(child).replace(/^/gm, "> ")).join("\n");
  }
}

/** `blocks` with every styled piece beyond the first `budget` turned back into its text. */
export function withStyleBudget(blocks: Block[], budget = STYLE_BUDGET): Block[] {
  let left = budget;
  const inline = (nodes: Inline[]): Inline[] => {
    const result: Inline[] = [];
    const pushText = (text: string) => {
      const last = result.at(-1);
      if (last?.type === "text") result[result.length - 1] = { type: "text", text: last.text + text };
      else if (text) result.push({ type: "text", text });
    };
    for (const node of nodes) {
      if (node.type === "text") pushText(node.text);
      else if (left <= 0) pushText(textOf(node));
      else {
        left -= 1;
        result.push(
          node.type === "strong" || node.type === "emphasis" || node.type === "strike"
            ? { ...node, children: inline(node.children) }
            : node,
        );
      }
    }
    return result;
  };
  const walk = (list: Block[]): Block[] =>
    list.map((block): Block => {
      if (block.type === "line") return { type: "line", content: inline(block.content) };
      if (left <= 0) return { type: "line", content: [{ type: "text", text: blockText(block) }] };
      left -= 1;
      if (block.type === "quote") return { type: "quote", children: walk(block.children) };
      if (block.type === "list") return { type: "list", items: block.items.map(inline) };
      return block;
    });
  return joinPlainLines(walk(blocks));
}

/**
 * Neighbouring lines of plain text as one line holding the line breaks (the body is white-space:
 * pre-wrap): the same text, drawn as one text node instead of one template per line.
 */
function joinPlainLines(blocks: Block[]): Block[] {
  const result: Block[] = [];
  let previousPlain = false;
  for (const block of blocks) {
    const plain = block.type === "line" && block.content.every((node) => node.type === "text");
    const last = result.at(-1);
    if (plain && previousPlain && last?.type === "line") {
      result[result.length - 1] = {
        type: "line",
        content: [
          { type: "text", text: `${last.content.map(textOf).join("")}\n${block.content.map(textOf).join("")}` },
        ],
      };
    } else {
      result.push(block.type === "quote" ? { type: "quote", children: joinPlainLines(block.children) } : block);
    }
    previousPlain = plain;
  }
  return result;
}
