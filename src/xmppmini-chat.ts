// The package's main entry (and the CDN bundle's): importing it registers <xmppmini-chat>. In Node (a
// page rendered on a server) it registers nothing: there is no registry there to use.
import { defineXmppminiChat } from "./define.js";

defineXmppminiChat();

export { XmppminiChatElement } from "./ui/xmppmini-chat-element.js";
export { XmppminiError, type XmppminiErrorCode } from "./errors.js";
export type {
  XmppminiDeliveryDetail,
  XmppminiErrorDetail,
  XmppminiMessageDetail,
  XmppminiStatusDetail,
} from "./ui/events.js";
export type { XmppminiAttributes } from "./ui/attributes.js";
export { registerLanguage, type XmppminiStrings } from "./ui/i18n/catalog.js";
// The script-tag loader's `window.xmppmini`, typed for pages that use the CDN tag with the npm types.
export type {
  XmppminiApi,
  XmppminiEventDetails,
  XmppminiEventName,
  XmppminiListener,
  XmppminiUser,
} from "./loader/api.js";
export type { SessionStatus as XmppminiStatus } from "./session/session-types.js";
export { defineXmppminiChat, TAG_NAME } from "./define.js";
