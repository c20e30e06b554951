import { expect, type BrowserContext, type Locator, type Page } from "@playwright/test";

/** What the widget fired, in order (recorded by addWidget). */
export type WidgetEvent = { type: string; detail: Record<string, unknown> };
export type WidgetStatus = "connecting" | "online" | "error" | "offline";
export type WidgetProps = Record<string, string | boolean>;

/**
 * The widget as a person sees it: its parts, and what a person does with it. It is the `<xmppmini-chat>`
 * locator itself, so anything a test needs beyond these (`widget.locator(...)`, `expect(widget)`) still works.
 */
export interface WidgetParts {
  /** The message box. */
  readonly composer: Locator;
  readonly sendButton: Locator;
  /** Every message shown in the open conversation, oldest first; `incoming` and `outgoing` by direction. */
  readonly messages: Locator;
  readonly incoming: Locator;
  readonly outgoing: Locator;
  /** The delivery marks of our messages, all or those in one state (pending, sent, delivered, read, failed). */
  deliveries(state?: string): Locator;
  /** The conversation's tab for `peer` in the list of conversations. */
  conversationTab(peer: string): Locator;
  /** The banner that says what went wrong. */
  readonly errorBanner: Locator;
  /** Types `text` and presses Enter, as a person sends a message. */
  send(text: string): Promise<void>;
  /** A message with exactly `text` is shown (in that direction, when given). */
  expectMessage(text: string, options?: { direction?: "in" | "out"; timeout?: number }): Promise<void>;
  waitForStatus(status: WidgetStatus, options?: { timeout?: number }): Promise<void>;
  /** What the widget fired so far, in order. */
  events(): Promise<WidgetEvent[]>;
  /** Signs out, as the element's disconnect() does. */
  disconnect(): Promise<void>;
}

export type Widget = Locator & WidgetParts;

/** The page object over a widget already on `page` (`root`: its locator). */
export function widgetOn(page: Page, root: Locator = page.locator("xmppmini-chat")): Widget {
  const messages = root.locator('[part="message"]');
  const parts: WidgetParts = {
    composer: root.locator('[part="input"]'),
    sendButton: root.locator('[part="send"]'),
    messages,
    incoming: root.locator('[part="message"][data-direction="in"]'),
    outgoing: root.locator('[part="message"][data-direction="out"]'),
    deliveries: (state) =>
      root.locator(state ? `li.out [part="delivery"][data-state="${state}"]` : 'li.out [part="delivery"]'),
    conversationTab: (peer) => root.locator(`[role="tab"][data-peer="${peer}"]`),
    errorBanner: root.locator('[part="error"]'),
    async send(text) {
      await parts.composer.fill(text);
      await parts.composer.press("Enter");
    },
    async expectMessage(text, { direction, timeout } = {}) {
      const shown = direction === "in" ? parts.incoming : direction === "out" ? parts.outgoing : messages;
      const exactly = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
      await expect(shown.filter({ hasText: exactly })).not.toHaveCount(0, { timeout });
    },
    async waitForStatus(status, { timeout } = {}) {
      await expect(root).toHaveAttribute("status", status, { timeout });
    },
    events: () => widgetEvents(page),
    async disconnect() {
      await root.evaluate((element: HTMLElement & { disconnect(): Promise<void> }) => element.disconnect());
    },
  };
  return Object.assign(root, parts);
}

/** Adds a widget to the host page with the given properties and starts recording its events. */
export async function addWidget(page: Page, props: WidgetProps): Promise<Widget> {
  await page.evaluate((properties) => {
    const element = document.createElement("xmppmini-chat") as HTMLElement & Record<string, unknown>;
    const events: Array<{ type: string; detail: unknown }> = [];
    (window as unknown as { widgetEvents: typeof events }).widgetEvents = events;
    for (const type of ["xmppmini-status", "xmppmini-message", "xmppmini-error"]) {
      document.addEventListener(type, (event) => events.push({ type, detail: (event as CustomEvent).detail }));
    }
    Object.assign(element, properties);
    document.getElementById("slot")!.append(element);
  }, props);
  return widgetOn(page);
}

/** The events the widget fired so far, in order. */
export function widgetEvents(page: Page): Promise<WidgetEvent[]> {
  return page.evaluate(() => (window as unknown as { widgetEvents: WidgetEvent[] }).widgetEvents);
}

/** Waits until the host page has defined the element (its script ran). */
export async function hostReady(page: Page): Promise<void> {
  await page.waitForFunction(() => customElements.get("xmppmini-chat") !== undefined);
}

/** Reloads the host page and waits until it can take a widget again. */
export async function reloadHost(page: Page): Promise<void> {
  await page.reload();
  await hostReady(page);
}

/** Opens the host page in another tab of `context` (the same browser: the same storage). */
export async function openHost(context: BrowserContext, siteUrl: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${siteUrl}/host.html`);
  await hostReady(page);
  return page;
}
