// Composes xmpp.js's parts into a browser client. We do not use @xmpp/client's own factory: its browser
// build drops SCRAM (ours is on WebCrypto, scram.ts; SASL itself is sasl.ts), its resolver pulls Node's DNS module into bundles, and its reconnect plugin
// retries every second forever. Here each concern is plugged in explicitly and reconnecting is ours.
import { Client } from "@xmpp/client-core";
import websocket from "@xmpp/websocket";
import middlewareFactory, { type Middleware } from "@xmpp/middleware";
import streamFeaturesFactory from "@xmpp/stream-features";
import iqCallerFactory, { type IqCaller } from "@xmpp/iq/caller.js";
import iqCalleeFactory, { type IqCallee } from "@xmpp/iq/callee.js";
import xml, { type Element } from "@xmpp/xml";
import { XmppminiError } from "../errors.js";
import { letServerCloseFirst, refuseWritesOnClosedSocket } from "./closed-socket-guard.js";
import { authenticate, NS_SASL, type SaslMechanism } from "./sasl.js";
import { chooseMechanism, plainRefusal, SaslAnonymous, SaslPlain, type SignInTarget } from "./sasl-policy.js";
import { Scram, type ScramHash } from "./scram.js";
import { NS_SM, type StreamManagement } from "./stream-management.js";
import type { Registration } from "./registration.js";

const NS_BIND = "urn:ietf:params:xml:ns:xmpp-bind";

/** Registers a transport with a client entity (xmpp.js's plugin shape). */
export type TransportPlugin = (parts: { entity: { transports: unknown[] } }) => void;

export interface ConnectionOptions {
  /** A ws:// or wss:// URL (RFC 7395), or an http(s):// BOSH URL (XEP-0206). */
  service: string;
  /**
   * The BOSH transport (connection-bosh.ts), for an http(s):// service. Passed in rather than imported:
   * only pages that use BOSH load it (see sign-in.ts).
   */
  bosh?: TransportPlugin;
  /** The domain of the account, sent as the stream's `to` (RFC 6120 §4.7.2). */
  domain: string;
  /**
   * Where the password may go in the clear (sasl-policy.ts): the domain of the account as the page named
   * it (default `domain`), and whether the page gave `service` itself rather than a lookup finding it.
   */
  accountDomain?: string;
  explicitService?: boolean;
  username: string;
  password: string;
  /** Sign in with SASL ANONYMOUS (RFC 4505): the server makes up a temporary account, learned at bind. */
  anonymous?: boolean;
  resource?: string;
  /** How long to wait for each negotiation step, in ms. */
  stepTimeoutMs?: number;
  /** The session's stream management (XEP-0198), shared by the connections that resume it. */
  streamManagement?: StreamManagement;
  /** A guest's account still to be created (XEP-0077) before signing in to it; see registration.ts. */
  registration?: Registration;
}

/** How the stream was set up, known once `entity.start()` resolved. */
export interface Negotiated {
  /** The previous session was resumed: presence, carbons and the server's queue are as they were. */
  resumed: boolean;
  /** Stanzas of the previous session the server may not have received (its resumption failed). */
  lost: Element[];
}

export interface XmppConnection {
  entity: Client;
  middleware: Middleware;
  iqCaller: IqCaller;
  iqCallee: IqCallee;
  negotiated: Negotiated;
}

