/**
 * Public ↔ real addresses (xmppmini dynamic hosts): people see `node@domain`, the server knows
 * `node@host`. Learned from resolver answers; an unknown address maps to itself.
 */
export class AddressMap {
  readonly #toReal = new Map<string, string>();
  readonly #toPublic = new Map<string, string>();

  remember(publicJid: string, realJid: string): void {
    this.#toReal.set(publicJid, realJid);
    this.#toPublic.set(realJid, publicJid);
  }

  realOf(publicJid: string): string | undefined {
    return this.#toReal.get(publicJid);
  }

  publicOf(realJid: string): string | undefined {
    return this.#toPublic.get(realJid);
  }
}
