import { test, expect, addWidget } from "./fixtures.js";
import { startBot } from "../../scripts/lib/bot.mjs";

test.describe("message carbons (XEP-0280)", () => {
  test("what the account sends and receives on another device shows here too", async ({ hostPage, server, newAccount, newBot }) => {
    const alice = await newAccount("alice");
    const bob = await newBot({ prefix: "bob" });
    const widget = await addWidget(hostPage, { jid: alice.jid, password: alice.password, service: server.service });
    await expect(widget).toHaveAttribute("status", "online");

    // Alice's phone: the same account on another resource.
    const phone = await startBot({ server, user: alice.user, password: alice.password, resource: "phone" });
    try {
      await phone.send(bob.bareJid, "sent from my phone");
      await bob.waitFor((messages) => messages.some((m) => m.body === "sent from my phone"));
      await expect(widget.locator('[part="message"][data-direction="out"]')).toHaveText(["sent from my phone"]);

      // Bob answers the phone directly (a full JID): the widget gets a "received" copy.
      await bob.send(`${alice.jid}/phone`, "answer to the phone");
      await expect(widget.locator('[part="message"][data-direction="in"]')).toHaveText(["answer to the phone"]);
      await expect(widget.locator("header")).toContainText(bob.bareJid);
    } finally {
      await phone.stop();
    }
  });

  test("a forged carbon from someone else is not believed", async ({ hostPage, server, newAccount, newBot }) => {
    const alice = await newAccount("alice");
    const mallory = await newBot({ prefix: "mallory" });
    const widget = await addWidget(hostPage, { jid: alice.jid, password: alice.password, service: server.service });
    await expect(widget).toHaveAttribute("status", "online");
    const { xml } = await import("@xmpp/client");
    await mallory.xmpp.send(
      xml("message", { to: alice.jid, type: "chat" },
        xml("sent", { xmlns: "urn:xmpp:carbons:2" },
          xml("forwarded", { xmlns: "urn:xmpp:forward:0" },
            xml("message", { from: `${alice.jid}/x`, to: "victim@localhost", type: "chat" }, xml("body", {}, "words put in alice's mouth"))))),
    );
    await mallory.send(alice.jid, "a plain message after it");
    await expect(widget.locator('[part="message"][data-direction="in"]')).toHaveText(["a plain message after it"]);
    await expect(widget.locator('[part="message"]')).toHaveCount(1);
  });
});
