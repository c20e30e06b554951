import { parseJid } from "../jid/jid.js";
import type { XmppminiResolver } from "../xmppmini/resolver.js";
import { AddressMap } from "./address-map.js";

/**
 * Translates between the addresses people use and the ones the server routes, for one signed-in account.
 * Outgoing: a peer's public address is resolved with the xmppmini rules (seed 000: the client may do the
 * lookup itself). Incoming: a real address maps back to the public one where the mapping is known.
 */
export class Addressing {
  readonly #map = new AddressMap();
  readonly #pending = new Map<string, Promise<string>>();

  constructor(
    /** Only its peer lookups are asked (a test passes a directory of its own). */
    private readonly resolver: Pick<XmppminiResolver, "resolveAddress">,
    /** The account's public domain when it was placed by a get_host directory; peers there are sharded too. */
    private readonly dynamicDomain: string | undefined,
  ) {}

  remember(publicJid: string, realJid: string): void {
    this.#map.remember(publicJid, realJid);
  }

  /** The real address to send to; throws the resolver's typed error when a directory fails. */
  async toReal(publicJid: string, signal?: AbortSignal): Promise<string> {
    const known = this.#map.realOf(publicJid);
    if (known) return known;
    let pending = this.#pending.get(publicJid);
    if (!pending) {
      pending = this.resolver.resolveAddress(publicJid, signal).then(({ realJid }) => {
        this.#map.remember(publicJid, realJid);
        return realJid;
      });
      this.#pending.set(publicJid, pending);
      void pending.finally(() => this.#pending.delete(publicJid)).catch(() => undefined);
    }
    return pending;
  }

  /** The public address to show for a sender. */
  async toPublic(realJid: string): Promise<string> {
    const known = this.#map.publicOf(realJid);
    if (known) return known;
    const real = parseJid(realJid);
    if (!this.dynamicDomain || !real.local || real.domain === this.dynamicDomain) return realJid;
    // A sender on another shard of our domain: ask the directory where node@domain lives; if that is this
    // sender, show node@domain. Any failure just leaves the real address showing, which is still true.
    const candidate = `${real.local}@${this.dynamicDomain}`;
    try {
      const { realJid: resolved } = await this.resolver.resolveAddress(candidate);
      if (resolved === realJid) {
        this.#map.remember(candidate, realJid);
        return candidate;
      }
    } catch {
      // see above: the real address is shown instead
    }
    return realJid;
  }
}
