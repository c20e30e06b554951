// Deliberate mistakes: the packed types must refuse each (the test reads tsc's complaints).
import type {} from "xmppmini-chat";
import type { XmppminiVueProps } from "xmppmini-chat/vue";

window.xmppmini?.on("message", (detail) => detail.nosuch);
document.createElement("xmppmini-chat").retention = "forever";
window.xmppmini?.on("nosuchevent", () => undefined);
export const vueProps: XmppminiVueProps = { mode: "sideways" };
