import type { CSSResult } from "lit";

/**
 * Adds the styles of a part loaded later (a chunk) to `host`'s shadow root, after those already there:
 * the element's own and other chunks'. Setting the sheets anew would drop what another chunk added.
 */
export function addStyles(host: HTMLElement, styles: CSSResult): void {
  const root = host.shadowRoot;
  const sheet = styles.styleSheet;
  if (root && sheet && !root.adoptedStyleSheets.includes(sheet))
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
