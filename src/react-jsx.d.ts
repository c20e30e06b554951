// `<xmppmini-chat>` itself in React 19's JSX, for apps that write the tag rather than <XmppminiChat>
// (React 19 sets known properties as properties). Shipped beside dist/react.d.ts and referenced from it.
import type { WebComponentProps } from "@lit/react";
import type { XmppminiChatElement } from "./ui/xmppmini-chat-element.js";

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "xmppmini-chat": WebComponentProps<XmppminiChatElement>;
    }
  }
}
