// dist/xmppmini-loader.js: the one tag a site adds, as a classic or a module script:
//   <script src="/xmppmini/xmppmini-loader.js" data-credentials-url="/api/chat-account" async></script>
// It places <xmppmini-chat> at once (a launcher in the corner, or in `data-target`), loads the full widget
// (xmppmini-chat.js beside it, or `data-src`) at once where embedded, for a launcher when the browser is
// idle or at the first interaction, and
// offers window.xmppmini, whose calls wait for the widget. Every other data-* attribute becomes the
// element's attribute of the same name (data-peer → peer, data-roster-url → roster-url).
import type { XmppminiChatElement } from "../ui/xmppmini-chat-element.js";
import { createApi, type XmppminiApi } from "./api.js";
import { standInLauncher } from "./stand-in-launcher.js";
import { wantsSimplifiedChinese } from "../ui/i18n/language.js";

declare global {
  interface Window {
    xmppmini?: XmppminiApi;
  }
}

/** The loader's own options; every other data-* attribute is the element's. */
const OWN = new Set(["target", "load", "src"]);
const TAG = "xmppmini-chat";

function install(script: HTMLScriptElement | null): void {
  // A second loader on the page keeps the first one's widget.
  if (window.xmppmini) return;
  const options = script?.dataset ?? {};
  const element = document.createElement(TAG);
  for (const [key, value] of Object.entries(options)) {
    if (OWN.has(key) || value === undefined) continue;
    element.setAttribute(
      key.replace(/[A-Z]/gu, (letter) => `-${letter.toLowerCase()}`),
      value,
    );
  }
  const targetSelector = options.target;
  if (!element.hasAttribute("mode")) element.setAttribute("mode", targetSelector ? "embedded" : "overlay");
  const bundle = new URL(options.src ?? "xmppmini-chat.js", script?.src || document.baseURI).href;

  let loading: Promise<XmppminiChatElement> | undefined;
  const load = (): Promise<XmppminiChatElement> => {
    loading ??= import(/* @vite-ignore */ bundle)
      .then(() => customElements.whenDefined(TAG))
      .then(() => element as XmppminiChatElement)
      .catch((error: unknown) => {
        // Heard by on("error") listeners; the next interaction tries again.
        loading = undefined;
        const message = `The chat could not be loaded from ${bundle}.`;
        element.dispatchEvent(
          new CustomEvent("xmppmini-error", {
            detail: { code: "connection-failed", message },
            bubbles: true,
            composed: true,
          }),
        );
        throw error;
      });
    return loading;
  };
  const api = createApi(element, load);
  window.xmppmini = api;

  const overlay = element.getAttribute("mode") === "overlay";
  if (overlay) {
    // As the widget chooses: its own lang, else the page's, else the browser's (an empty lang is none).
    const lang = element.getAttribute("lang") || document.documentElement.lang || navigator.language;
    element.append(
      standInLauncher({
        label: wantsSimplifiedChinese(lang) ? "打开聊天" : "Open chat",
        position: element.getAttribute("position"),
        activate: () => void api.open().catch(() => undefined),
        intent: () => void load().catch(() => undefined),
      }),
    );
  }

  const place = () => {
    const target = targetSelector ? document.querySelector(targetSelector) : document.body;
    if (!target) {
      console.error(`xmppmini: data-target "${targetSelector}" matches nothing on this page; the chat is not placed.`);
      return;
    }
    target.append(element);
    // Embedded, the chat is part of the page the person is looking at: it loads at once. A launcher can
    // wait for the browser to be idle, or (data-load="interaction") until the person asks.
    if (!overlay) {
      void load().catch(() => undefined);
      return;
    }
    if (options.load === "interaction") return;
    const idle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200));
    idle(() => void load().catch(() => undefined), { timeout: 4000 });
  };
  if (document.body) place();
  else document.addEventListener("DOMContentLoaded", place, { once: true });
}

// A module script has no currentScript: find the tag by its file name.
install(
  (document.currentScript as HTMLScriptElement | null) ??
    document.querySelector<HTMLScriptElement>('script[src*="xmppmini-loader"]'),
);
