import { viewOf, type RoomEntry, type RoomView } from "./room-state.js";

/**
 * Tells rooms' new views: at once for what changes what we can do there (joined, left, refused, a new
 * subject); else once for all that came within `gatherMs`. A big room's join or a wave of departures is
 * thousands of presences, each in a task of its own over WebSocket, and each view is copied to the UI and
 * the other tabs: told per presence (or per task), that was quadratic.
 */
export class RoomNews {
  /** Rooms whose occupants changed since their view was last told. */
  readonly #dirty = new Set<RoomEntry>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly tell: (view: RoomView) => void,
    /** Whether `entry` is still its room's: a room joined again meanwhile has a new entry, told on its own. */
    private readonly current: (entry: RoomEntry) => boolean,
    /** How long occupants' comings and goings gather before a room's view is told again. */
    private readonly gatherMs: number,
  ) {}

  changed(entry: RoomEntry, now = false): void {
    if (now) {
      this.#dirty.delete(entry);
      this.tell(viewOf(entry));
      return;
    }
    this.#dirty.add(entry);
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.#tellDirty();
    }, this.gatherMs);
  }

  #tellDirty(): void {
    const dirty = [...this.#dirty];
    this.#dirty.clear();
    for (const entry of dirty) if (this.current(entry)) this.tell(viewOf(entry));
  }
}
