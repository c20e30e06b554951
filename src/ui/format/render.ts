import { html, type TemplateResult } from "lit";
import { parseBlocks, type Block } from "./blocks.js";
import type { Inline } from "./inline.js";
import { withStyleBudget } from "./style-budget.js";

/**
 * What of a body is styled. A longer one (a stranger's 200 KB, say; the server takes up to its stanza
 * limit) shows this much, and the rest as plain text behind a "show all" control: the stored message
 * stays whole, and no single message can fill the page with elements. About a page of text, as long
 * messages are collapsed elsewhere: at 20,000, a reload showing five of a stranger's long bodies spent
 * 140–170 ms in one task on the bench machine (parsing, then laying out and painting the text), 60 at 5,000.
 */
export const DISPLAY_LIMIT = 5_000;

// Bodies are immutable and re-rendered often (a delivery state changes, the list scrolls): parse each once.
const parsed = new Map<string, Block[]>();
const CACHE_SIZE = 2000;

function blocksOf(body: string): Block[] {
  let blocks = parsed.get(body);
  if (!blocks) {
    blocks = withStyleBudget(parseBlocks(body));
    if (parsed.size >= CACHE_SIZE) parsed.delete(parsed.keys().next().value!);
    parsed.set(body, blocks);
  }
  return blocks;
}

/**
 * A message body with its styling (XEP-0393 and the composer's Markdown) as a template. Every piece of
 * remote text goes in as a text binding and every link target through an attribute binding after a
 * scheme check: nothing is ever parsed as HTML.
 */
export function renderBody(body: string, showAll: (hidden: number) => string): TemplateResult {
  if (body.length <= DISPLAY_LIMIT) return html`${renderBlocks(blocksOf(body))}`;
  // Never between the two halves of a surrogate pair.
  const cut = /[\uD800-\uDBFF]/.test(body[DISPLAY_LIMIT - 1]!) ? DISPLAY_LIMIT - 1 : DISPLAY_LIMIT;
  const rest = body.slice(cut);
  return html`${renderBlocks(blocksOf(body.slice(0, cut)))}<details part="more" class="more"><summary>${showAll(rest.length)}</summary>${rest}</details>`;
}

function renderBlocks(blocks: Block[]): unknown[] {
  return blocks.map((block, index) => {
    // Plain lines keep their line breaks as text (the body is white-space: pre-wrap).
    const separator = index > 0 && block.type === "line" && blocks[index - 1]!.type === "line" ? "\n" : "";
    switch (block.type) {
      case "line":
        return html`${separator}${renderInline(block.content)}`;
      case "quote":
        return html`<blockquote>${renderBlocks(block.children)}</blockquote>`;
      case "pre":
        return html`<pre><code>${block.text}</code></pre>`;
      case "list":
        return html`<ul>${block.items.map((item) => html`<li>${renderInline(item)}</li>`)}</ul>`;
    }
  });
}

function renderInline(nodes: Inline[]): unknown[] {
  return nodes.map((node) => {
    switch (node.type) {
      case "text":
        return node.text;
      case "code":
        return html`<code>${marker(node.marker)}${node.text}${marker(node.marker)}</code>`;
      case "link":
        // xmpp: links open in this page (the widget may handle them); the others in a new tab.
        return node.href.startsWith("xmpp:")
          ? html`<a href=${node.href}>${node.text}</a>`
          : html`<a href=${node.href} target="_blank" rel="noopener noreferrer nofollow">${node.text}</a>`;
      case "strong":
        return html`<strong>${marker(node.marker)}${renderInline(node.children)}${marker(node.marker)}</strong>`;
      case "emphasis":
        return html`<em>${marker(node.marker)}${renderInline(node.children)}${marker(node.marker)}</em>`;
      case "strike":
        return html`<s>${marker(node.marker)}${renderInline(node.children)}${marker(node.marker)}</s>`;
    }
  });
}

/** XEP-0393 §6: the styling directives stay visible (dimmed), so the text reads the same when copied. */
function marker(text: string): TemplateResult {
  return html`<span class="marker" aria-hidden="true">${text}</span>`;
}
