import type { ChatMessage } from "../../xmpp/chat-message.js";
import type { NotifyOption } from "./notify-options.js";

/**
 * Tells the person about unread messages in the ways the host page allowed: the page title's count, a
 * short tone, and a system notification while the page is hidden. The page's own title is restored when
 * nothing is unread. Permission for system notifications is asked only after a user gesture. Loaded only
 * where the host page asks for notifications (a chunk of its own).
 */
export class Notifier {
  #options = new Set<NotifyOption>();
  /** The page's title as it was before we prefixed a count. */
  #pageTitle: string | undefined;
  #audio: AudioContext | undefined;

  set options(options: Set<NotifyOption>) {
    this.#options = options;
    if (!options.has("title")) this.showUnread(0);
  }

  /** Shows `count` unread messages in the page title (or restores it at 0). */
  showUnread(count: number): void {
    if (count > 0 && this.#options.has("title")) {
      this.#pageTitle ??= document.title;
      document.title = `(${count}) ${this.#pageTitle}`;
    } else if (this.#pageTitle !== undefined) {
      document.title = this.#pageTitle;
      this.#pageTitle = undefined;
    }
  }

  /** A new message that the person has not seen arrived. */
  arrived(message: ChatMessage, strings: { newMessageFrom: (peer: string) => string }): void {
    if (this.#options.has("sound")) this.#tone();
    if (
      this.#options.has("system") &&
      document.visibilityState === "hidden" &&
      typeof Notification === "function" &&
      Notification.permission === "granted"
    ) {
      // One notification per conversation: a newer one replaces it.
      new Notification(strings.newMessageFrom(message.peer), {
        body: (message.body || message.call?.uri || "").slice(0, 200),
        tag: `xmppmini-chat:${message.peer}`,
      });
    }
  }

  /** Called on a user gesture inside the widget: the only moment browsers let a page ask. */
  askPermission(): void {
    if (this.#options.has("system") && typeof Notification === "function" && Notification.permission === "default") {
      void Notification.requestPermission().catch(() => undefined); // refused or unsupported: no notifications
    }
  }

  #tone(): void {
    try {
      this.#audio ??= new AudioContext();
      const oscillator = this.#audio.createOscillator();
      const gain = this.#audio.createGain();
      oscillator.frequency.value = 880;
      gain.gain.setValueAtTime(0.08, this.#audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.0001, this.#audio.currentTime + 0.15);
      oscillator.connect(gain).connect(this.#audio.destination);
      oscillator.start();
      oscillator.stop(this.#audio.currentTime + 0.15);
    } catch {
      // No audio here (or autoplay blocked): the other signs still show.
    }
  }
}
