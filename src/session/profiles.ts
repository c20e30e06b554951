import type { Avatar } from "../xmpp/profile-queries.js";
import type { XmppConnection } from "../xmpp/connection.js";
import type { AccountScope } from "./account-scope.js";
import type { Addressing } from "./addressing.js";
import type { TabRelay } from "./tab-relay.js";

/** What the widget knows of a contact to show it: kept per conversation in the store. */
export interface Profile {
  /** Its vCard's full name, else its nickname (XEP-0054). */
  readonly name?: string;
  /** Its picture: its avatar (XEP-0084), else its vCard's photo. */
  readonly avatar?: Avatar;
}

/** A contact's vCard or avatar that does not come within this long is asked for again at the next connection. */
const QUERY_TIMEOUT_MS = 15_000;
/** A tab that does not lead hands a contact on to the leader at most this often (the leader may have been offline). */
const HAND_ON_AGAIN_MS = 60_000;

export interface ProfileHooks {
  account(): AccountScope | null | undefined;
  online(): { connection: XmppConnection; addressing: Addressing } | null;
  /** Rooms and their occupants have no vCard of their own to ask for here. */
  isRoomAddress(jid: string): boolean;
  relay: TabRelay;
  /** A profile changed: the page and the other tabs hear it. */
  changed(peer: string, profile: Profile): void;
}

/**
 * Who the people we chat with are: their vCard (name, photo) and avatar, asked for once per connection
 * for each contact the page shows, by the tab that holds the connection, and kept in the store. A presence
 * naming another photo than the one it named before (XEP-0153) asks again.
 */
export class Profiles {
  /** Contacts asked for on this connection (or being asked); a failure is not retried until the next one. */
  readonly #asked = new Set<string>();
  /** Contacts being asked for now, and those to ask again once that is done (their photo changed meanwhile). */
  readonly #inFlight = new Set<string>();
  readonly #again = new Set<string>();
  /** The photo hash each contact's presence last named (XEP-0153). */
  readonly #photos = new Map<string, string>();
  /** In a tab that does not lead: when each contact was last handed on to the leader. */
  readonly #handedOn = new Map<string, number>();

  constructor(private readonly hooks: ProfileHooks) {}

  /** The page shows `peer`: its profile is asked for, once per connection (by the leader). */
  want(peer: string): void {
    if (this.hooks.relay.leading) {
      void this.#fetch(peer);
      return;
    }
    const now = Date.now();
    if (now - (this.#handedOn.get(peer) ?? -Infinity) < HAND_ON_AGAIN_MS) return;
    this.#handedOn.set(peer, now);
    this.hooks.relay.command({ type: "profile", peer }, () => void this.#fetch(peer));
  }

  /**
   * A presence of `peer` named the SHA-1 of its vCard photo (XEP-0153; "" for none): asked again when it
   * names another than its presence named before on this connection, or (the first time) than the picture
   * kept. At most once per connection and photo: a picture kept from its avatar (XEP-0084) may differ.
   */
  photo(peer: string, hash: string): void {
    const before = this.#photos.get(peer);
    this.#photos.set(peer, hash);
    const kept = this.hooks.account()?.marks.profile(peer)?.avatar?.hash ?? "";
    if (before === hash || (before === undefined && kept === hash) || !this.#asked.has(peer)) return;
    if (this.#inFlight.has(peer)) {
      this.#again.add(peer);
      return;
    }
    this.#asked.delete(peer);
    void this.#fetch(peer);
  }

  /** A new XMPP session: every contact is asked for again when shown. */
  reset(): void {
    this.#asked.clear();
    this.#photos.clear();
  }

  async #fetch(peer: string): Promise<void> {
    const online = this.hooks.online();
    const account = this.hooks.account();
    if (!online || !account || this.#asked.has(peer) || peer.includes("/") || this.hooks.isRoomAddress(peer)) return;
    this.#asked.add(peer);
    this.#inFlight.add(peer);
    try {
      const real = await online.addressing.toReal(peer);
      const { iqCaller } = online.connection;
      // Asking contacts who they are is a chunk of its own: a page whose peers publish nothing still loads it
      // once, after sign-in, not before the first render.
      const { fetchPepAvatar, fetchVcard } = await import("../xmpp/profile-queries.js");
      // A query that fails (a timeout, the connection gone) says nothing: what was known stays.
      const [vcard, avatar] = await Promise.all([
        fetchVcard(iqCaller, real, QUERY_TIMEOUT_MS).catch(() => undefined),
        fetchPepAvatar(iqCaller, real, QUERY_TIMEOUT_MS).catch(() => null),
      ]);
      const before = account.marks.profile(peer);
      const name = vcard ? vcard.name : before?.name;
      const picture = avatar === null ? before?.avatar : (avatar ?? (vcard ? vcard.photo : before?.avatar));
      const after: Profile = { ...(name && { name }), ...(picture && { avatar: picture }) };
      if (before?.name !== after.name || before?.avatar?.hash !== after.avatar?.hash) {
        account.marks.setProfile(peer, after);
        this.hooks.changed(peer, after);
      }
    } catch {
      // No address for it now, or the queries' code could not be fetched: asked again on the next connection.
    } finally {
      this.#inFlight.delete(peer);
      if (this.#again.delete(peer)) {
        this.#asked.delete(peer);
        void this.#fetch(peer);
      }
    }
  }
}
