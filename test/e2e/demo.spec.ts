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
    demo = spawn("node", ["scripts/demo.mjs"], { env: { ...process.env, DEMO_PORT: "0" }, stdio: ["ignore", "pipe", "pipe"] });
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

    await page.goto(url);
    await page.getByRole("button", { name: "Sign in" }).click();
    const chat = page.locator("xmppmini-chat");
    await expect(chat).toHaveAttribute("status", "online");
    const input = chat.locator('[part="input"]');
    await input.fill("Hello, where is my tea?");
    await input.press("Enter");
    await expect(chat.locator('[part="message"][data-direction="in"]')).toContainText("support bot");
    // The bot says it is there, types before it answers, and corrects itself on request.
    await expect(chat.locator('[part="presence"]')).toContainText("Available to chat");
    await input.fill("typo");
    await input.press("Enter");
    await expect(chat.locator('[part="typing"]')).toBeVisible();
    await expect(chat.locator('[part="message"][data-direction="in"]').last()).toContainText("Our shop opens at 9 am");
    await expect(chat.locator('[part="edited"]')).toHaveCount(1);
    // Found through xmppmini.txt and get_host; the page shows public addresses only.
    await expect(chat.locator("header")).toContainText("support@acme.localhost");
    expect(await chat.evaluate((element) => element.shadowRoot!.textContent)).not.toContain("a.acme.localhost");
    await page.screenshot({ path: "test-results/demo.png" });
  });
});
