import { readFile } from "node:fs/promises";
import { xml } from "@xmpp/client";
import { test, expect, reloadHost, addWidget, waitForCatchUp, widgetEvents } from "./fixtures.js";

const WELCOME = "Hello! Ask us anything about our teas.";
const AWAY = "We answer every question within a day.";

test.describe("a support desk: welcome, availability, office hours", () => {
  test("greets at the top without sending it; says when the desk is away or nobody is there, and when they are back", async ({
    newBot,
    signIn,
    hostPage,
  }) => {
    const desk = await newBot();
    const probe = await newBot();
    const { alice, widget, props } = await signIn({
      props: { peer: desk.bareJid, welcome: WELCOME, awayMessage: AWAY },
    });
    const welcome = widget.locator('[part="welcome"]');
    const notice = widget.locator('[part="availability"]');
    await expect(welcome).toHaveText(WELCOME);
    // In place of the empty conversation's own text.
    await expect(widget.locator(".empty")).toHaveCount(0);

    // Presence sent to an account before its own is handled is dropped: wait until the server has it.
    await waitForCatchUp(hostPage, probe, alice.jid);
    // Not known yet, or available: nothing to say.
    await expect(notice).toHaveCount(0);
    await desk.sendPresence(alice.jid, { show: "chat" });
    await expect(widget.locator('[part="presence"]')).toHaveText("Available to chat");
    await expect(notice).toHaveCount(0);

    await desk.sendPresence(alice.jid, { show: "away", status: "At lunch" });
    await expect(notice).toHaveAttribute("data-state", "away");
    await expect(notice).toContainText("Your message waits for them");

    // Gone (directed unavailable presence, RFC 6121 §4.6.3): the site's away message, and messages are still taken.
    await desk.xmpp.send(xml("presence", { to: alice.jid, type: "unavailable" }));
    await expect(notice).toHaveAttribute("data-state", "nobody");
    await expect(notice).toHaveText(AWAY);
    await widget.composer.fill("Do you ship to Norway?");
    await widget.composer.press("Enter");
    await desk.waitFor((messages) => messages.length === 1);
    await desk.sendPresence(alice.jid, { show: "chat" });
    await expect(notice).toHaveCount(0);

    // The welcome was never sent: the desk has the visitor's message alone.
    await desk.send(alice.jid, "Yes, we do.");
    await expect(widget.incoming.last()).toHaveText("Yes, we do.");
    expect(desk.received.map((message) => message.body)).toEqual(["Do you ship to Norway?"]);
    // Above the first message, also after a reload.
    await widget.disconnect();
    await reloadHost(hostPage);
    const again = await addWidget(hostPage, props);
    await again.waitForStatus("online");
    await expect(again.locator('[part="welcome"]')).toHaveText(WELCOME);
    const [welcomeBox, firstBox] = await Promise.all([
      again.locator('[part="welcome"]').boundingBox(),
      again.locator('[part="message"]').first().boundingBox(),
    ]);
    expect(welcomeBox!.y).toBeLessThan(firstBox!.y);

    // The visitor keeps the conversation: a text file of what this browser stored, the welcome not in it.
    const [download] = await Promise.all([hostPage.waitForEvent("download"), again.locator('[part="save"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^conversation-.+\.txt$/);
    const transcript = await readFile(await download.path(), "utf8");
    expect(transcript).toContain(`Conversation with ${desk.bareJid}`);
    expect(transcript).toMatch(new RegExp(`\\] ${alice.jid}: Do you ship to Norway\\?\n`));
    expect(transcript).toMatch(new RegExp(`\\] ${desk.bareJid}: Yes, we do\\.\n`));
    expect(transcript).not.toContain(WELCOME);
    await desk.stop();
    await probe.stop();
  });

  test("outside the office hours says the desk is closed and when it opens, in the visitor's time; refuses hours it cannot read", async ({
    newBot,
    signIn,
    hostPage,
  }) => {
    const desk = await newBot();
    // Tomorrow (UTC) from 10:00 to 11:00: closed now, whatever the time of the run.
    const tomorrow = new Date(
      Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1, 10),
    );
    const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][tomorrow.getUTCDay()];
    const { widget } = await signIn({ props: { peer: desk.bareJid, officeHours: `${day} 10:00-11:00 UTC` } });
    const notice = widget.locator('[part="availability"]');
    await expect(notice).toHaveAttribute("data-state", "closed");
    const opens = await hostPage.evaluate(
      (at) => new Intl.DateTimeFormat("en", { weekday: "long", hour: "numeric", minute: "2-digit" }).format(at),
      tomorrow.getTime(),
    );
    await expect(notice).toHaveText(
      `We are closed right now. Leave a message: it is kept, and answered when we are back. Back ${opens}.`,
    );

    // Open all week: nothing to say (the desk's presence is not known).
    await widget.evaluate((element) => element.setAttribute("office-hours", "Mon-Sun 00:00-24:00 UTC"));
    await expect(notice).toHaveCount(0);

    await widget.evaluate((element) => element.setAttribute("office-hours", "weekdays 9 to 5"));
    await expect(widget.locator('[part="error"]')).toHaveAttribute("data-code", "invalid-config");
    await expect(widget.locator('[part="error"]')).toContainText('office-hours "weekdays 9 to 5" cannot be read');
    const codes = (await widgetEvents(hostPage))
      .filter((event) => event.type === "xmppmini-error")
      .map((event) => (event.detail as { code: string }).code);
    expect(codes).toEqual(["invalid-config"]);
    await expect(notice).toHaveCount(0);

    // Closed again, then the attribute removed (the property is null then): the notice goes, nothing throws.
    await widget.evaluate((element, hours) => element.setAttribute("office-hours", hours), `${day} 10:00-11:00 UTC`);
    await expect(notice).toHaveAttribute("data-state", "closed");
    await widget.evaluate((element) => element.removeAttribute("office-hours"));
    await expect(notice).toHaveCount(0);
    // A framework may set a property to null.
    await widget.evaluate((element) => Object.assign(element, { peer: null }));
    await widget.composer.fill("still here");
    await widget.composer.press("Enter");
    await expect(widget.outgoing.last()).toHaveText("still here");
    // (The page's CSP keeps the widget from looking up the desk's own xmppmini.txt, an optional lookup made
    // when it asks for the desk's vCard and avatar.)
    expect(
      hostPage.consoleErrors.filter((text) => !text.includes("office-hours") && !text.includes("xmppmini.txt")),
    ).toEqual([]);
    await desk.stop();
  });

  test("a pre-chat step holds the first message until the required name is given, and sends who the visitor is with it", async ({
    newBot,
    signIn,
    hostPage,
  }) => {
    const desk = await newBot();
    const { widget, props } = await signIn({ props: { peer: desk.bareJid, prechat: "name* email" } });
    const name = widget.getByLabel("Your name");
    const email = widget.getByLabel("Your email");
    await expect(widget.locator('[part="prechat"]')).toBeVisible();

    // The required name is missing: the message is held back, its text kept, and the field says so.
    await widget.composer.fill("Where is my order?");
    await widget.composer.press("Enter");
    await expect(widget.locator('[part="error"]')).toContainText("Please fill in “Your name” first");
    await expect(widget.composer).toHaveValue("Where is my order?");
    await expect(name).toHaveAttribute("aria-invalid", "true");
    await expect(widget.outgoing).toHaveCount(0);

    await name.fill("Ann Example");
    await email.fill("not an address");
    await widget.composer.press("Enter");
    await expect(widget.locator('[part="error"]')).toContainText("does not look right");
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await email.fill("ann@example.org");
    await widget.composer.press("Enter");
    // The desk hears who the visitor is, readable in any client, then the message; the name is our nickname.
    await desk.waitFor((messages) => messages.length === 2);
    expect(desk.received.map((message) => message.body)).toEqual([
      "Name: Ann Example\nEmail: ann@example.org",
      "Where is my order?",
    ]);
    expect(desk.received[1]!.stanza.getChildText("nick", "http://jabber.org/protocol/nick")).toBe("Ann Example");
    await expect(widget.locator('[part="prechat-done"]')).toContainText("Ann Example · ann@example.org");

    // Told once: the next message goes alone.
    await widget.composer.fill("Order 1234.");
    await widget.composer.press("Enter");
    await desk.waitFor((messages) => messages.length === 3);
    expect(desk.received[2]!.body).toBe("Order 1234.");

    // Kept in this browser; edited, the details go again with the next message.
    await widget.disconnect();
    await reloadHost(hostPage);
    const again = await addWidget(hostPage, props);
    await again.waitForStatus("online");
    await expect(again.locator('[part="prechat-done"]')).toContainText("Ann Example · ann@example.org");
    await again.locator('[part="prechat-edit"]').click();
    await again.getByLabel("Your email").fill("ann@example.com");
    await again.composer.fill("My new address, sorry.");
    await again.composer.press("Enter");
    await desk.waitFor((messages) => messages.length === 5);
    expect(desk.received.slice(3).map((message) => message.body)).toEqual([
      "Name: Ann Example\nEmail: ann@example.com",
      "My new address, sorry.",
    ]);

    // A field it does not know is refused.
    await again.evaluate((element) => element.setAttribute("prechat", "name phone"));
    await expect(again.locator('[part="error"]')).toHaveAttribute("data-code", "invalid-config");
    await expect(again.locator('[part="error"]')).toContainText('"phone" is no field');
    await desk.stop();
  });
});
