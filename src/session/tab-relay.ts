import { TabCoordinator, type TabMessage } from "./tab-coordinator.js";

/** Opens the channel between the tabs of one account (a fake one in tests). */
export type OpenTabChannel = (name: string, receive: (message: TabMessage) => void) => TabCoordinator;

/**
 * This tab's side of the conversation between the tabs of one account. The leader holds the connection
 * and tells its news; the others mirror it and hand it their commands. Every public action that needs the
 * connection goes through `command`, every piece of leader news through `announce`, so no part of the
 * session repeats the "follower posts, leader acts" branch.
 */
export class TabRelay {
  #tabs: TabCoordinator | null = null;

  constructor(private readonly openChannel: OpenTabChannel = (name, receive) => new TabCoordinator(name, receive)) {}

  /** Whether this tab holds the account's connection; a lone tab (or one without tab APIs) does. */
  get leading(): boolean {
    return this.#tabs?.leader ?? true;
  }

  /**
   * Joins the tabs of `account`, replacing any earlier channel: `receive` gets the others' messages, `lead`
   * runs once this tab holds the connection (at once, or when the leader goes away). Resolves true when
   * this tab leads at once.
   */
  join(account: string, receive: (message: TabMessage) => void, lead: () => void): Promise<boolean> {
    this.#tabs?.close();
    const tabs = this.openChannel(`xmppmini-chat:${account}`, receive);
    this.#tabs = tabs;
    tabs.post({ type: "hello" });
    return tabs.elect(() => {
      if (this.#tabs === tabs) lead();
    });
  }

  /** Tells every other tab, whichever leads. */
  post(message: TabMessage): void {
    this.#tabs?.post(message);
  }

  /** The leader's news: told to the other tabs only by the tab that leads. */
  announce(message: TabMessage): void {
    if (this.#tabs?.leader) this.#tabs.post(message);
  }

  /**
   * Runs `act` here when this tab leads; otherwise hands `message` to the leader, which acts on it, and runs
   * `meanwhile` (what a follower shows until the leader's news comes back).
   */
  command<T>(message: TabMessage, act: () => T, meanwhile?: () => void): T | undefined {
    if (this.leading) return act();
    meanwhile?.();
    this.#tabs?.post(message);
    return undefined;
  }

  /** Leaves the account's tabs (and any wait for the lead). */
  close(): void {
    this.#tabs?.close();
    this.#tabs = null;
  }
}
