import { spawn, type ChildProcess } from "node:child_process";
import { test, expect } from "@playwright/test";

// The README promises that `npm run demo` gives a newcomer a page where they sign in and the bot answers.
test.describe("npm run demo", () => {
  let demo: ChildProcess | undefined;

  test.afterEach(async () => {
    if (!demo || demo.exitCode !== null) return;
    const exited = new Promise((resolve) => demo!.once("exit", resolve));
    demo.kill("SIGTERM");
    await exited;
  });

  test("serves the sample page where a person signs in and gets an answer from the bot", async ({ page }) => {
    demo = spawn("node", ["scripts/demo.mjs"], {
      env: { ...process.env, DEMO_PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Open:\s+(\S+)/.exec(output);
        if (match) resolve(match[1]!);
      };
      demo!.stdout!.on("data", onData);
      demo!.stderr!.on("data", onData);
      demo!.once("exit", (code) => reject(new Error(`demo exited with ${code}:\n${output}`)));
    });
    expect(output).toContain("alice@acme.localhost / alice-demo");

    // The page carries the loader tag only: the widget's module comes when the loader asks for it.
    const bundleRequests: string[] = [];
    page.on("request", (request) => {
      if (/xmppmini-(chat|loader)\.js/u.test(request.url())) bundleRequests.push(new URL(request.url()).pathname);
    });
    await page.goto(url);
    // Signed in to the shop, the widget gets its chat account from the shop (credentials-url)...
    await page.getByRole("button", { name: "Sign in" }).click();
    const chat = page.locator("xmppmini-chat");
    await expect(chat).toHaveAttribute("status", "online");
    expect(bundleRequests).toEqual(["/cdn/xmppmini-loader.js", "/cdn/xmppmini-chat.js"]);
    // ...opens the conversation with the shop's support, which greets first (never sent)...
    await expect(chat.locator('[part="welcome"]')).toContainText("Welcome to Acme Tea!");
    // ...and has the shop's contact page, where a click on the bot opens the conversation.
    await chat.locator('[part="contacts-button"]').click();
    const roster = page.frameLocator('xmppmini-chat iframe[part="roster"]');
    await roster.getByRole("link", { name: /Support bot/u }).click();
    const input = chat.locator('[part="input"]');
    await input.fill("Hello, where is my tea?");
    await input.press("Enter");
    await expect(chat.locator('[part="message"][data-direction="in"]')).toContainText("support bot");
    // The shop told the widget the visitor's name, and the widget the bot (XEP-0172).
    await expect(chat.locator('[part="message"][data-direction="in"]').first()).toContainText("Hello Alice!");
    // The bot says it is there, types before it answers, and corrects itself on request.
    await expect(chat.locator('[part="presence"]')).toContainText("Available to chat");
    await input.fill("typo");
    await input.press("Enter");
    await expect(chat.locator('[part="typing"]')).toBeVisible();
    await expect(chat.locator('[part="message"][data-direction="in"]').last()).toContainText("Our shop opens at 9 am");
    await expect(chat.locator('[part="edited"]')).toHaveCount(1);
    // Found through xmppmini.txt and get_host; the page shows public addresses only. The bot's own vCard
    // and avatar give its name and face.
    await expect(chat.locator("header")).toContainText("support@acme.localhost");
    await expect(chat.locator("header .name")).toContainText("Acme Tea support");
    await expect(chat.locator('header img[part="avatar"]')).toHaveAttribute("src", /^data:image\/png;base64,/u);
    expect(await chat.evaluate((element) => element.shadowRoot!.textContent)).not.toContain("a.acme.localhost");
    // The shop's upload page keeps the file and the widget sends its link: the picture shows in the chat.
    await chat.locator('[part="attach"]').click();
    const uploadPage = page.frameLocator('xmppmini-chat iframe[part="upload"]');
    // The page's script is ready (on a fresh clone the dev server compiles it on first request).
    await expect(uploadPage.locator("#state")).toContainText("kept for a day");
    await uploadPage.locator("#file").setInputFiles("test/e2e/pages/tea.png");
    const picture = chat.locator('[part="message"][data-direction="out"] [part="attachment"] img');
    await expect(picture).toHaveAttribute("alt", "tea.png");
    await expect.poll(() => picture.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(64);
    // A voice message goes through the same page: recorded (the browser's fake microphone), handed to it, stored.
    await chat.locator('[part="record"]').click();
    await expect(chat.locator('[part="recording"]')).toBeVisible();
    await expect(chat.locator('[part="recording"]')).toContainText("Recording 0:02");
    await chat.locator('[part="record"]').click();
    await expect(chat.locator('[part="message"][data-direction="out"] [part="audio"]')).toHaveAttribute(
      "src",
      /\/demo\/files\/[0-9a-f]+\/voice-message-[\d-]+\.(webm|ogg)$/u,
    );
    // The shop's call page: the call button opens a new room's page in a new tab; the bot cannot take calls.
    const opened = page.context().waitForEvent("page");
    await chat.locator('[part="call"]').click();
    const callPage = await opened;
    await expect(callPage.locator("#room")).toContainText("Room xmppmini-");
    await callPage.close();
    await expect(chat.locator('[part="message"][data-direction="out"] [part="call-card"]')).toHaveAttribute(
      "data-state",
      "rejected",
    );
    // Asked, the bot invites to a call: Join opens the shop's call page and tells the bot.
    await input.fill("call me");
    await input.press("Enter");
    const invitation = chat.locator('[part="message"][data-direction="in"] [part="call-card"]');
    await expect(invitation).toHaveAttribute("data-state", "ringing");
    const joined = page.context().waitForEvent("page");
    await invitation.locator('[part="call-join"]').click();
    expect((await joined).url()).toMatch(/\/demo\/call\.html\?room=support-/u);
    await expect(invitation).toHaveAttribute("data-state", "accepted");
    // The page's own xmpp: link (intercept-links) opens the chat with its text ready to send.
    await page.locator("#support-link").click();
    await expect(input).toHaveValue("Hello, I have a question about my order");
    // The contact page links to the shop's room (xmpp:…?join): the widget joins it, with the bot in it,
    // and the bot answers a mention picked from the @-suggestions.
    await chat.locator('[part="contacts-button"]').click();
    await roster.getByRole("link", { name: /Tea lovers/u }).click();
    await expect(chat.locator('[part="room"]')).toHaveAttribute("data-status", "joined");
    await expect(chat.locator('[part="subject"]')).toHaveText("Tea talk: say @Support to ask the shop");
    await input.fill("");
    await input.pressSequentially("@Sup");
    await expect(chat.locator('[part="mentions"] [role="option"]')).toHaveText(["Support"]);
    await input.press("Enter");
    await input.pressSequentially("which tea is best for mornings?");
    await input.press("Enter");
    await expect(chat.locator('[part="message"][data-mention="true"]')).toContainText(
      "@alice thanks for asking in the room",
    );
    // A reload keeps the shop's sign-in, and with it the chat.
    await page.reload();
    await expect(chat).toHaveAttribute("status", "online");
    await page.screenshot({ path: "test-results/demo.png" });
  });
});
