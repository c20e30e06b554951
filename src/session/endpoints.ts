import { XmppminiError } from "../errors.js";
import type { Resolution } from "../xmppmini/resolver.js";

export type Transport = "websocket" | "bosh";

export interface Endpoint {
  readonly url: string;
  readonly transport: Transport;
  /** The page gave it (the `service` option); a looked-up one is trusted less with a password (sasl-policy.ts). */
  readonly explicit: boolean;
}

/** Checks a service URL: ws(s):// is WebSocket (RFC 7395), http(s):// is BOSH (XEP-0206). */
export function endpointOf(service: string, explicit = true): Endpoint {
  let url: URL;
  try {
    url = new URL(service);
  } catch {
    throw new XmppminiError(
      "invalid-config",
      `The service "${service}" is not a URL. Use a wss:// (WebSocket) or https:// (BOSH) address.`,
    );
  }
  if (url.protocol === "ws:" || url.protocol === "wss:") return { url: url.href, transport: "websocket", explicit };
  if (url.protocol === "http:" || url.protocol === "https:") return { url: url.href, transport: "bosh", explicit };
  throw new XmppminiError(
    "invalid-config",
    `The service "${service}" must start with wss:// or ws:// (WebSocket), or https:// or http:// (BOSH).`,
  );
}

/**
 * The endpoints to try, in order: an explicit service alone; else the resolution's WebSocket, then its
 * BOSH endpoint as the fallback for networks that block WebSocket.
 */
export function endpointCandidates(service: string | undefined, resolution: Resolution): Endpoint[] {
  if (service) return [endpointOf(service)];
  return [resolution.websocket, resolution.bosh]
    .filter((url): url is string => url !== undefined)
    .map((url) => endpointOf(url, false));
}

/**
 * SCRAM (RFC 5802) and the caps hash need WebCrypto, which browsers withhold from pages that are not a
 * secure context (plain http other than localhost). Say so up front instead of failing mid-handshake.
 */
export function requireSecureContextCrypto(): void {
  if (globalThis.crypto?.subtle) return;
  throw new XmppminiError(
    "invalid-config",
    "This page is served over plain http, where browsers withhold the cryptography needed to sign in. Serve the page over https.",
  );
}
