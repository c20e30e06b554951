import { test, expect, addWidget, widgetEvents, SITE_SESSION_COOKIE } from "./fixtures.js";
import { randomBytes } from "node:crypto";
import type { Locator } from "@playwright/test";

/** The conversation the widget shows: its header names the peer. */
const shownPeer = (widget: Locator) => widget.locator("header .name");

test.describe("the host's roster page (roster-url)", () => {
  test("same origin: xmpp: links, chat links and scripted navigations open conversations; other links stay", async ({
    hostPage,
    newBot,
    signIn,
  }) => {
    const [first, second, third] = await Promise.all([
      newBot({ prefix: "first" }),
      newBot({ prefix: "second" }),
      newBot({ prefix: "third" }),
    ]);
    const peers = [first, second, third].map((bot) => `peer=${encodeURIComponent(bot.bareJid)}`).join("&");
    const { widget } = await signIn({ props: { rosterUrl: `/frames/roster.html?${peers}` } });

    // No conversation yet: the contacts are what the widget shows.
    const roster = hostPage.frameLocator('xmppmini-chat iframe[part="roster"]');
    const contactsButton = widget.locator('[part="contacts-button"]');
    await expect(contactsButton).toHaveAttribute("aria-pressed", "true");
    await roster.locator("#xmpp-link").click();
    await expect(shownPeer(widget)).toHaveText(first.bareJid);
    await expect(widget.locator('[part="roster"]')).toBeHidden();
    // The link's body waits in the composer; the person sends it.
    const input = widget.composer;
    await expect(input).toHaveValue("Hello from the roster");
    await input.press("Enter");
    const [received] = await first.waitFor((messages) => messages.length >= 1);
    expect(received!.body).toBe("Hello from the roster");

    await contactsButton.click();
    await expect(widget.locator('[part="roster"]')).toBeVisible();
    await roster.locator("#chat-link").click();
    await expect(shownPeer(widget)).toHaveText(second.bareJid);

    await contactsButton.click();
    await roster.locator("#scripted").click();
    await expect(shownPeer(widget)).toHaveText(third.bareJid);
    await expect(widget.locator('[part="conversations"] [data-peer]')).toHaveCount(3);

    // The roster page was never left for those; an ordinary link still navigates.
    const frame = hostPage.frames().find((candidate) => candidate.url().includes("/frames/"))!;
    expect(new URL(frame.url()).pathname).toBe("/frames/roster.html");
    await contactsButton.click();
    await roster.locator("#profile").click();
    await expect(roster.locator("#contact-page")).toBeVisible();
    // (The page's CSP keeps the widget from looking up the peers' own xmppmini.txt: those lookups are optional.)
    expect(hostPage.consoleErrors.filter((text) => !text.includes("xmppmini.txt"))).toEqual([]);
  });

  test("a broken xmpp: link is reported, not followed", async ({ hostPage, newBot, signIn }) => {
    const bot = await newBot();
    const { widget } = await signIn({ props: { rosterUrl: `/frames/roster.html?peer=${bot.bareJid}` } });
    await hostPage.frameLocator('xmppmini-chat iframe[part="roster"]').locator("#bad-link").click();
    await expect(widget.errorBanner).toHaveAttribute("data-code", "invalid-jid");
    await expect(widget.errorBanner).toContainText("not an address@");
    await expect(hostPage.frameLocator('xmppmini-chat iframe[part="roster"]').locator("#contacts")).toBeVisible();
  });

  test("a roster-url that is no http(s) page is refused, with an error shown", async ({ hostPage, signIn }) => {
    const { widget } = await signIn({ props: { rosterUrl: "javascript:parent.document.title='framed'" } });
    // In the contacts' place (the error banner gives way to the sign-in).
    await expect(widget.locator('[part="roster-error"]')).toContainText(
      "roster-url \"javascript:parent.document.title='framed'\" is not loaded",
    );
    await expect(widget.locator("iframe")).toHaveCount(0);
    expect(await hostPage.title()).not.toBe("framed");
    const codes = (await widgetEvents(hostPage))
      .filter((event) => event.type === "xmppmini-error")
      .map((event) => event.detail.code);
    expect(codes).toEqual(["invalid-config"]);
  });

  test("cross origin: postMessage from the roster's origin opens a conversation; from elsewhere it is ignored", async ({
    hostPage,
    site,
    server,
    newAccount,
    newBot,
  }) => {
    const alice = await newAccount("alice");
    const [friend, stranger, intruder] = await Promise.all([
      newBot({ prefix: "friend" }),
      newBot({ prefix: "stranger" }),
      newBot({ prefix: "intruder" }),
    ]);
    // The page at the host's own origin (not the roster's) posts `open stranger` from inside the roster frame.
    const elsewhere = `${site.url}/frames/roster.html?post=${encodeURIComponent(stranger.bareJid)}`;
    const rosterUrl = `${site.otherOrigin}/frames/roster.html?peer=${encodeURIComponent(friend.bareJid)}&elsewhere=${encodeURIComponent(elsewhere)}`;
    const widget = await addWidget(hostPage, {
      jid: alice.jid,
      password: alice.password,
      service: server.service,
      rosterUrl,
    });
    await widget.waitForStatus("online");
    const roster = hostPage.frameLocator('xmppmini-chat iframe[part="roster"]');

    // Neither the host page itself nor another frame is the roster.
    await hostPage.evaluate((jid) => window.postMessage({ type: "xmppmini:open", jid }, "*"), intruder.bareJid);
    await roster.locator("#elsewhere").click();
    await expect(roster.locator("#contacts")).toBeVisible();
    await hostPage.evaluate(() => {
      const frame = document.querySelector("xmppmini-chat")!.shadowRoot!.querySelector("iframe")!;
      return new Promise((resolve) => {
        // The page that posted has loaded; go back to the real roster.
        frame.addEventListener("load", resolve, { once: true });
        history.back();
      });
    });
    await roster.locator("#post-open").click();
    await expect(shownPeer(widget)).toHaveText(friend.bareJid);
    // One conversation shows no tabs: had either of the others opened, there would be two.
    await expect(widget.locator('[part="conversations"]')).toHaveCount(0);
    expect(await hostPage.evaluate(() => window.onmessage)).toBeNull();
  });
});

