import type { ReactiveController, ReactiveControllerHost } from "lit";

/**
 * Where the message list is scrolled: it follows the newest message unless the person scrolled up to read
 * older ones (also when rows change height after rendering: rows far from view are sized by estimate until
 * they come into view), and when older messages go in above, what the person was reading stays in place.
 */
export class MessageScroller implements ReactiveController {
  #follow = true;
  /** The row to keep in place at the next update, and its distance from the list's top. */
  #anchor: { id: string; offset: number } | undefined;
  #resize: ResizeObserver | undefined;
  #watchedList: HTMLElement | null = null;
  readonly #observed = new Set<Element>();
  #scrollPending = false;

  constructor(private readonly host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment }) {
    host.addController(this);
  }

  #list(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>(".messages");
  }

  /** Another conversation is shown: start at its newest message. */
  followNewest(): void {
    this.#follow = true;
  }

  /** The person scrolled: follow the newest message only while near it (and while it is rendered). */
  scrolled(list: HTMLElement, newestRendered: boolean): void {
    this.#follow = newestRendered && list.scrollHeight - list.scrollTop - list.clientHeight < 120;
  }

  /**
   * Keeps what the person is reading in place through the next update, whatever goes in above it or
   * leaves below: the first row in view is found again and the list scrolled so it sits where it was.
   */
  holdPlace(): void {
    const list = this.#list();
    if (!list) return;
    const top = list.getBoundingClientRect().top;
    for (const row of list.querySelectorAll<HTMLElement>("[data-id]")) {
      const box = row.getBoundingClientRect();
      if (box.bottom <= top) continue;
      this.#anchor = { id: row.dataset.id!, offset: box.top - top };
      return;
    }
  }

  hostUpdated(): void {
    const list = this.#list();
    this.#watch(list);
    if (!list) return;
    const anchor = this.#anchor;
    if (anchor) {
      this.#anchor = undefined;
      const row = list.querySelector(`[data-id="${CSS.escape(anchor.id)}"]`);
      if (row) list.scrollTop += row.getBoundingClientRect().top - list.getBoundingClientRect().top - anchor.offset;
      return;
    }
    if (this.#follow) this.#scrollToNewestBeforePaint();
  }

  /**
   * Scrolls to the newest row before the next paint. Reading the list's height lays it out: done in every
   * update (a sent message changes its row three times: pending, sent, delivered; a burst adds many rows a
   * frame), that layout was made once per update instead of once per frame. A size change is followed by the
   * resize observer, after the frame's layout and before its paint; this frame callback is for the rest.
   */
  #scrollToNewestBeforePaint(): void {
    if (this.#scrollPending) return;
    this.#scrollPending = true;
    requestAnimationFrame(() => {
      this.#scrollPending = false;
      this.#followNewest();
    });
  }

  #followNewest(): void {
    const list = this.#list();
    if (list && this.#follow && this.#anchor === undefined) list.scrollTop = list.scrollHeight;
  }

  hostDisconnected(): void {
    this.#resize?.disconnect();
    this.#resize = undefined;
    this.#watchedList = null;
    this.#observed.clear();
  }

  /** Watches the list's size and that of everything in it (the control above, the rows, who is typing). */
  #watch(list: HTMLElement | null): void {
    if (list !== this.#watchedList) {
      this.#resize?.disconnect();
      this.#resize = undefined;
      this.#observed.clear();
      this.#watchedList = list;
      if (!list) return;
      this.#resize = new ResizeObserver(() => this.#followNewest());
      this.#resize.observe(list);
    }
    const resize = this.#resize;
    if (!list || !resize) return;
    for (const element of this.#observed) {
      if (element.parentElement === list) continue;
      resize.unobserve(element);
      this.#observed.delete(element);
    }
    for (const child of list.children) {
      if (this.#observed.has(child)) continue;
      this.#observed.add(child);
      resize.observe(child);
    }
  }
}
