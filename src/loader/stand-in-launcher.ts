import { CHAT_ICON_PATH } from "../ui/templates/chat-icon.js";

const STYLES = `
  :host {
    position: fixed; z-index: var(--xmppmini-z-index, 2147483000);
    bottom: var(--xmppmini-offset-y, 16px); right: var(--xmppmini-offset-x, 16px);
  }
  :host([data-position="bottom-left"]) { right: auto; left: var(--xmppmini-offset-x, 16px); }
  button {
    display: grid; place-items: center; width: var(--xmppmini-launcher-size, 56px); height: var(--xmppmini-launcher-size, 56px); padding: 0; border: none; border-radius: 50%;
    background: var(--xmppmini-accent, #2563eb); color: var(--xmppmini-accent-text, #fff);
    box-shadow: 0 6px 16px rgb(0 0 0 / 0.2); cursor: pointer;
  }
  button:focus-visible { outline: 2px solid var(--xmppmini-accent, #2563eb); outline-offset: 2px; }
  button[aria-busy="true"] { opacity: 0.8; cursor: progress; }
`;

/**
 * The launcher the loader draws at once, before the widget is loaded: the same round button in the same
 * corner. It lives as a light-DOM child of `<xmppmini-chat>`, so it disappears by itself when the widget
 * upgrades and renders its own shadow root (which has no slot for it). Its styles are a constructed
 * stylesheet in its own shadow root: nothing reaches the page, and a strict CSP allows them.
 */
export function standInLauncher(options: {
  label: string;
  position: string | null;
  activate(): void;
  intent(): void;
}): HTMLElement {
  const holder = document.createElement("span");
  if (options.position) holder.dataset.position = options.position;
  const root = holder.attachShadow({ mode: "open" });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLES);
  root.adoptedStyleSheets = [sheet];
  const button = document.createElement("button");
  button.type = "button";
  button.setAttribute("aria-label", options.label);
  const svgNs = "http://www.w3.org/2000/svg";
  const icon = document.createElementNS(svgNs, "svg");
  icon.setAttribute("viewBox", "0 0 24 24");
  icon.setAttribute("width", "26");
  icon.setAttribute("height", "26");
  icon.setAttribute("aria-hidden", "true");
  const path = document.createElementNS(svgNs, "path");
  path.setAttribute("fill", "currentColor");
  path.setAttribute("d", CHAT_ICON_PATH);
  icon.append(path);
  button.append(icon);
  button.addEventListener("click", () => {
    button.setAttribute("aria-busy", "true");
    options.activate();
  });
  // A pointer on its way or focus arriving: start fetching before the click.
  button.addEventListener("pointerenter", options.intent, { once: true });
  button.addEventListener("focus", options.intent, { once: true });
  root.append(button);
  return holder;
}

/** Gives the stand-in launcher `holder` another label (a language the site registered before loading). */
export function relabel(holder: HTMLElement, label: string): void {
  holder.shadowRoot?.querySelector("button")?.setAttribute("aria-label", label);
}
