// What a TypeScript app writes against the packed types; `tsc` must accept all of it.
import { XmppminiChatElement, type XmppminiMessageDetail, type XmppminiStatus } from "xmppmini-chat";
import { loadXmppminiChat } from "xmppmini-chat/loader";
import { XmppminiChat } from "xmppmini-chat/react";
import type { XmppminiVueProps } from "xmppmini-chat/vue";
import type { GlobalComponents } from "vue";

const element = document.createElement("xmppmini-chat");
const sameClass: XmppminiChatElement = element;
sameClass.jid = "alice@example.org";
sameClass.mode = "overlay";
const status: XmppminiStatus = element.status;
element.addEventListener("xmppmini-message", (event) => event.detail.body.toUpperCase());
element.addEventListener("xmppmini-delivery", (event) => event.detail.state === "read");
void element.send("bob@example.org", "hello").then((sent: XmppminiMessageDetail) => sent.id);

window.xmppmini?.on("message", (detail) => detail.from.toLowerCase());
window.xmppmini?.on("status", (detail) => detail.status === "online");

const chat = loadXmppminiChat({ attributes: { mode: "overlay", "roster-url": "/roster", open: true } });
chat.on("error", (detail) => detail.code === "auth-failed");

export const WithComponent = () => (
  <XmppminiChat jid="alice@example.org" mode="embedded" onXmppminiMessage={(event) => event.detail.body.length} />
);
export const WithTag = () => <xmppmini-chat jid="alice@example.org" />;
// Vue: the tag is a global component for the template checker, with the element's properties and events.
const vueProps: XmppminiVueProps = {
  jid: "alice@example.org",
  mode: "overlay",
  onXmppminiMessage: (event) => event.detail.body,
};
type VueTag = GlobalComponents["xmppmini-chat"];
export type { VueTag };
export { status, vueProps };
