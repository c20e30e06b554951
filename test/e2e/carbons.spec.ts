import { test, expect } from "./fixtures.js";
import { startBot } from "../../scripts/lib/bot.mjs";

test.describe("message carbons (XEP-0280)", () => {
  test("what the account sends and receives on another device shows here too", async ({ server, signIn, newBot }) => {
    const bob = await newBot({ prefix: "bob" });
    const { alice, widget } = await signIn();

    // Alice's phone: the same account on another resource.
    const phone = await startBot({ server, user: alice.user, password: alice.password, resource: "phone" });
    try {
      await phone.send(bob.bareJid, "sent from my phone");
      await bob.waitFor((messages) => messages.some((m) => m.body === "sent from my phone"));
      await expect(widget.outgoing).toHaveText(["sent from my phone"]);

      // Bob answers the phone directly (a full JID): the widget gets a "received" copy.
      await bob.send(`${alice.jid}/phone`, "answer to the phone");
      await expect(widget.incoming).toHaveText(["answer to the phone"]);
      await expect(widget.locator("header")).toContainText(bob.bareJid);
    } finally {
      await phone.stop();
    }
  });

  test("a forged carbon from someone else is not believed", async ({ signIn, newBot }) => {
    const mallory = await newBot({ prefix: "mallory" });
    const { alice, widget } = await signIn();
    const { xml } = await import("@xmpp/client");
    await mallory.xmpp.send(
      xml(
        "message",
        { to: alice.jid, type: "chat" },
        xml(
          "sent",
          { xmlns: "urn:xmpp:carbons:2" },
          xml(
            "forwarded",
            { xmlns: "urn:xmpp:forward:0" },
            xml(
              "message",
              { from: `${alice.jid}/x`, to: "victim@localhost", type: "chat" },
              xml("body", {}, "words put in alice's mouth"),
            ),
          ),
        ),
      ),
    );
    await mallory.send(alice.jid, "a plain message after it");
    await expect(widget.incoming).toHaveText(["a plain message after it"]);
    await expect(widget.messages).toHaveCount(1);
  });
});
