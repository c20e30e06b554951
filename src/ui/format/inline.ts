// Inline styling of one line: XEP-0393 spans (*strong*, _emphasis_, ~strike~, `pre`), the Markdown the
// composer's help teaches (**strong**, [text](url)), and bare links. The result is a tree of plain strings
// for templates to render as text; nothing here is ever HTML.
import { safeLink } from "./links.js";

export type Inline =
  | { type: "text"; text: string }
  | { type: "strong" | "emphasis" | "strike"; marker: string; children: Inline[] }
  | { type: "code"; marker: string; text: string }
  | { type: "link"; href: string; text: string };

type SpanType = "strong" | "emphasis" | "strike" | "code";

const SPANS: Record<string, SpanType> = { "*": "strong", _: "emphasis", "~": "strike", "`": "code" };
// Spans inside spans beyond this depth stay text: a hostile body cannot make rendering recurse deeply.
const MAX_DEPTH = 6;
const BARE_LINK = /\b(?:https?:\/\/|mailto:|xmpp:)[^\s<>"]+/gi;
const MARKDOWN_LINK = /\[([^\]\n]{1,500})\]\(([^)\s]{1,2000})\)/g;

const isSpace = (char: string | undefined) => char === undefined || /\s/.test(char);

/**
 * For each position, where the nearest valid closing directive of each kind at or after it is: one pass
 * from the end, so finding a span's end is constant time however many unmatched markers a line holds.
 * A closing directive follows a non-space (XEP-0393 §6.2).
 */
function closers(line: string): Map<string, Int32Array> {
  const result = new Map<string, Int32Array>();
  for (const marker of ["**", ...Object.keys(SPANS)]) {
    const next = new Int32Array(line.length + 1).fill(-1);
    for (let index = line.length - marker.length; index >= 0; index -= 1) {
      const closes = line.startsWith(marker, index) && !isSpace(line[index - 1]);
      next[index] = closes ? index : next[index + 1]!;
    }
    result.set(marker, next);
  }
  return result;
}

/** Parses one line of text into inline nodes. */
export function parseInline(line: string): Inline[] {
  return parseRange(line, 0, line.length, closers(line), 0);
}

function parseRange(line: string, start: number, end: number, next: Map<string, Int32Array>, depth: number): Inline[] {
  const nodes: Inline[] = [];
  let text = "";
  const flush = () => {
    if (text) nodes.push(...linkify(text));
    text = "";
  };
  let index = start;
  while (index < end) {
    const char = line[index]!;
    const link = char === "[" ? markdownLink(line, index, end) : undefined;
    if (link) {
      flush();
      nodes.push(link.node);
      index = link.end;
      continue;
    }
    const span = depth < MAX_DEPTH ? spanAt(line, index, start, end, next) : undefined;
    if (span) {
      flush();
      const inner = index + span.marker.length;
      nodes.push(
        span.type === "code"
          ? { type: "code", marker: span.marker, text: line.slice(inner, span.close) }
          : { type: span.type, marker: span.marker, children: parseRange(line, inner, span.close, next, depth + 1) },
      );
      index = span.close + span.marker.length;
      continue;
    }
    text += char;
    index += 1;
  }
  flush();
  return nodes;
}

/** A span opening at `index` and closing before `end`, if the rules of XEP-0393 §6.2 allow one there. */
function spanAt(line: string, index: number, start: number, end: number, next: Map<string, Int32Array>) {
  const type = SPANS[line[index]!];
  if (!type) return undefined;
  // An opening directive starts the line (or the enclosing span) or follows a space or another directive.
  const before = line[index - 1];
  if (index > start && !isSpace(before) && !(before! in SPANS)) return undefined;
  const marker = type === "strong" && line.startsWith("**", index) ? "**" : line[index]!;
  const inner = index + marker.length;
  if (inner >= end || isSpace(line[inner])) return undefined;
  // The first valid closer after at least one character of content, inside the enclosing span.
  const close = next.get(marker)![inner + 1] ?? -1;
  if (close < 0 || close + marker.length > end) return undefined;
  return { type, marker, close };
}

function markdownLink(line: string, index: number, end: number): { node: Inline; end: number } | undefined {
  MARKDOWN_LINK.lastIndex = index;
  const match = MARKDOWN_LINK.exec(line);
  if (!match || match.index !== index || index + match[0].length > end) return undefined;
  const href = safeLink(match[2]!);
  // A link to a scheme we never open stays text, brackets and all.
  if (!href) return undefined;
  return { node: { type: "link", href, text: match[1]! }, end: index + match[0].length };
}

/** Splits text around bare http(s), mailto and xmpp links. */
function linkify(text: string): Inline[] {
  const nodes: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(BARE_LINK)) {
    // Sentence punctuation after a link is not part of it.
    const raw = match[0].replace(/[.,;:!?)\]'}]+$/, "");
    const href = safeLink(raw);
    if (!href) continue;
    if (match.index > last) nodes.push({ type: "text", text: text.slice(last, match.index) });
    nodes.push({ type: "link", href, text: raw });
    last = match.index + raw.length;
  }
  if (last < text.length) nodes.push({ type: "text", text: text.slice(last) });
  return nodes;
}
