import type { Avatar } from "../xmpp/profile-queries.js";
import type { XmppConnection } from "../xmpp/connection.js";
import type { AccountScope } from "./account-scope.js";
import type { Addressing } from "./addressing.js";
import type { TabRelay } from "./tab-relay.js";

/** What the widget knows of a contact to show it: kept per conversation in the store. */
export interface Profile {
  /** What the host page called it (`peer-name`, a name with a chat link or in `xmppmini:open`). */
  readonly hostName?: string;
  /** Its vCard's full name, else its nickname (XEP-0054). */
  readonly name?: string;
  /** Its picture: its avatar (XEP-0084), else its vCard's photo. */
  readonly avatar?: Avatar;
}

/** A contact's vCard or avatar that does not come within this long is asked for again at the next connection. */
const QUERY_TIMEOUT_MS = 15_000;

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
 * for each contact the page shows, by the tab that holds the connection, and kept in the store with what
 * the host page called them. A presence naming another photo (XEP-0153) asks again.
 */
export class Profiles {
  /** Contacts asked for on this connection (or being asked). */
  readonly #asked = new Set<string>();
  /** In a tab that does not lead: contacts the leader was asked for, once per page. */
  readonly #handedOn = new Set<string>();

  constructor(private readonly hooks: ProfileHooks) {}

  /** The page shows `peer`: its profile is asked for, once per connection (by the leader). */
  want(peer: string): void {
    if (this.hooks.relay.leading) {
      void this.#fetch(peer);
      return;
    }
    if (this.#handedOn.has(peer)) return;
    this.#handedOn.add(peer);
    this.hooks.relay.command({ type: "profile", peer }, () => void this.#fetch(peer));
  }

  /** A presence of `peer` named the SHA-1 of its photo (XEP-0153; "" for none): asked again if it is another. */
  photo(peer: string, hash: string): void {
    const known = this.hooks.account()?.marks.profile(peer)?.avatar?.hash ?? "";
    if (known === hash || !this.#asked.has(peer)) return;
    this.#asked.delete(peer);
    void this.#fetch(peer);
  }

  /** What the host page calls `peer`: kept, and shown before any name the contact gives itself. */
  hostName(peer: string, name: string): void {
    const account = this.hooks.account();
    const before = account?.marks.profile(peer);
    if (!account || before?.hostName === name) return;
    this.#store(account, peer, { ...before, hostName: name });
  }

  /** A new XMPP session: every contact is asked for again when shown. */
  reset(): void {
    this.#asked.clear();
  }

  async #fetch(peer: string): Promise<void> {
    const online = this.hooks.online();
    const account = this.hooks.account();
    if (!online || !account || this.#asked.has(peer) || peer.includes("/") || this.hooks.isRoomAddress(peer)) return;
    this.#asked.add(peer);
    try {
      const real = await online.addressing.toReal(peer);
      const { iqCaller } = online.connection;
      // Asking contacts who they are is a chunk of its own: a page whose peers publish nothing still loads it
      // once, after sign-in, not before the first render.
      const { fetchPepAvatar, fetchVcard } = await import("../xmpp/profile-queries.js");
      const [vcard, avatar] = await Promise.all([
        fetchVcard(iqCaller, real, QUERY_TIMEOUT_MS).catch(() => ({}) as const),
        fetchPepAvatar(iqCaller, real, QUERY_TIMEOUT_MS).catch(() => undefined),
      ]);
      const before = account.marks.profile(peer);
      const picture = avatar ?? ("photo" in vcard ? vcard.photo : undefined);
      const after: Profile = {
        ...(before?.hostName && { hostName: before.hostName }),
        ...("name" in vcard && vcard.name && { name: vcard.name }),
        ...(picture && { avatar: picture }),
      };
      if (before?.name !== after.name || before?.avatar?.hash !== after.avatar?.hash) this.#store(account, peer, after);
    } catch {
      this.#asked.delete(peer); // no address for it now: asked again next time it is shown
    }
  }

  #store(account: AccountScope, peer: string, profile: Profile): void {
    account.marks.setProfile(peer, profile);
    this.hooks.changed(peer, profile);
  }
}
