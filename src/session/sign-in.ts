import TimeoutError from "@xmpp/events/lib/TimeoutError.js";
import xml from "@xmpp/xml";
import type { Jid } from "../jid/jid.js";
import { randomId } from "../random-id.js";
import { capsElement, capsVer, answerEntityQueries } from "../xmpp/capabilities.js";
import { enableCarbons } from "../xmpp/carbons.js";
import { createXmppConnection, type XmppConnection } from "../xmpp/connection.js";
import type { Registration } from "../xmpp/registration.js";
import type { StreamManagement } from "../xmpp/stream-management.js";
import type { Endpoint } from "./endpoints.js";

export interface SignInOptions {
  endpoint: Endpoint;
  /** The account's real address (where the server knows it). */
  real: Jid;
  /** The account's domain as the page named it, before any lookup: PLAIN goes only there (sasl-policy.ts). */
  accountDomain: string;
  password: string;
  /** SASL ANONYMOUS: `real` is the server's domain; the account is the one the server binds. */
  anonymous?: boolean;
  streamManagement: StreamManagement;
  timeoutMs: number;
  /** Create the account first (XEP-0077), while `pending()` says it is not yet created. */
  registration?: Registration;
  /** Wires the session's listeners before the stream opens, so nothing the server sends is missed. */
  listen(connection: XmppConnection): void;
  /** Called as soon as the connection exists, so the caller can tear it down if sign-in is abandoned. */
  created(connection: XmppConnection): void;
}

/**
 * Opens the stream on one endpoint, authenticates, and resumes the previous session (XEP-0198) or binds
 * a new one. A new session announces itself: initial presence with our capabilities (RFC 6121 §4.2,
 * XEP-0115) and carbons (XEP-0280); a resumed one already has both.
 */
export async function signIn(options: SignInOptions): Promise<XmppConnection> {
  const { endpoint, real, password, streamManagement, timeoutMs } = options;
  // Most pages speak WebSocket: the BOSH transport is a chunk of its own, fetched when it is the one used.
  const bosh = endpoint.transport === "bosh" ? (await import("../xmpp/bosh/connection-bosh.js")).default : undefined;
  const connection = createXmppConnection({
    service: endpoint.url,
    ...(bosh && { bosh }),
    domain: real.domain,
    accountDomain: options.accountDomain,
    explicitService: endpoint.explicit,
    username: real.local,
    password,
    ...(options.anonymous && { anonymous: true }),
    resource: `xmppmini-${randomId().slice(0, 8)}`,
    streamManagement,
    ...(options.registration && { registration: options.registration }),
  });
  options.created(connection);
  answerEntityQueries(connection.iqCallee);
  options.listen(connection);
  const ver = capsVer(); // hashed while the stream opens
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError("connect timed out")), timeoutMs);
  });
  try {
    await Promise.race([connection.entity.start(), timedOut]);
  } finally {
    clearTimeout(timer);
  }
  if (connection.negotiated.resumed) return connection;
  await connection.entity.send(xml("presence", {}, capsElement(await ver)));
  // Not waited for: the server handles the stream in order, so carbons are on before anything sent after
  // this (the archive catch-up first), and nothing needs the answer; waiting cost a round trip of every
  // sign-in. A server without carbons: this device simply does not see what the others send and receive.
  enableCarbons(connection.iqCaller).catch(() => undefined);
  return connection;
}
