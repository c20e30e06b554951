// `xmppmini-chat/vue`: the tag's types for Vue templates. One line in the app makes Vue's tooling (vue-tsc,
// the editor) check the tag's properties and events:
//   import type {} from "xmppmini-chat/vue";
// (Vue itself still needs `compilerOptions.isCustomElement` for the tag; see docs/embedding.md.)
import type { DefineComponent } from "vue";
import type { XmppminiChatElement } from "./ui/xmppmini-chat-element.js";
import type {
  XmppminiDeliveryDetail,
  XmppminiErrorDetail,
  XmppminiMessageDetail,
  XmppminiStatusDetail,
} from "./ui/events.js";

/** What a Vue template may bind on `<xmppmini-chat>`: its properties, and its events as `@xmppmini-…`. */
export type XmppminiVueProps = Partial<
  Pick<
    XmppminiChatElement,
    | "jid"
    | "password"
    | "service"
    | "resolver"
    | "peer"
    | "retention"
    | "mode"
    | "open"
    | "position"
    | "theme"
    | "notify"
    | "loadImages"
    | "rosterUrl"
    | "uploadUrl"
    | "chatParam"
    | "credentialsUrl"
    | "login"
    | "domain"
    | "rooms"
    | "nick"
    | "interceptLinks"
  >
> & {
  lang?: string;
  onXmppminiStatus?: (event: CustomEvent<XmppminiStatusDetail>) => void;
  onXmppminiMessage?: (event: CustomEvent<XmppminiMessageDetail>) => void;
  onXmppminiError?: (event: CustomEvent<XmppminiErrorDetail>) => void;
  onXmppminiDelivery?: (event: CustomEvent<XmppminiDeliveryDetail>) => void;
};

declare module "vue" {
  interface GlobalComponents {
    "xmppmini-chat": DefineComponent<XmppminiVueProps>;
  }
}
