import { css } from "lit";

// mode="overlay": the launcher and, above it, the panel are placed by .overlay, fixed to the viewport, so
// the page's styles on the element's own box (display, size, margins, position) cannot move them. The
// element is out of the flow, its box empty and clicked through; `z-index: inherit` keeps the stacking
// order where a page makes the element static again. (A transform, filter or containment on the element
// or an ancestor makes that box the viewport of fixed elements: docs/theming.md.)
export const overlayStyles = css`
  :host([mode="overlay"]) {
    position: fixed;
    z-index: var(--xmppmini-z-index, 2147483000);
    /* The launcher's shadow and badge reach past the box: no paint containment here. */
    contain: none;
    pointer-events: none;
  }
  .overlay {
    position: fixed;
    z-index: inherit;
    bottom: var(--xmppmini-offset-y, 16px);
    right: var(--xmppmini-offset-x, 16px);
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 12px;
  }
  :host([position="bottom-left"]) .overlay {
    right: auto;
    left: var(--xmppmini-offset-x, 16px);
    align-items: flex-start;
  }
  .overlay .chat,
  .launcher {
    pointer-events: auto;
  }
  .overlay .chat {
    width: min(var(--xmppmini-panel-width, 380px), 100vw - 32px);
    /* dvh: on phones the browser's bars come and go; the panel follows the viewport that is visible. */
    height: min(var(--xmppmini-panel-height, 560px), 100dvh - 104px);
    box-shadow: 0 12px 32px rgb(0 0 0 / 0.18);
  }
  .launcher {
    position: relative;
    display: grid;
    place-items: center;
    width: var(--xmppmini-launcher-size, 56px);
    height: var(--xmppmini-launcher-size, 56px);
    padding: 0;
    border: none;
    border-radius: 50%;
    background: var(--xmppmini-accent);
    color: var(--xmppmini-accent-text);
    box-shadow: 0 6px 16px rgb(0 0 0 / 0.2);
  }
  .launcher .badge {
    position: absolute;
    top: -4px;
    inset-inline-end: -4px;
    margin: 0;
    min-width: 12px;
    background: var(--xmppmini-badge-bg, #dc2626);
    color: var(--xmppmini-badge-fg, #fff);
    text-align: center;
  }
  .close { padding: 0 8px; border: none; font-size: 20px; line-height: 1; }
  /* Phones: the open panel takes the whole screen, with its own close button. */
  @media (max-width: 480px) {
    :host([open]) .overlay {
      inset: 0;
      gap: 0;
    }
    :host([open]) .overlay .chat {
      width: 100%;
      height: 100%;
      border: none;
      border-radius: 0;
    }
    :host([open]) .launcher { display: none; }
  }
`;
