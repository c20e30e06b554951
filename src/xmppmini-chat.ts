// The bundle's entry: importing it registers <xmppmini-chat>.
import { defineXmppminiChat } from "./define.js";

defineXmppminiChat();

export { XmppminiChatElement } from "./ui/xmppmini-chat-element.js";
export { XmppminiError, type XmppminiErrorCode } from "./errors.js";
export type { XmppminiErrorDetail, XmppminiMessageDetail, XmppminiStatusDetail } from "./ui/events.js";
export { defineXmppminiChat, TAG_NAME } from "./define.js";