test.describe("xmpp: links on the host page (intercept-links)", () => {
  test("open the conversation with the link's body in the composer; without the attribute they are left alone", async ({
    hostPage,
    server,
    newAccount,
    newBot,
  }) => {
    const alice = await newAccount("alice");
    const bot = await newBot();
    await hostPage.evaluate((jid) => {
      const link = document.createElement("a");
      link.id = "host-link";
      link.href = `xmpp:${jid}?message;body=Order%20%2342`;
      link.textContent = "Chat with support";
      document.body.prepend(link);
      // Runs after the widget's document listener: records whether the browser would still navigate, then
      // stops it (an external-protocol launch would take the browser's focus away from the test).
      window.addEventListener("click", (event) => {
        link.setAttribute("data-prevented", String(event.defaultPrevented));
        event.preventDefault();
      });
    }, bot.bareJid);
    const widget = await addWidget(hostPage, { jid: alice.jid, password: alice.password, service: server.service });
    await widget.waitForStatus("online");
    const link = hostPage.locator("#host-link");

    await link.click();
    await expect(link).toHaveAttribute("data-prevented", "false");
    await expect(widget.locator('[part="conversations"] [data-peer]')).toHaveCount(0);

    await widget.evaluate((element) => element.setAttribute("intercept-links", ""));
    await link.click();
    await expect(link).toHaveAttribute("data-prevented", "true");
    await expect(shownPeer(widget)).toHaveText(bot.bareJid);
    const input = widget.composer;
    await expect(input).toHaveValue("Order #42");
    await expect(input).toBeFocused();
    await input.press("Enter");
    const [received] = await bot.waitFor((messages) => messages.length >= 1);
    expect(received!.body).toBe("Order #42");
  });
});

test.describe("the visitor signed in to the host site (credentials-url)", () => {
  test("signs in with the account the site's backend gives for its cookie", async ({
    hostPage,
    context,
    site,
    server,
    newAccount,
    newBot,
  }) => {
    const alice = await newAccount("alice");
    const bot = await newBot();
    const token = randomBytes(8).toString("hex");
    site.accounts.set(token, { jid: alice.jid, password: alice.password });
    await context.addCookies([{ name: SITE_SESSION_COOKIE, value: token, url: site.url }]);
    const widget = await addWidget(hostPage, {
      credentialsUrl: "/api/chat-account",
      service: server.service,
      peer: bot.bareJid,
    });
    await widget.waitForStatus("online");
    await widget.composer.fill("signed in by the site");
    await widget.composer.press("Enter");
    const [received] = await bot.waitFor((messages) => messages.length >= 1);
    expect(received!.from.split("/")[0]).toBe(alice.jid);
    // The password never lands in the page's DOM.
    expect(await widget.evaluate((element) => element.outerHTML)).not.toContain(alice.password);
  });

  test("nobody signed in to the site, or a backend on another origin: a readable error, no sign-in", async ({
    hostPage,
    site,
    server,
  }) => {
    const widget = await addWidget(hostPage, { credentialsUrl: "/api/chat-account", service: server.service });
    const banner = widget.errorBanner;
    await expect(banner).toHaveAttribute("data-code", "credentials-unavailable");
    await expect(banner).toContainText("HTTP 401");
    await widget.waitForStatus("offline");

    await widget.evaluate(
      (element, url) => element.setAttribute("credentials-url", url),
      `${site.otherOrigin}/api/chat-account`,
    );
    await expect(banner).toHaveAttribute("data-code", "invalid-config");
    await expect(banner).toContainText("own origin");
    const codes = (await widgetEvents(hostPage))
      .filter((event) => event.type === "xmppmini-error")
      .map((event) => event.detail.code);
    expect(codes).toEqual(["credentials-unavailable", "invalid-config"]);
  });
});
