import { readFileSync } from "node:fs";
import { test, expect } from "./fixtures.js";
import type { Page } from "@playwright/test";

/** Records CSP violations and requests for the widget's bundle from the first byte of the page. */
async function watchPage(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  const bundleRequests: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/cdn/xmppmini-chat.js")) bundleRequests.push(request.url());
  });
  return {
    bundleRequests,
    violations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
  };
}

test.describe("the loader tag and window.xmppmini", () => {
  test("draws the launcher at once; API calls made before the widget loads wait for it, in order", async ({
    page,
    site,
    server,
    newAccount,
    newBot,
  }) => {
    const watch = await watchPage(page);
    const alice = await newAccount("alice");
    const bot = await newBot();
    await page.goto(`${site.url}/loader.html`);
    const launcher = page.getByRole("button", { name: "Open chat" });
    await expect(launcher).toBeVisible();
    const box = (await launcher.boundingBox())!;
    expect(box.x).toBeLessThan(100); // data-position="bottom-left"
    expect(watch.bundleRequests).toEqual([]);

    await page.evaluate(
      ({ jid, password, service, peer }) => {
        const api = window.xmppmini!;
        const heard: Array<[string, unknown]> = [];
        (window as unknown as { heard: typeof heard }).heard = heard;
        api.on("status", (detail) => heard.push(["status", (detail as { status: string }).status]));
        const onMessage = (detail: unknown) => heard.push(["message", (detail as { body: string }).body]);
        api.on("message", onMessage);
        (window as unknown as { stopHearing: () => void }).stopHearing = () => api.off("message", onMessage);
        api.element.setAttribute("service", service);
        void api.setUser({ jid, password });
        void api.open(peer);
      },
      { jid: alice.jid, password: alice.password, service: server.service, peer: bot.bareJid },
    );
    const widget = page.locator("xmppmini-chat");
    await expect(widget).toHaveAttribute("status", "online");
    await expect(widget).toHaveAttribute("open", "");
    await expect(widget.locator("header .name")).toHaveText(bot.bareJid);
    await expect(widget.locator('[part="launcher"]')).toBeVisible();
    expect(watch.bundleRequests).toHaveLength(1);

    await bot.send(alice.jid, "hello through the API");
    await expect(widget.locator('[part="message"][data-direction="in"]')).toHaveText("hello through the API");
    await page.evaluate(() => (window as unknown as { stopHearing: () => void }).stopHearing());
    await bot.send(alice.jid, "not heard");
    await expect(widget.locator('[part="message"][data-direction="in"]').last()).toHaveText("not heard");
    const heard = await page.evaluate(() => (window as unknown as { heard: Array<[string, unknown]> }).heard);
    expect(heard.filter(([name]) => name === "status").map(([, status]) => status)).toEqual(["connecting", "online"]);
    expect(heard.filter(([name]) => name === "message").map(([, body]) => body)).toEqual(["hello through the API"]);

    await page.evaluate(() => window.xmppmini!.close());
    await expect(widget).not.toHaveAttribute("open", "");
    expect(await watch.violations()).toEqual([]);
  });

  test("the stand-in launcher opens the chat with one click; an invalid address through the API is shown, not thrown", async ({
    page,
    site,
    server,
    newAccount,
  }) => {
    const watch = await watchPage(page);
    const alice = await newAccount("alice");
    await page.goto(`${site.url}/loader.html`);
    await page.evaluate(({ service }) => window.xmppmini!.element.setAttribute("service", service), {
      service: server.service,
    });
    await page.getByRole("button", { name: "Open chat" }).click();
    const widget = page.locator("xmppmini-chat");
    await expect(widget).toHaveAttribute("open", "");
    await expect(widget.locator('[part="input"]')).toBeFocused();

    await page.evaluate(({ jid, password }) => window.xmppmini!.setUser({ jid, password }), alice);
    await expect(widget).toHaveAttribute("status", "online");
    expect(await page.evaluate(() => window.xmppmini!.open("not an address@"))).toBe(false);
    await expect(widget.locator('[part="error"]')).toHaveAttribute("data-code", "invalid-jid");

    await page.evaluate(() => window.xmppmini!.setUser(null));
    await expect(widget).toHaveAttribute("status", "offline");
    expect(await watch.violations()).toEqual([]);
  });

  test("as a module script, embedded, it loads the widget by itself at once; data-* become the element's attributes; one global", async ({
    page,
    site,
    server,
    newAccount,
    newBot,
  }) => {
    const watch = await watchPage(page);
    const alice = await newAccount("alice");
    const bot = await newBot();
    await page.goto(`${site.url}/bare.html`);
    const before = await page.evaluate(() => Object.getOwnPropertyNames(window));
    await page.evaluate(
      ({ jid, password, service, peer }) => {
        const script = document.createElement("script");
        script.type = "module";
        script.src = "/cdn/xmppmini-loader.js";
        Object.assign(script.dataset, {
          jid,
          password,
          service,
          peer,
          target: "#slot",
          resolver: "/no-xmppmini-proxy?domain={domain}",
        });
        document.head.append(script);
      },
      { jid: alice.jid, password: alice.password, service: server.service, peer: bot.bareJid },
    );
    const widget = page.locator("#slot xmppmini-chat");
    await expect(widget).toHaveAttribute("status", "online");
    await expect(widget).toHaveAttribute("mode", "embedded");
    await expect(widget).toHaveAttribute("peer", bot.bareJid);
    await expect(widget.locator("header .name")).toHaveText(bot.bareJid);
    const added = (await page.evaluate(() => Object.getOwnPropertyNames(window))).filter(
      (name) => !before.includes(name),
    );
    expect(added).toEqual(["xmppmini"]);
    expect(watch.bundleRequests).toHaveLength(1);
    expect(await watch.violations()).toEqual([]);
  });

  test("a language registered through window.xmppmini before the widget loads waits for it, without loading it", async ({
    page,
    site,
  }) => {
    const watch = await watchPage(page);
    await page.goto(`${site.url}/loader.html`);
    await page.evaluate(() => {
      window.xmppmini!.element.setAttribute("lang", "de-DE");
      window.xmppmini!.registerLanguage("de", {
        send: "Senden",
        inputLabel: "Nachricht",
        openChat: (unread: number) => (unread > 0 ? `Chat öffnen, ${unread} ungelesen` : "Chat öffnen"),
      });
    });
    // A launcher that loads at the first interaction: registering is none. The stand-in launcher, drawn
    // before the widget, already speaks the registered language.
    await page.waitForTimeout(500);
    expect(watch.bundleRequests).toEqual([]);
    await page.getByRole("button", { name: "Chat öffnen" }).click();
    const widget = page.locator("xmppmini-chat");
    await expect(widget.locator('[part="send"]')).toHaveText("Senden");
    await expect(widget.getByRole("textbox", { name: "Nachricht" })).toBeVisible();
    // Once loaded, a change shows at once.
    await page.evaluate(() => window.xmppmini!.registerLanguage("de", { send: "Abschicken" }));
    await expect(widget.locator('[part="send"]')).toHaveText("Abschicken");
    expect(await watch.violations()).toEqual([]);
  });

  test("with the integrity hash from cdn/integrity.json the tag loads; with another hash the browser refuses it", async ({
    page,
    site,
  }) => {
    const integrity = (JSON.parse(readFileSync("cdn/integrity.json", "utf8")) as Record<string, string>)[
      "xmppmini-loader.js"
    ]!;
    const place = (hash: string) =>
      page.evaluate(
        (hash) =>
          new Promise<string>((resolve) => {
            const script = document.createElement("script");
            script.src = "/cdn/xmppmini-loader.js";
            script.integrity = hash;
            script.crossOrigin = "anonymous";
            script.onload = () => resolve("loaded");
            script.onerror = () => resolve("refused");
            document.head.append(script);
          }),
        hash,
      );
    await page.goto(`${site.url}/bare.html`);
    expect(await place(`sha384-${"A".repeat(64)}`)).toBe("refused");
    expect(await page.evaluate(() => "xmppmini" in window)).toBe(false);
    expect(await place(integrity)).toBe("loaded");
    await expect(page.locator("xmppmini-chat")).toHaveCount(1);
    expect(await page.evaluate(() => "xmppmini" in window)).toBe(true);
  });
});

declare global {
  interface Window {
    xmppmini?: {
      element: HTMLElement;
      open(jid?: string): Promise<boolean>;
      close(): Promise<void>;
      setUser(user: { jid: string; password: string } | { credentialsUrl: string } | null): Promise<void>;
      on(name: string, listener: (detail: unknown) => void): void;
      off(name: string, listener: (detail: unknown) => void): void;
      registerLanguage(tag: string, strings: Record<string, unknown>): void;
    };
  }
}
