import type { ReactiveController, ReactiveControllerHost } from "lit";

/**
 * Where the message list is scrolled: it follows the newest message unless the person scrolled up to read
 * older ones (also when rows change height after rendering: rows far from view are sized by estimate until
 * they come into view), and when older messages go in above, what the person was reading stays in place.
 */
export class MessageScroller implements ReactiveController {
  #follow = true;
  /** Distance from the list's bottom to keep while older messages are inserted above. */
  #anchor: number | undefined;
  #resize: ResizeObserver | undefined;
  #watched: Element | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment },
  ) {
    host.addController(this);
  }

  #list(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>(".messages");
  }

  /** Another conversation is shown: start at its newest message. */
  followNewest(): void {
    this.#follow = true;
  }

  /** The person scrolled: follow the newest message only while near it. */
  scrolled(list: HTMLElement): void {
    this.#follow = list.scrollHeight - list.scrollTop - list.clientHeight < 120;
  }

  /** The list's distance from its bottom now: measure before older messages go in above... */
  placeFromBottom(): number | undefined {
    const list = this.#list();
    return list ? list.scrollHeight - list.scrollTop : undefined;
  }

  /** ...and keep it at the next update, so what the person was reading stays in place. */
  keepPlace(fromBottom: number | undefined): void {
    this.#anchor = fromBottom;
  }

  hostUpdated(): void {
    const list = this.#list();
    this.#watch(list);
    if (!list) return;
    if (this.#anchor !== undefined) {
      list.scrollTop = list.scrollHeight - this.#anchor;
      this.#anchor = undefined;
      return;
    }
    if (this.#follow) list.scrollTop = list.scrollHeight;
  }

  hostDisconnected(): void {
    this.#resize?.disconnect();
    this.#watched = null;
  }

  #watch(list: HTMLElement | null): void {
    const rows = list?.querySelector("ol") ?? null;
    if (rows === this.#watched) return;
    this.#resize?.disconnect();
    this.#watched = rows;
    if (!rows || !list) return;
    this.#resize = new ResizeObserver(() => {
      if (this.#follow && this.#anchor === undefined) list.scrollTop = list.scrollHeight;
    });
    this.#resize.observe(rows);
  }
}
