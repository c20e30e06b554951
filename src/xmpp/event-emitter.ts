// Stands in for the `events` package (Node's EventEmitter ported to browsers) in the bundle; see
// vite.config.ts. xmpp.js and ltx use a small part of it: on/addListener, once, emit, removeListener/off,
// removeAllListeners, and the rule that an "error" nobody listens to is thrown. The port carries all of
// Node's API besides (1.2 KB gzip of the widget, measured when it was replaced).

// Listeners take whatever their event carries, as in Node's typings.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => void;
type EventName = string | symbol;

/** A `once` listener, remembering the one it wraps so that removing the original removes it. */
interface OnceWrapper extends Listener {
  listener: Listener;
}

export class EventEmitter {
  readonly #listeners = new Map<EventName, Listener[]>();

  on(event: EventName, listener: Listener): this {
    const list = this.#listeners.get(event);
    if (list) list.push(listener);
    else this.#listeners.set(event, [listener]);
    return this;
  }

  addListener(event: EventName, listener: Listener): this {
    return this.on(event, listener);
  }

  once(event: EventName, listener: Listener): this {
    const wrapper = ((...args: unknown[]) => {
      this.removeListener(event, wrapper);
      listener.apply(this, args);
    }) as OnceWrapper;
    wrapper.listener = listener;
    return this.on(event, wrapper);
  }

  /** Removes the most recently added registration of `listener` (as Node does). */
  removeListener(event: EventName, listener: Listener): this {
    const list = this.#listeners.get(event);
    if (!list) return this;
    for (let index = list.length - 1; index >= 0; index -= 1) {
      const registered = list[index]!;
      if (registered === listener || (registered as Partial<OnceWrapper>).listener === listener) {
        list.splice(index, 1);
        break;
      }
    }
    if (list.length === 0) this.#listeners.delete(event);
    return this;
  }

  off(event: EventName, listener: Listener): this {
    return this.removeListener(event, listener);
  }

  removeAllListeners(event?: EventName): this {
    if (event === undefined) this.#listeners.clear();
    else this.#listeners.delete(event);
    return this;
  }

  listenerCount(event: EventName): number {
    return this.#listeners.get(event)?.length ?? 0;
  }

  /**
   * Calls the event's listeners in the order they were added (those added meanwhile wait for the next
   * emit). An "error" without listeners is thrown, as in Node: a failure nobody handles is not lost.
   */
  emit(event: EventName, ...args: unknown[]): boolean {
    const list = this.#listeners.get(event);
    if (!list || list.length === 0) {
      if (event !== "error") return false;
      const [error] = args;
      throw error instanceof Error ? error : new Error(`Unhandled error event: ${String(error)}`);
    }
    for (const listener of [...list]) listener.apply(this, args);
    return true;
  }

  /** Node warns past a listener count; nothing here counts, so there is nothing to set. */
  setMaxListeners(): this {
    return this;
  }
}

export default EventEmitter;
