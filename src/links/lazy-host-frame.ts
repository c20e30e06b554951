import type { HostFrame, HostFrameOptions } from "./host-frame.js";

/**
 * A HostFrame whose code (host-frame.ts and the link parsing under it) is fetched only when a page
 * configures a roster or an upload page. Until it is here the frame is not drawn (`ready()` says so and
 * asks for a render once it is), so every page the frame loads is watched.
 */
export class LazyHostFrame {
  #frame: HostFrame | undefined;
  #loading: Promise<void> | undefined;
  #connected = false;

  constructor(private readonly options: HostFrameOptions) {}

  connect(): void {
    this.#connected = true;
    this.#frame?.connect();
  }

  disconnect(): void {
    this.#connected = false;
    this.#frame?.disconnect();
  }

  /** Whether the frame may be drawn now; if not, its code is fetched and `loaded` runs once it is here. */
  ready(loaded: () => void): boolean {
    if (this.#frame) return true;
    this.#loading ??= import("./host-frame.js").then(
      ({ HostFrame }) => {
        this.#frame = new HostFrame(this.options);
        if (this.#connected) this.#frame.connect();
      },
      (error: unknown) => {
        // Asked again at the next render.
        this.#loading = undefined;
        this.options.failed(error);
      },
    );
    void this.#loading.then(() => this.#frame && loaded());
    return false;
  }

  /** Bind as the iframe's `load` listener (drawn only once `ready()`). */
  readonly onLoad = (event: Event): void => this.#frame?.onLoad(event);
}
