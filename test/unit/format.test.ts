import { expect } from "@open-wc/testing";
import { fastest } from "./fastest.js";
import { render } from "lit";
import fc from "fast-check";
import { DISPLAY_LIMIT, renderBody } from "../../src/ui/format/render.js";
import { parseBlocks } from "../../src/ui/format/blocks.js";
import { STYLE_BUDGET } from "../../src/ui/format/style-budget.js";
import { safeLink } from "../../src/ui/format/links.js";

/** Renders a body into a fresh element, as the message list does. */
function shown(body: string): HTMLElement {
  const container = document.createElement("div");
  render(
    renderBody(body, (hidden) => `Show all (${hidden})`),
    container,
  );
  return container;
}

/** The rendered structure in a compact form: tag names with their text, markers left out. */
function outline(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? "";
  if (!(node instanceof HTMLElement)) return "";
  if (node.classList.contains("marker")) return "";
  const inner = [...node.childNodes].map(outline).join("");
  const tag = node.tagName.toLowerCase();
  if (tag === "div") return inner;
  if (tag === "a") return `<a ${node.getAttribute("href")}>${inner}</a>`;
  return `<${tag}>${inner}</${tag}>`;
}

describe("message formatting", () => {
  const cases: Array<[string, string, string]> = [
    ["plain text stays as it is", "hello world", "hello world"],
    [
      "XEP-0393 strong, emphasis, strike and pre spans",
      "*a* _b_ ~c~ `d`",
      "<strong>a</strong> <em>b</em> <s>c</s> <code>d</code>",
    ],
    ["Markdown strong", "**bold** text", "<strong>bold</strong> text"],
    ["spans nest", "*bold _and italic_*", "<strong>bold <em>and italic</em></strong>"],
    ["a directive followed by a space opens nothing", "a * not bold*", "a * not bold*"],
    ["a closing directive after a space closes nothing", "*not bold *", "*not bold *"],
    ["markers inside words are text", "snake_case_name and 2*3*4", "snake_case_name and 2*3*4"],
    ["spans do not cross lines", "*one\ntwo*", "*one\ntwo*"],
    ["pre spans are not parsed further", "`*x*`", "<code>*x*</code>"],
    ["empty spans are text", "** and __", "** and __"],
    [
      "a pre block keeps its lines",
      "```\nline *1*\nline 2\n```\nafter",
      "<pre><code>line *1*\nline 2</code></pre>after",
    ],
    ["quotes, nested", "> a\n>> b\nc", "<blockquote>a<blockquote>b</blockquote></blockquote>c"],
    ["a Markdown list", "- one\n- *two*", "<ul><li>one</li><li><strong>two</strong></li></ul>"],
    ["a Markdown link", "see [the docs](https://example.org/docs)", "see <a https://example.org/docs>the docs</a>"],
    [
      "a Markdown link whose text is its own address",
      "[https://example.org/](https://example.org/)",
      "<a https://example.org/>https://example.org/</a>",
    ],
    [
      "a Markdown link whose text claims another address shows its real target",
      "[https://bank.example](https://evil.example/login)",
      "[https://bank.example](<a https://evil.example/login>https://evil.example/login</a>)",
    ],
    [
      "a Markdown link whose text names another site shows its real target",
      "[www.bank.example](https://evil.example)",
      "[www.bank.example](<a https://evil.example/>https://evil.example</a>)",
    ],
    [
      "bare links, without trailing punctuation",
      "go to https://example.org/a?b=1.",
      "go to <a https://example.org/a?b=1>https://example.org/a?b=1</a>.",
    ],
    [
      "mailto and xmpp links",
      "mailto:bob@example.org or xmpp:bob@example.org?message",
      "<a mailto:bob@example.org>mailto:bob@example.org</a> or <a xmpp:bob@example.org?message>xmpp:bob@example.org?message</a>",
    ],
    ["Chinese text with styling", "**粗体** _斜体_ `代码`", "<strong>粗体</strong> <em>斜体</em> <code>代码</code>"],
  ];
  for (const [name, body, expected] of cases) {
    it(name, () => {
      expect(outline(shown(body))).to.equal(expected);
    });
  }

  it("keeps the styling directives visible, so the text reads the same when copied", () => {
    expect(shown("*a* _b_ ~c~ `d`").textContent).to.equal("*a* _b_ ~c~ `d`");
  });

  it("opens web links in a new tab without handing over the page, and xmpp: links in place", () => {
    const web = shown("https://example.org").querySelector("a")!;
    expect(web.target).to.equal("_blank");
    expect(web.rel).to.contain("noopener");
    expect(shown("xmpp:bob@example.org").querySelector("a")!.hasAttribute("target")).to.equal(false);
  });
});

