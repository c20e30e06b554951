// What both loaders do: place <xmppmini-chat> at once (a launcher in the corner, or inside a target), load
// the full widget when it is needed, and hand back the API whose calls wait for it. The script-tag loader
// (loader.ts) takes its options from data-* attributes; the npm loader (npm-loader.ts) from an object.
import type { XmppminiStrings } from "../ui/i18n/catalog.js";
import type { XmppminiChatElement } from "../ui/xmppmini-chat-element.js";
import { createApi, type XmppminiApi } from "./api.js";
import { relabel, standInLauncher } from "./stand-in-launcher.js";
import { launcherLabel } from "../ui/i18n/launcher-label.js";
import { registeredTagsFor } from "../ui/i18n/language.js";

const TAG = "xmppmini-chat";

export interface Placement {
  /** The element's attributes, by attribute name (`roster-url`, not `rosterUrl`). */
  attributes: Record<string, string>;
  /** Where to place the widget (embedded in it): a selector or an element. Without it, an overlay on `body`. */
  target?: string | Element | undefined;
  /** With an overlay: `idle` (default) loads when the browser is idle, `interaction` at the first interaction. */
  load?: string | undefined;
  /** Imports the widget's module (which defines the element). */
  importWidget(): Promise<WidgetModule>;
  /** Where the widget comes from, for the message when it cannot be loaded. */
  source: string;
}

/** What the loaders use of the widget's module (src/xmppmini-chat.ts) beyond the element it defines. */
export interface WidgetModule {
  registerLanguage(tag: string, strings: XmppminiStrings): void;
}

export function placeWidget(placement: Placement): XmppminiApi {
  const element = document.createElement(TAG);
  for (const [name, value] of Object.entries(placement.attributes)) element.setAttribute(name, value);
  const { target } = placement;
  if (!element.hasAttribute("mode")) element.setAttribute("mode", target ? "embedded" : "overlay");

  // Languages registered before the widget is loaded wait for it.
  let widget: WidgetModule | undefined;
  const languages: Array<[string, XmppminiStrings]> = [];
  let loading: Promise<XmppminiChatElement> | undefined;
  const load = (): Promise<XmppminiChatElement> => {
    loading ??= placement
      .importWidget()
      .then((module) => {
        widget = module;
        for (const [tag, strings] of languages.splice(0)) module.registerLanguage(tag, strings);
        return customElements.whenDefined(TAG);
      })
      .then(() => element as XmppminiChatElement)
      .catch((error: unknown) => {
        // Heard by on("error") listeners; the next interaction tries again.
        loading = undefined;
        const message = `The chat could not be loaded from ${placement.source}.`;
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
  // As the widget chooses: its own lang, else the page's, else the browser's (an empty lang is none).
  const lang = () => element.getAttribute("lang") || document.documentElement.lang || navigator.language;
  let launcher: HTMLElement | undefined;
  const api = createApi(element, load, (tag, strings) => {
    if (widget) return widget.registerLanguage(tag, strings);
    languages.push([tag, strings]);
    // The stand-in launcher speaks a language the site registers for the page too, matched as the widget does.
    if (launcher && strings.openChat && registeredTagsFor(lang()).includes(tag.toLowerCase()))
      relabel(launcher, strings.openChat(0));
  });

  const overlay = element.getAttribute("mode") === "overlay";
  if (overlay) {
    launcher = standInLauncher({
      label: launcherLabel(lang()),
      position: element.getAttribute("position"),
      activate: () => void api.open().catch(() => undefined),
      intent: () => void load().catch(() => undefined),
    });
    element.append(launcher);
  }

  const place = () => {
    const parent = typeof target === "string" ? document.querySelector(target) : (target ?? document.body);
    if (!parent) {
      console.error(`xmppmini: the target "${String(target)}" matches nothing on this page; the chat is not placed.`);
      return;
    }
    parent.append(element);
    // Embedded, the chat is part of the page the person is looking at: it loads at once. A launcher can
    // wait for the browser to be idle, or (load: "interaction") until the person asks.
    if (!overlay) {
      void load().catch(() => undefined);
      return;
    }
    if (placement.load === "interaction") return;
    const idle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200));
    idle(() => void load().catch(() => undefined), { timeout: 4000 });
  };
  if (document.body) place();
  else document.addEventListener("DOMContentLoaded", place, { once: true });
  return api;
}
