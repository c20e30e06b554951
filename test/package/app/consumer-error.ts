// Deliberate mistakes: the packed types must refuse each (the test reads tsc's complaints).
import type {} from "xmppmini-chat";

window.xmppmini?.on("message", (detail) => detail.nosuch);
document.createElement("xmppmini-chat").retention = "forever";
window.xmppmini?.on("nosuchevent", () => undefined);
