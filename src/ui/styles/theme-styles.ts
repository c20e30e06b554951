import { css } from "lit";

// The palette, as custom properties a host page may override on the element. Light by default; dark
// where the person's system prefers it, unless `theme="light"`; always dark with `theme="dark"`.
const light = css`
  --xmppmini-accent: #2563eb;
  --xmppmini-accent-text: #fff;
  --xmppmini-bg: #fff;
  --xmppmini-fg: #111827;
  --xmppmini-muted: #6b7280;
  --xmppmini-bubble-in: #f3f4f6;
  --xmppmini-border: #e5e7eb;
  --xmppmini-border-strong: #d1d5db;
  --xmppmini-error-bg: #fef2f2;
  --xmppmini-error-fg: #991b1b;
  color-scheme: light;
`;

const dark = css`
  /* White on it reads at 5.2:1 (WCAG AA), and it stands out from the dark background at 3.4:1. */
  --xmppmini-accent: #2563eb;
  --xmppmini-accent-text: #fff;
  --xmppmini-bg: #111827;
  --xmppmini-fg: #f3f4f6;
  --xmppmini-muted: #9ca3af;
  --xmppmini-bubble-in: #1f2937;
  --xmppmini-border: #374151;
  --xmppmini-border-strong: #4b5563;
  --xmppmini-error-bg: #450a0a;
  --xmppmini-error-fg: #fecaca;
  color-scheme: dark;
`;

export const themeStyles = css`
  :host {
    ${light}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme="light"])) {
      ${dark}
    }
  }
  :host([theme="dark"]) {
    ${dark}
  }
`;
