import type { ChatMessage } from "../xmpp/chat-message.js";
import type { XmppminiErrorCode } from "../errors.js";
import type { ChatState } from "../xmpp/chat-states.js";
import type { PeerNews } from "./peer-watch.js";
import type { UploadTabMessage } from "./upload-slots.js";
import type { RoomView } from "./rooms.js";
import { TaskBatch } from "../task-batch.js";
import { skipOnError } from "./skip-on-error.js";

/** What tabs of one account tell each other. The leader holds the connection; followers mirror it. */
export type TabMessage =
  | { type: "hello" }
  | {
      type: "status";
      status: "offline" | "connecting" | "online" | "error";
      retryAt?: number;
      transport?: "websocket" | "bosh";
    }
  | { type: "message"; message: ChatMessage }
  | { type: "update"; message: ChatMessage }
  | { type: "send"; message: ChatMessage }
  | { type: "retry"; id: string }
  | { type: "displayed"; peer: string }
  | { type: "read"; peer: string; upTo: number }
  | { type: "peer"; peer: string; news: PeerNews }
  | { type: "chat-state"; peer: string; state: ChatState }
  /** A follower shows `peer`: the leader asks for its vCard and avatar. */
  | { type: "profile"; peer: string }
  | { type: "error"; code: XmppminiErrorCode; message: string }
  | { type: "room"; view: RoomView }
  | { type: "join"; room: string; nick: string; password?: string }
  | { type: "leave"; room: string }
  | UploadTabMessage;

/**
 * One connection per account per browser: tabs elect a leader with the Web Locks API (the lock is held
 * for the leader tab's life and passes to a waiting tab when it closes) and talk over a BroadcastChannel.
 * Where either API is missing, every tab leads on its own.
 */
export class TabCoordinator {
  readonly #channel: BroadcastChannel | null;
  /** What one task says goes out as one post, in order (see TaskBatch): a burst is not a thousand clones. */
  readonly #outgoing = new TaskBatch<TabMessage>((messages) => this.#send(messages));
  readonly #abort = new AbortController();
  #release: (() => void) | undefined;
  #leader = false;
  /** The check of what other tabs send, a chunk of its own: a page open in one tab never needs it. */
  #shapes: Promise<typeof import("./tab-message-shape.js")> | undefined;

  constructor(
    private readonly name: string,
    onMessage: (message: TabMessage) => void,
  ) {
    this.#channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(name) : null;
    this.#channel?.addEventListener("message", (event: MessageEvent<TabMessage[]>) => {
      if (!Array.isArray(event.data)) return;
      const batch = event.data as unknown[];
      // One promise for every batch: they are handled in the order they came.
      this.#shapes ??= import("./tab-message-shape.js");
      void this.#shapes.then(({ isTabMessage }) => {
        if (this.#abort.signal.aborted) return;
        for (const message of batch) {
          if (isTabMessage(message)) skipOnError("a message from another tab", () => onMessage(message));
          else console.warn("xmppmini-chat: skipped a message of unknown shape from another tab.", message);
        }
      });
    });
  }

  get leader(): boolean {
    return this.#leader;
  }

  /**
   * Calls `lead` once this tab holds the account's lock: at once, or when the current leader goes away.
   * Resolves true when this tab leads at once, false when it waits behind another tab.
   */
  elect(lead: () => void): Promise<boolean> {
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    const becomeLeader = () => {
      this.#leader = true;
      lead();
      // Held until close(): the lock is the leadership.
      return new Promise<void>((release) => (this.#release = release));
    };
    if (!locks || !this.#channel) {
      void becomeLeader();
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      locks
        .request(this.name, { ifAvailable: true }, (lock) => {
          resolve(lock !== null);
          if (lock) return becomeLeader();
          locks.request(this.name, { signal: this.#abort.signal }, becomeLeader).catch(() => undefined); // aborted by close()
          return undefined;
        })
        .catch(() => resolve(false));
    });
  }

  post(message: TabMessage): void {
    if (this.#channel) this.#outgoing.add(message);
  }

  #send(messages: TabMessage[]): void {
    try {
      this.#channel?.postMessage(messages);
    } catch {
      // One message that cannot be cloned must not hold back the others: they go one by one. (The one
      // that cannot is not worth breaking the chat for; the store still has it.)
      for (const message of messages) {
        try {
          this.#channel?.postMessage([message]);
        } catch {
          // see above
        }
      }
    }
  }

  /** Gives up leadership (or the wait for it) and stops listening. */
  close(): void {
    this.#abort.abort();
    this.#release?.();
    this.#release = undefined;
    this.#leader = false;
    this.#outgoing.close();
    this.#channel?.close();
  }
}
