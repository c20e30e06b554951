// Inline styling of one line: XEP-0393 spans (*strong*, _emphasis_, ~strike~, `pre`), the Markdown the
// composer's help teaches (**strong**, [text](url)), and bare links. The result is a tree of plain strings
// for templates to render as text; nothing here is ever HTML.
//
// The line is remote text: every lookup below is a table made in one pass over the line, so parsing is
// linear in its length whatever it holds (a pattern that searches ahead from every `[` or `*` is not).
import { linkify } from "./bare-links.js";
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
// A Markdown link's text and target lengths, as people write them.
const MAX_LINK_TEXT = 500;
const MAX_LINK_TARGET = 2000;
// Text that reads as an address: shown as a link's text, it could claim another target than the real one.
const LOOKS_LIKE_URL = /^\s*(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:|xmpp:)/i;

const isSpace = (char: string | undefined) => char === undefined || /\s/.test(char);

/** For each position of `line`, the nearest position at or after it where `found` holds; -1 if none. */
function nextWhere(line: string, found: (index: number) => boolean): Int32Array {
  const next = new Int32Array(line.length + 1).fill(-1);
  for (let index = line.length - 1; index >= 0; index -= 1) next[index] = found(index) ? index : next[index + 1]!;
  return next;
}

/**
 * One pass over the line each, made on first use (most lines have no marker at all): where the next
 * closing directive, `]`, `)` and space are.
 */
class LineTables {
  readonly #closers = new Map<string, Int32Array>();
  #bracket?: Int32Array;
  #paren?: Int32Array;
  #space?: Int32Array;
  /** A Markdown link's checked target, by the position of its `]`: many `[` may share one. */
  readonly targets = new Map<number, string | undefined>();

  constructor(readonly line: string) {}

  /** The nearest valid closing `marker` at or after each position (XEP-0393 §6.2: one after a non-space). */
  closers(marker: string): Int32Array {
    let next = this.#closers.get(marker);
    if (!next) {
      const { line } = this;
      next = nextWhere(line, (index) => line.startsWith(marker, index) && !isSpace(line[index - 1]));
      this.#closers.set(marker, next);
    }
    return next;
  }

  get bracket(): Int32Array {
    return (this.#bracket ??= nextWhere(this.line, (index) => this.line[index] === "]"));
  }

  get paren(): Int32Array {
    return (this.#paren ??= nextWhere(this.line, (index) => this.line[index] === ")"));
  }

  get space(): Int32Array {
    return (this.#space ??= nextWhere(this.line, (index) => isSpace(this.line[index])));
  }
}

/** Parses one line of text into inline nodes. */
export function parseInline(line: string): Inline[] {
  return parseRange(new LineTables(line), 0, line.length, 0);
}

function parseRange(tables: LineTables, start: number, end: number, depth: number): Inline[] {
  const { line } = tables;
  const nodes: Inline[] = [];
  let textStart = start;
  const flush = (upTo: number) => {
    if (upTo > textStart) nodes.push(...linkify(line.slice(textStart, upTo)));
  };
  let index = start;
  while (index < end) {
    const link = line[index] === "[" ? markdownLink(tables, index, end) : undefined;
    if (link) {
      flush(index);
      nodes.push(...link.nodes);
      index = textStart = link.end;
      continue;
    }
    const span = depth < MAX_DEPTH ? spanAt(tables, index, start, end) : undefined;
    if (span) {
      flush(index);
      const inner = index + span.marker.length;
      nodes.push(
        span.type === "code"
          ? { type: "code", marker: span.marker, text: line.slice(inner, span.close) }
          : { type: span.type, marker: span.marker, children: parseRange(tables, inner, span.close, depth + 1) },
      );
      index = textStart = span.close + span.marker.length;
      continue;
    }
    index += 1;
  }
  flush(end);
  return nodes;
}

/** A span opening at `index` and closing before `end`, if the rules of XEP-0393 §6.2 allow one there. */
function spanAt(tables: LineTables, index: number, start: number, end: number) {
  const { line } = tables;
  const type = SPANS[line[index]!];
  if (!type) return undefined;
  // An opening directive starts the line (or the enclosing span) or follows a space or another directive.
  const before = line[index - 1];
  if (index > start && !isSpace(before) && !(before! in SPANS)) return undefined;
  const marker = type === "strong" && line.startsWith("**", index) ? "**" : line[index]!;
  const inner = index + marker.length;
  if (inner >= end || isSpace(line[inner])) return undefined;
  // The first valid closer after at least one character of content, inside the enclosing span.
  const close = tables.closers(marker)[inner + 1] ?? -1;
  if (close < 0 || close + marker.length > end) return undefined;
  return { type, marker, close };
}

/**
 * `[text](target)` at `index`: the text runs to the first `]` (1–500 characters), the target from the `(`
 * right after it to the first `)`, without spaces (1–2000 characters).
 */
function markdownLink(tables: LineTables, index: number, end: number): { nodes: Inline[]; end: number } | undefined {
  const { line } = tables;
  const close = tables.bracket[index + 1]!;
  if (close < 0 || close - index - 1 < 1 || close - index - 1 > MAX_LINK_TEXT || line[close + 1] !== "(")
    return undefined;
  const targetStart = close + 2;
  const targetEnd = tables.paren[targetStart] ?? -1;
  if (targetEnd < 0 || targetEnd === targetStart || targetEnd - targetStart > MAX_LINK_TARGET || targetEnd + 1 > end)
    return undefined;
  const space = tables.space[targetStart]!;
  if (space >= 0 && space < targetEnd) return undefined;
  if (!tables.targets.has(close)) tables.targets.set(close, safeLink(line.slice(targetStart, targetEnd)));
  const href = tables.targets.get(close);
  // A link to a scheme we never open stays text, brackets and all.
  if (!href) return undefined;
  const text = line.slice(index + 1, close);
  // Text that reads as another address than the target would mislead: it is shown as typed, and the real
  // target is what can be clicked.
  if (LOOKS_LIKE_URL.test(text) && safeLink(text.trim()) !== href) {
    return {
      nodes: [
        { type: "text", text: `[${text}](` },
        { type: "link", href, text: line.slice(targetStart, targetEnd) },
        { type: "text", text: ")" },
      ],
      end: targetEnd + 1,
    };
  }
  return { nodes: [{ type: "link", href, text }], end: targetEnd + 1 };
}
