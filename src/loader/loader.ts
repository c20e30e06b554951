// The script-tag loader (cdn/xmppmini-loader.js), the one tag a site adds, as a classic or a module script:
//   <script src="/xmppmini/xmppmini-loader.js" data-credentials-url="/api/chat-account" async></script>
// It places <xmppmini-chat> at once (a launcher in the corner, or in `data-target`), loads the full widget
// (xmppmini-chat.js beside it, or `data-src`) at once where embedded, for a launcher when the browser is
// idle or at the first interaction, and offers window.xmppmini, whose calls wait for the widget. Every
// other data-* attribute becomes the element's attribute of the same name (data-peer → peer,
// data-roster-url → roster-url).
import { placeWidget, type WidgetModule } from "./place-widget.js";

/** The loader's own options; every other data-* attribute is the element's. */
const OWN = new Set(["target", "load", "src"]);

function install(script: HTMLScriptElement | null): void {
  // A second loader on the page keeps the first one's widget.
  if (window.xmppmini) return;
  const options = script?.dataset ?? {};
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(options)) {
    if (OWN.has(key) || value === undefined) continue;
    attributes[key.replace(/[A-Z]/gu, (letter) => `-${letter.toLowerCase()}`)] = value;
  }
  const bundle = new URL(options.src ?? "xmppmini-chat.js", script?.src || document.baseURI).href;
  window.xmppmini = placeWidget({
    attributes,
    target: options.target,
    load: options.load,
    importWidget: () => import(/* @vite-ignore */ bundle) as Promise<WidgetModule>,
    source: bundle,
  });
}

// A module script has no currentScript: find the tag by its file name.
install(
  (document.currentScript as HTMLScriptElement | null) ??
    document.querySelector<HTMLScriptElement>('script[src*="xmppmini-loader"]'),
);
