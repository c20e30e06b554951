import { XmppminiError } from "../errors.js";
import { parseJid, type Jid } from "../jid/jid.js";
import type { ChatMessage } from "../xmpp/chat-message.js";
import type { XmppConnection } from "../xmpp/connection.js";
import type { AddressResolver } from "../xmppmini/lazy-resolver.js";
import type { ConversationStore } from "../store/conversation-store.js";
import type { Addressing } from "./addressing.js";
import { ConversationMarks } from "./conversation-marks.js";
import { endpointOf, requireSecureContextCrypto } from "./endpoints.js";
import { Intake } from "./intake.js";
import type { Outbox } from "./outbox.js";
import type { SessionOptions } from "./session-types.js";

/** One signed-in account and what lives as long as it does. */
export interface AccountScope {
  readonly jid: Jid;
  readonly options: SessionOptions;
  readonly resolver: AddressResolver;
  /** Replaced when this tab becomes the leader: another tab's leader may have moved the stored states on. */
  outbox: Outbox;
  readonly intake: Intake;
  readonly marks: ConversationMarks;
}

export interface AccountParts {
  resolver(options: SessionOptions): AddressResolver;
  outbox(account: string): Outbox;
  conversations: ConversationStore;
  /** The current connection's addressing, for the intake. */
  addressing(): Addressing | null;
  /** A message the intake took, for the account it was taken for. */
  accept(account: AccountScope, message: ChatMessage, details: { history: boolean; replyTo: string }): void;
  storageFailed(error: unknown): void;
}

/** Checks what the page asked for before anything connects; throws `invalid-jid` or `invalid-config`. */
export function checkSessionOptions(options: SessionOptions): Jid {
  const jid = parseJid(options.jid);
  if (options.anonymous) {
    if (jid.local)
      throw new XmppminiError(
        "invalid-config",
        `An anonymous sign-in takes a domain, not an address ("${options.jid}").`,
      );
  } else {
    if (!jid.local)
      throw new XmppminiError("invalid-jid", `"${options.jid}" has no user part; sign in as user@domain.`);
    if (!options.password) throw new XmppminiError("invalid-config", "No password is set for this account.");
  }
  if (options.service) endpointOf(options.service);
  const days = options.retentionDays;
  if (days !== undefined && !(Number.isFinite(days) && days > 0)) {
    throw new XmppminiError(
      "invalid-config",
      `retention must be a number of days above 0 (got "${days}"); leave it out to keep all history.`,
    );
  }
  requireSecureContextCrypto();
  return jid;
}

/**
 * The account signed in. Signing in again as the same account keeps its outbox, intake and read marks (a
 * new record with the new options); another account starts from scratch.
 */
export class Accounts {
  #current: AccountScope | null = null;

  constructor(private readonly parts: AccountParts) {}

  get current(): AccountScope | null {
    return this.#current;
  }

  /** Throws `invalid-jid` or `invalid-config` (see checkSessionOptions). `fresh`: another account than before. */
  open(options: SessionOptions): { account: AccountScope; fresh: boolean } {
    const jid = checkSessionOptions(options);
    const resolver = this.parts.resolver(options);
    const previous = this.#current;
    if (previous?.jid.bare === jid.bare) {
      this.#current = { ...previous, options, resolver };
      return { account: this.#current, fresh: false };
    }
    // The intake outlives sign-ins of the same account (the record is replaced): it reaches the account
    // through this holder, and only while that account is the one signed in.
    const current = () => (this.#current?.intake === intake ? this.#current : null);
    const intake: Intake = new Intake(jid.bare, this.parts.addressing, {
      accept: (message, details) => {
        const account = current();
        if (account) this.parts.accept(account, message, details);
      },
      ownMessageSeen: (id) => current()?.outbox.advance(id, "sent"),
    });
    this.#current = {
      jid,
      options,
      resolver,
      outbox: this.parts.outbox(jid.bare),
      intake,
      marks: new ConversationMarks(this.parts.conversations, jid.bare, (error) => this.parts.storageFailed(error)),
    };
    return { account: this.#current, fresh: true };
  }
}

/** Our real bare JID on `connection` (where the server knows us by another address than people do). */
export function ownRealAddress(account: AccountScope, connection: XmppConnection | null): string {
  return connection?.entity.jid?.bare().toString() ?? account.jid.bare;
}