describe("hostile bodies", () => {
  const deepQuote = `${">".repeat(10_000)} deep`;
  const hostile: Array<[string, string]> = [
    ["a script tag", "<script>window.pwned = 1</script>"],
    ["an image with an event handler", '<img src=x onerror="window.pwned=1">'],
    ["an event-handler attribute in a link's text", '[<b onmouseover="window.pwned=1">x</b>](https://example.org)'],
    ["a javascript: Markdown link", "[click](javascript:window.pwned=1)"],
    ["a JavaScript: link in other case", "[click](JavaScript:window.pwned=1) JAVASCRIPT:alert(1)"],
    [
      "a data: link",
      "[img](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) data:text/html,<script>1</script>",
    ],
    ["a vbscript: and a file: link", "[a](vbscript:msgbox) [b](file:///etc/passwd)"],
    ["a link whose URL breaks out of the attribute", '[x](https://example.org/"onmouseover="window.pwned=1)'],
    ["broken Markdown", "**unclosed [link](https://example.org ``` *_~`"],
    ["an unclosed pre block", "```\n<script>1</script>"],
    ["100 KB of text", "a".repeat(100_000)],
    ["100 KB of unmatched markers", "*a _b ~c `d ".repeat(8_000)],
    ["100 KB of nested markers", "*_~".repeat(33_000) + "x"],
    ["deeply nested quotes", deepQuote],
    ["many lines", "line\n".repeat(20_000)],
    ["a right-to-left override", "\u202Etxt.exe"],
  ];
  for (const [name, body] of hostile) {
    it(`${name}: nothing executes, nothing throws, no element but our own`, () => {
      const element = shown(body);
      const allowed = new Set([
        "A",
        "STRONG",
        "EM",
        "S",
        "CODE",
        "PRE",
        "BLOCKQUOTE",
        "UL",
        "LI",
        "SPAN",
        "DETAILS",
        "SUMMARY",
      ]);
      for (const child of element.querySelectorAll("*")) {
        expect(allowed.has(child.tagName), child.tagName).to.equal(true);
        for (const attribute of child.attributes)
          expect(attribute.name.startsWith("on"), attribute.name).to.equal(false);
      }
      for (const link of element.querySelectorAll("a"))
        expect(/^(https?|mailto|xmpp):/.test(link.getAttribute("href")!)).to.equal(true);
      expect((window as unknown as { pwned?: number }).pwned).to.equal(undefined);
      // The text itself is all there (quote and list markers aside).
      const text = element.textContent ?? "";
      expect(text.length).to.be.greaterThan(0);
    });
  }

  it("styles the first part of a long body and keeps the rest, as plain text, behind a control", () => {
    const body = "*word* ".repeat(20_000);
    const element = shown(body);
    const more = element.querySelector("details")!;
    expect(more.querySelector("summary")!.textContent).to.equal(`Show all (${body.length - DISPLAY_LIMIT})`);
    expect(more.open).to.equal(false);
    const rest = more.lastChild!.textContent!;
    expect(rest).to.equal(body.slice(DISPLAY_LIMIT));
    expect(more.querySelectorAll("strong").length).to.equal(0);
    // The styled part and the rest together are the whole body.
    more.remove();
    expect(element.textContent! + rest).to.equal(body);
  });

  it("styles at most a budget of pieces per body, and shows the rest as the text it is", () => {
    // 1,200 pieces, within the display limit.
    const body = "*a* _b_ ~c~ `d` ".repeat(300);
    expect(body.length).to.be.below(DISPLAY_LIMIT);
    const element = shown(body);
    const styled = element.querySelectorAll("strong, em, s, code, a, blockquote, ul, pre").length;
    expect(styled).to.equal(STYLE_BUDGET);
    expect(element.textContent).to.equal(body);
  });

  it("draws many plain lines as one text, line breaks kept", () => {
    const body = "line\n".repeat(900) + "*end*";
    expect(body.length).to.be.below(DISPLAY_LIMIT);
    const element = shown(body);
    expect(element.textContent).to.equal(body);
    expect(element.querySelectorAll("strong").length).to.equal(1);
    // One text for the 900 plain lines, not a template each.
    expect(
      [...element.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE && node.textContent !== "").length,
    ).to.be.below(5);
  });

  it("never cuts a long body between the halves of a character", () => {
    const body = "a".repeat(DISPLAY_LIMIT - 1) + "🎉".repeat(10);
    const more = shown(body).querySelector("details")!;
    expect(more.lastChild!.textContent).to.equal("🎉".repeat(10));
  });

  it("shows a body at the limit whole, without the control", () => {
    expect(shown("a".repeat(DISPLAY_LIMIT)).querySelector("details")).to.equal(null);
  });

  it("shows the quotes beyond the nesting limit as text", () => {
    const element = shown(">>>>>>>>>>>> deep");
    expect(element.querySelectorAll("blockquote").length).to.equal(8);
    expect(element.textContent).to.contain(">>>> deep");
  });
});

