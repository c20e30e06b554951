import { expect } from "@open-wc/testing";
import "../../src/xmppmini-chat.js";
import type { XmppminiChatElement } from "../../src/ui/xmppmini-chat-element.js";

// A file of its own: the Chinese catalog is a chunk, and once another test has loaded it nothing waits for it.
describe("the first render's language", () => {
  it("signing in on a page in Chinese, the widget's first render is already in Chinese", async () => {
    const element = document.createElement("xmppmini-chat") as XmppminiChatElement;
    element.setAttribute("lang", "zh-CN");
    Object.assign(element, {
      jid: "alice@example.org",
      password: "secret",
      service: "ws://127.0.0.1:9/xmpp",
      peer: "bob@example.org",
    });
    document.body.append(element);
    const root = element.shadowRoot!;
    // Read at the first change to the shadow root: the render the person would see first.
    const firstSend = await new Promise<string>((resolve) => {
      const observer = new MutationObserver(() => {
        const send = root.querySelector('[part="send"]');
        if (!send) return;
        observer.disconnect();
        resolve(send.textContent!.trim());
      });
      observer.observe(root, { childList: true, subtree: true });
    });
    element.remove();
    expect(firstSend).to.equal("发送");
  });
});
