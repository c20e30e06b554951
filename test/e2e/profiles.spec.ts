import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { xml } from "@xmpp/client";
import { test, expect } from "./fixtures.js";
import { addWidget, reloadHost } from "./widget.js";

const TEA_PNG = readFileSync("test/e2e/pages/tea.png").toString("base64");
/** A 1×1 PNG: another picture than the tea. */
const DOT_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const sha1 = (base64: string) => createHash("sha1").update(Buffer.from(base64, "base64")).digest("hex");

test.describe("names and pictures of the people we chat with", () => {
  test("the host page's name (peer-name) leads; without a picture, initials on the address's XEP-0392 colour", async ({
    newBot,
    signIn,
  }) => {
    const bot = await newBot();
    const { widget } = await signIn({ props: { peer: bot.bareJid, peerName: "Acme Tea support" } });
    const header = widget.locator('[part="header"]');
    await expect(header.locator(".name")).toContainText("Acme Tea support");
    await expect(header.locator('[part="address"]')).toHaveText(bot.bareJid);
    const avatar = header.locator('[part="avatar"]');
    await expect(avatar).toHaveText("AT");
    const colour = await avatar.evaluate((element) => getComputedStyle(element).backgroundColor);
    // A colour of its own, the same on every page (derived from the address alone).
    expect(colour).toMatch(/^(lch|lab|oklch|color|rgb)\(/u);
  });

  test("the name a contact gives with its messages (XEP-0172) shows until the host names it", async ({
    newBot,
    signIn,
  }) => {
    const bot = await newBot();
    const { alice, widget } = await signIn({ props: { peer: bot.bareJid } });
    const name = widget.locator('[part="header"] .name');
    await expect(name).toHaveText(bot.bareJid);
    await bot.xmpp.send(
      xml(
        "message",
        { to: alice.jid, type: "chat" },
        xml("body", {}, "hello"),
        xml("nick", { xmlns: "http://jabber.org/protocol/nick" }, "Bobby Tables"),
      ),
    );
    await expect(name).toContainText("Bobby Tables");
    await expect(widget.locator('[part="header"] [part="avatar"]')).toHaveText("BT");
  });

  test("a contact's vCard (XEP-0054) gives its name and photo, kept for the next page", async ({
    hostPage,
    newBot,
    signIn,
  }) => {
    const bot = await newBot();
    await bot.setVcard({ name: "Vera Card", photo: Buffer.from(TEA_PNG, "base64") });
    const { widget, props } = await signIn({ props: { peer: bot.bareJid } });
    await expect(widget.locator('[part="header"] .name')).toContainText("Vera Card");
    const picture = widget.locator('[part="header"] img[part="avatar"]');
    await expect(picture).toHaveAttribute("src", `data:image/png;base64,${TEA_PNG}`);
    await expect.poll(() => picture.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(64);

    // The next page shows it too (from the store at once; the server is asked again in the background).
    await reloadHost(hostPage);
    const again = await addWidget(hostPage, props);
    await expect(again.locator('[part="header"] .name')).toContainText("Vera Card");
    await expect(again.locator('[part="header"] img[part="avatar"]')).toHaveAttribute(
      "src",
      `data:image/png;base64,${TEA_PNG}`,
    );
  });

  test("a contact's avatar (XEP-0084) shows; a new photo announced in its presence (XEP-0153) replaces it", async ({
    newBot,
    signIn,
  }) => {
    // Its own PEP notifications are traffic the library miscounts (see startBot): no stream management.
    const bot = await newBot({ streamManagement: false });
    await bot.publishAvatar(Buffer.from(DOT_PNG, "base64"));
    const { alice, widget } = await signIn({ props: { peer: bot.bareJid } });
    const picture = widget.locator('[part="header"] img[part="avatar"]');
    await expect(picture).toHaveAttribute("src", `data:image/png;base64,${DOT_PNG}`);

    await bot.publishAvatar(Buffer.from(TEA_PNG, "base64"));
    await bot.xmpp.send(
      xml("presence", { to: alice.jid }, xml("x", { xmlns: "vcard-temp:x:update" }, xml("photo", {}, sha1(TEA_PNG)))),
    );
    await expect(picture).toHaveAttribute("src", `data:image/png;base64,${TEA_PNG}`);
  });

  test("the roster page's name for a contact names the conversation; a name in the host page's or a peer's link does not", async ({
    hostPage,
    newBot,
    signIn,
  }) => {
    const bot = await newBot();
    const other = await newBot({ prefix: "other" });
    const { alice, widget } = await signIn({
      props: { peer: bot.bareJid, rosterUrl: "/frames/roster.html", interceptLinks: true },
    });
    // The host page's own content may hold what its visitors wrote: its links open chats, but name nobody.
    await hostPage.evaluate((jid) => {
      const link = document.createElement("a");
      link.id = "named";
      link.href = `xmpp:${jid}?message;name=${encodeURIComponent("The CEO")}`;
      link.textContent = "Write to someone";
      document.body.append(link);
    }, other.bareJid);
    await hostPage.locator("#named").click();
    const name = widget.locator('[part="header"] .name');
    await expect(name).toHaveText(other.bareJid);

    // The roster page is the site's list of people: its name for a contact is shown.
    await widget.locator('[part="contacts-button"]').click();
    const roster = hostPage.frameLocator('xmppmini-chat iframe[part="roster"]');
    await roster.locator("#contacts").evaluate((list, jid) => {
      const link = document.createElement("a");
      link.id = "olga";
      link.href = `xmpp:${jid}?message;name=${encodeURIComponent("Olga from Sales")}`;
      link.textContent = "Olga";
      list.append(link);
    }, other.bareJid);
    await roster.locator("#olga").click();
    await expect(name).toContainText("Olga from Sales");
    await expect(widget.locator(`[part="conversations"] [data-peer="${other.bareJid}"]`)).toContainText(
      "Olga from Sales",
    );

    // A link in the bot's message naming it is followed but names nobody.
    await bot.send(alice.jid, `xmpp:${bot.bareJid}?message;name=The%20CEO`);
    await widget.locator(`[part="conversations"] [data-peer="${bot.bareJid}"]`).click();
    await widget.locator('[part="message"][data-direction="in"] a').click();
    await expect(name).toHaveText(bot.bareJid);
  });
});