// The formatter's own special characters, and the prefixes that start links and blocks: repeated, they make
// the inputs that a pattern searching ahead from each of them turns quadratic.
const SPECIAL = [
  "*",
  "**",
  "_",
  "~",
  "`",
  "```",
  "[",
  "]",
  "(",
  ")",
  "](",
  ">",
  "- ",
  "@",
  " ",
  "\n",
  "\t",
  ".",
  ":",
  "/",
  "a",
  "http://a.b",
  "xmpp:",
  "mailto:",
  "[a](",
  "](http://a.b)",
];

/** A motif of special characters repeated up to `length`, between a prefix and a suffix of them. */
const adversarialBody = fc
  .record({
    prefix: fc.array(fc.constantFrom(...SPECIAL), { maxLength: 4 }),
    motif: fc.array(fc.constantFrom(...SPECIAL), { minLength: 1, maxLength: 5 }),
    suffix: fc.array(fc.constantFrom(...SPECIAL), { maxLength: 4 }),
    length: fc.integer({ min: 1_000, max: 100_000 }),
  })
  .map(({ prefix, motif, suffix, length }) => {
    const unit = motif.join("");
    return prefix.join("") + unit.repeat(Math.ceil(length / unit.length)).slice(0, length) + suffix.join("");
  });

describe("formatting time is linear in the body's length", () => {
  // A generous bound, far above what a linear parser needs on a slow machine and far below what a
  // quadratic one takes on 100 KB (minutes for a run of "[" before; see `npm run bench` for the figures).
  const BOUND_MS = 1_000;

  it("parses adversarial bodies up to 100 KB each within the bound", () => {
    fc.assert(
      fc.property(adversarialBody, (body) => {
        const took = fastest(() => parseBlocks(body), BOUND_MS);
        if (took > BOUND_MS)
          throw new Error(
            `${took.toFixed(0)} ms for ${JSON.stringify(body.slice(0, 40))}… (${body.length} characters)`,
          );
      }),
      { numRuns: 40 },
    );
  });

  it("renders adversarial bodies up to 100 KB each within the bound", () => {
    fc.assert(
      fc.property(adversarialBody, (body) => {
        const took = fastest(() => shown(body), BOUND_MS);
        if (took > BOUND_MS)
          throw new Error(
            `${took.toFixed(0)} ms for ${JSON.stringify(body.slice(0, 40))}… (${body.length} characters)`,
          );
      }),
      { numRuns: 20 },
    );
  });

  for (const [name, body] of [
    ["a run of [", "[".repeat(100_000)],
    ["a link followed by dots and a letter", `http://a.b${".".repeat(100_000)}x`],
    ["a run of [a](", "[a](".repeat(25_000)],
    ["unclosed links to one target", `${"[".repeat(500)}](${"x".repeat(1999)})`.repeat(40)],
  ] as const) {
    it(`parses ${name} (100 KB) within the bound`, () => {
      expect(fastest(() => parseBlocks(body), BOUND_MS)).to.be.below(BOUND_MS);
    });
  }
});

describe("safeLink", () => {
  it("accepts http, https, mailto and xmpp URLs only", () => {
    expect(safeLink("https://example.org/x")).to.equal("https://example.org/x");
    expect(safeLink("xmpp:bob@example.org?message")).to.equal("xmpp:bob@example.org?message");
    for (const bad of [
      "javascript:alert(1)",
      " javascript:alert(1)",
      "data:text/html,x",
      "ftp://example.org",
      "/relative",
      "http://",
      "example.org",
    ]) {
      expect(safeLink(bad), bad).to.equal(undefined);
    }
  });
});
