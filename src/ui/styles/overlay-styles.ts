import { css } from "lit";

// mode="overlay": the element itself sits in a corner of the viewport and holds the launcher and, above
// it, the panel, so everything it draws stays inside its own box.
export const overlayStyles = css`
  :host([mode="overlay"]) {
    position: fixed;
    z-index: var(--xmppmini-z-index, 2147483000);
    /* The launcher's shadow and badge reach past the box: no paint containment here. */
    contain: none;
    /* The box is as wide as the panel: where it is empty, clicks go to the page beneath. */
    pointer-events: none;
    bottom: var(--xmppmini-offset-y, 16px);
    right: var(--xmppmini-offset-x, 16px);
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 12px;
  }
  :host([mode="overlay"][position="bottom-left"]) {
    right: auto;
    left: var(--xmppmini-offset-x, 16px);
    align-items: flex-start;
  }
  :host([mode="overlay"]) .chat,
  .launcher {
    pointer-events: auto;
  }
  :host([mode="overlay"]) .chat {
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
    :host([mode="overlay"][open]) {
      inset: 0;
      gap: 0;
    }
    :host([mode="overlay"][open]) .chat {
      width: 100%;
      height: 100%;
      border: none;
      border-radius: 0;
    }
    :host([mode="overlay"][open]) .launcher { display: none; }
  }
`;
