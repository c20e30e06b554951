import { XmppminiError } from "../errors.js";
import type { ResolverOptions, XmppminiResolver } from "./resolver.js";

/** What a session asks of the xmppmini rules. */
export type AddressResolver = Pick<XmppminiResolver, "resolveAccount" | "resolveAddress" | "forget">;

/**
 * The xmppmini resolver with its code fetched at its first use: a page that names its server (`service`)
 * opens a usable chat without it, and the first lookup (there, a peer's, on the first message) waits for
 * one request. `options` may fetch code of its own (the cache). A failed fetch is a typed `network-or-cors`
 * error, and the next lookup tries again.
 */
export function lazyResolver(options: () => Promise<ResolverOptions>): AddressResolver {
  let loading: Promise<XmppminiResolver> | undefined;
  const resolver = () =>
    (loading ??= Promise.all([import("./resolver.js"), options()]).then(
      ([{ XmppminiResolver }, resolved]) => new XmppminiResolver(resolved),
      (error: unknown) => {
        loading = undefined;
        throw new XmppminiError("network-or-cors", `The address lookup could not be loaded (${String(error)}).`);
      },
    ));
  return {
    resolveAccount: async (address, signal) => (await resolver()).resolveAccount(address, signal),
    resolveAddress: async (address, signal) => (await resolver()).resolveAddress(address, signal),
    forget: async (address) => (await resolver()).forget(address),
  };
}
