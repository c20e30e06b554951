// Composes xmpp.js's parts into a browser client. We do not use @xmpp/client's own factory: its browser
// build drops SCRAM-SHA-1, its resolver pulls Node's DNS module into bundles, and its reconnect plugin
// retries every second forever. Here each concern is plugged in explicitly and reconnecting is ours.
import { Client } from "@xmpp/client-core";
import websocket from "@xmpp/websocket";
import bosh from "./bosh/connection-bosh.js";
import middlewareFactory, { type Middleware } from "@xmpp/middleware";
import streamFeaturesFactory from "@xmpp/stream-features";
import iqCallerFactory, { type IqCaller } from "@xmpp/iq/caller.js";
import iqCalleeFactory, { type IqCallee } from "@xmpp/iq/callee.js";
import sasl from "@xmpp/sasl";
import saslPlain from "@xmpp/sasl-plain";
import saslScramSha1 from "@xmpp/sasl-scram-sha-1";
import resourceBinding from "@xmpp/resource-binding";
import SASLFactory from "saslmechanisms";
import { XmppminiError } from "../errors.js";
import { chooseMechanism } from "./sasl-policy.js";

export interface ConnectionOptions {
  /** A ws:// or wss:// URL (RFC 7395), or an http(s):// BOSH URL (XEP-0206). */
  service: string;
  /** The domain of the account, sent as the stream's `to` (RFC 6120 §4.7.2). */
  domain: string;
  username: string;
  password: string;
  resource?: string;
  /** How long to wait for each negotiation step, in ms. */
  stepTimeoutMs?: number;
}

export interface XmppConnection {
  entity: Client;
  middleware: Middleware;
  iqCaller: IqCaller;
  iqCallee: IqCallee;
}

export function createXmppConnection(options: ConnectionOptions): XmppConnection {
  const entity = new Client({ service: options.service, domain: options.domain });
  entity.timeout = options.stepTimeoutMs ?? 15000;
  websocket({ entity });
  bosh({ entity });

  const middleware = middlewareFactory({ entity });
  const streamFeatures = streamFeaturesFactory({ middleware });
  const iqCaller = iqCallerFactory({ middleware, entity });
  const iqCallee = iqCalleeFactory({ middleware, entity });

  // RFC 6120 §6: registration order is preference order among the offered mechanisms.
  const saslFactory = new SASLFactory();
  saslScramSha1(saslFactory);
  saslPlain(saslFactory);
  sasl({ streamFeatures, saslFactory }, async (authenticate, offered) => {
    const mechanism = chooseMechanism(offered, entity.isSecure());
    if (!mechanism) {
      throw new XmppminiError(
        "no-mechanism",
        `The server offers no sign-in method this widget may use here (offered: ${offered.join(", ") || "none"}). ` +
          "Use a wss:// service URL, or enable SCRAM-SHA-1 on the server.",
      );
    }
    await authenticate({ username: options.username, password: options.password }, mechanism);
  });

  // RFC 6120 §7: the server assigns the full JID; we suggest a resource.
  resourceBinding({ streamFeatures, iqCaller }, options.resource);

  return { entity, middleware, iqCaller, iqCallee };
}
