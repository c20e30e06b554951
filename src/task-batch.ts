/**
 * Collects items handed in during one task and gives them to `flush` together, in order, in a task of
 * its own right after: a burst of a thousand messages is then one IndexedDB transaction and one
 * BroadcastChannel post, not a thousand of each (together they made a 650-ms task over BOSH).
 *
 * The next task comes from a MessageChannel, not setTimeout(0): a hidden tab's timers wait a second or
 * more, and the tab holding the connection is often the hidden one.
 */
export class TaskBatch<T> {
  #items: T[] = [];
  readonly #channel: MessageChannel | undefined;

  constructor(private readonly flush: (items: T[]) => void) {
    if (typeof MessageChannel === "function") {
      this.#channel = new MessageChannel();
      this.#channel.port1.addEventListener("message", () => this.flushNow());
      this.#channel.port1.start();
    }
  }

  add(item: T): void {
    this.#items.push(item);
    if (this.#items.length > 1) return;
    if (this.#channel) this.#channel.port2.postMessage(null);
    else setTimeout(() => this.flushNow(), 0);
  }

  /** Hands over what is waiting now (before a read that must see it, or a close). */
  flushNow(): void {
    if (this.#items.length === 0) return;
    const items = this.#items;
    this.#items = [];
    this.flush(items);
  }

  /** Stops the channel; what is still waiting is handed over first. */
  close(): void {
    this.flushNow();
    this.#channel?.port1.close();
  }
}
