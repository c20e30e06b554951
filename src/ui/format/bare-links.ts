// Bare http(s), mailto and xmpp links in a run of text. Linear in the text's length: the pattern never
// searches back, and trailing punctuation is trimmed by a loop, not by an anchored pattern (which tries
// again from every character of a long run of dots).
import type { Inline } from "./inline.js";
import { safeLink } from "./links.js";

const BARE_LINK = /\b(?:https?:\/\/|mailto:|xmpp:)[^\s<>"]+/gi;
// Sentence punctuation after a link is not part of it.
const TRAILING = new Set([".", ",", ";", ":", "!", "?", ")", "]", "'", "}"]);

function withoutTrailingPunctuation(raw: string): string {
  let end = raw.length;
  while (end > 0 && TRAILING.has(raw[end - 1]!)) end -= 1;
  return raw.slice(0, end);
}

/** Splits text around bare http(s), mailto and xmpp links. */
export function linkify(text: string): Inline[] {
  const nodes: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(BARE_LINK)) {
    const raw = withoutTrailingPunctuation(match[0]);
    const href = safeLink(raw);
    if (!href) continue;
    if (match.index > last) nodes.push({ type: "text", text: text.slice(last, match.index) });
    nodes.push({ type: "link", href, text: raw });
    last = match.index + raw.length;
  }
  if (last < text.length) nodes.push({ type: "text", text: text.slice(last) });
  return nodes;
}