export function createXmppConnection(options: ConnectionOptions): XmppConnection {
  const entity = new Client({ service: options.service, domain: options.domain });
  entity.timeout = options.stepTimeoutMs ?? 15000;
  // Data can still arrive after the stream was closed; xmpp.js would write it into the parser it already
  // dropped and throw out of the socket's handler, into the host page.
  const onData = entity._onData.bind(entity);
  entity._onData = (data: unknown) => {
    if (entity.parser) onData(data);
  };
  refuseWritesOnClosedSocket(entity);
  letServerCloseFirst(entity);
  websocket({ entity });
  options.bosh?.({ entity });

  const middleware = middlewareFactory({ entity });
  const streamFeatures = streamFeaturesFactory({ middleware });
  const iqCaller = iqCallerFactory({ middleware, entity });
  const iqCallee = iqCalleeFactory({ middleware, entity });

  // Ahead of SASL: a guest's account is created first, on this stream.
  options.registration?.plugIn(streamFeatures, iqCaller, options);

  // RFC 6120 §6.4: authenticate with the mechanism the policy picks, then restart the stream (§6.4.6).
  const target: SignInTarget = {
    service: options.service,
    accountDomain: options.accountDomain ?? options.domain,
    explicit: options.explicitService ?? false,
  };
  streamFeatures.use("mechanisms", NS_SASL, async (_context: unknown, _next: unknown, feature: Element) => {
    const offered = feature.getChildren("mechanism", NS_SASL).map((mechanism) => mechanism.text().trim());
    const name = chooseMechanism(offered, target, options.anonymous);
    if (!name) throw noMechanism(offered, target, options);
    await authenticate(entity, createMechanism(name), { username: options.username, password: options.password });
    await entity.restart();
  });

  const negotiated: Negotiated = { resumed: false, lost: [] };
  const sm = options.streamManagement;
  sm?.attach(entity);
  const stepTimeoutMs = entity.timeout;
  // RFC 6120 §7 resource binding, with XEP-0198 next to it: resume the previous session instead of
  // binding when we can, and enable stream management right after binding, before the stream counts as
  // online, so nothing the session sends slips past the counters.
  streamFeatures.use("bind", NS_BIND, async (context: { stanza: Element }) => {
    const offersSm = context.stanza.getChild("sm", NS_SM) !== undefined;
    if (sm && offersSm && sm.resumable) {
      const attempt = await sm
        .resume(entity, stepTimeoutMs)
        .catch(() => ({ outcome: "failed" as const, lost: sm.reset() }));
      if (attempt.outcome === "resumed") {
        negotiated.resumed = true;
        entity._ready(false);
        return;
      }
      negotiated.lost = attempt.lost;
    } else if (sm?.resumable) {
      negotiated.lost = sm.reset();
    }
    const bound = await iqCaller.set(
      xml("bind", { xmlns: NS_BIND }, options.resource ? xml("resource", {}, options.resource) : undefined),
    );
    entity._jid(bound.getChildText("jid") ?? "");
    if (sm && offersSm) await sm.enable(entity, stepTimeoutMs);
    entity._ready(false);
  });

  return { entity, middleware, iqCaller, iqCallee, negotiated };
}

function createMechanism(name: string): SaslMechanism {
  if (name === "PLAIN") return new SaslPlain();
  if (name === "ANONYMOUS") return new SaslAnonymous();
  return new Scram(name.slice("SCRAM-".length) as ScramHash);
}

/** Says why no mechanism may be used: the server's offer, or our refusal to send the password somewhere. */
function noMechanism(offered: string[], target: SignInTarget, options: ConnectionOptions): XmppminiError {
  const list = offered.join(", ") || "nothing";
  if (options.anonymous) {
    return new XmppminiError(
      "no-mechanism",
      `${options.domain} does not allow anonymous sign-in (it offers: ${list}). ` +
        'Name the server\'s anonymous host in the domain attribute, or use login="guest".',
    );
  }
  const refusal = offered.includes("PLAIN") ? plainRefusal(target) : undefined;
  if (refusal) {
    return new XmppminiError(
      "no-mechanism",
      `The server offers PLAIN but no SCRAM sign-in (offered: ${list}), and PLAIN was not used: ${refusal}.`,
    );
  }
  return new XmppminiError(
    "no-mechanism",
    `The server offers no sign-in method this widget supports (offered: ${list}). Enable SCRAM-SHA-1 or SCRAM-SHA-256 on the server.`,
  );
}
