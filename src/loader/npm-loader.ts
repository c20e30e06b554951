// `xmppmini-chat/loader`, the npm counterpart of the script-tag loader: a typed function that places the
// widget at once and lets the app's bundler split the widget into a chunk of its own, fetched when needed.
//   import { loadXmppminiChat } from "xmppmini-chat/loader";
//   const chat = loadXmppminiChat({ attributes: { "credentials-url": "/api/chat-account" } });
//   chat.on("message", (detail) => console.log(detail.from, detail.body));
import type { XmppminiApi } from "./api.js";
import { placeWidget } from "./place-widget.js";
import type { XmppminiAttributes } from "../ui/attributes.js";

export type { XmppminiApi, XmppminiEventDetails, XmppminiEventName, XmppminiListener, XmppminiUser } from "./api.js";
export type { XmppminiAttributes } from "../ui/attributes.js";
export type { XmppminiStrings } from "../ui/i18n/catalog.js";

export interface LoadXmppminiChatOptions {
  /** The element's attributes, by attribute name. */
  attributes?: XmppminiAttributes;
  /** Embeds the chat in this element (or the first match of this selector); without it, an overlay launcher. */
  target?: string | Element;
  /** Overlay only: `idle` (default) loads the widget when the browser is idle, `interaction` at the first interaction. */
  load?: "idle" | "interaction";
}

/**
 * Places `<xmppmini-chat>` and returns its API. Call it in the browser (in an effect or `onMounted` when
 * the page is rendered on a server): there is no page to place the widget on anywhere else.
 */
export function loadXmppminiChat(options: LoadXmppminiChatOptions = {}): XmppminiApi {
  if (typeof document === "undefined")
    throw new TypeError("xmppmini: loadXmppminiChat places the widget on a page; call it in the browser.");
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.attributes ?? {})) {
    // A boolean attribute is there or not.
    if (value === undefined || value === null || value === false) continue;
    attributes[name] = value === true ? "" : String(value);
  }
  return placeWidget({
    attributes,
    target: options.target,
    load: options.load,
    importWidget: () => import("../xmppmini-chat.js"),
    source: "the app's bundle (xmppmini-chat)",
  });
}
