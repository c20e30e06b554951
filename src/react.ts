// `xmppmini-chat/react`: <xmppmini-chat> as a React component. Properties are set as properties (so a
// password never becomes an attribute), and the widget's events are props:
//   <XmppminiChat jid="…" password={password} onXmppminiMessage={(event) => log(event.detail.body)} />
import * as React from "react";
import { createComponent, type EventName } from "@lit/react";
import { defineXmppminiChat } from "./define.js";
import type {
  XmppminiDeliveryDetail,
  XmppminiErrorDetail,
  XmppminiMessageDetail,
  XmppminiStatusDetail,
} from "./ui/events.js";
import { XmppminiChatElement } from "./ui/xmppmini-chat-element.js";

defineXmppminiChat();

export const XmppminiChat = createComponent({
  react: React,
  tagName: "xmppmini-chat",
  elementClass: XmppminiChatElement,
  displayName: "XmppminiChat",
  events: {
    onXmppminiStatus: "xmppmini-status" as EventName<CustomEvent<XmppminiStatusDetail>>,
    onXmppminiMessage: "xmppmini-message" as EventName<CustomEvent<XmppminiMessageDetail>>,
    onXmppminiError: "xmppmini-error" as EventName<CustomEvent<XmppminiErrorDetail>>,
    onXmppminiDelivery: "xmppmini-delivery" as EventName<CustomEvent<XmppminiDeliveryDetail>>,
  },
});

export type XmppminiChatProps = React.ComponentProps<typeof XmppminiChat>;
export { XmppminiChatElement };
export type { XmppminiDeliveryDetail, XmppminiErrorDetail, XmppminiMessageDetail, XmppminiStatusDetail };
