// XEP-0077 In-Band Registration, used for guest visitors: a new account is created on the stream, before
// authentication, then signed in to as usual.
import xml, { type Element } from "@xmpp/xml";
import type { IqCaller } from "@xmpp/iq/caller.js";
import type { StreamFeatures } from "@xmpp/stream-features";
import { XmppminiError } from "../errors.js";

const NS_REGISTER = "jabber:iq:register";
const NS_REGISTER_FEATURE = "http://jabber.org/features/iq-register";
const NS_SASL = "urn:ietf:params:xml:ns:xmpp-sasl";

/** A guest's account still to be created: `pending()` until the server said yes, then `registered()`. */
export interface RegistrationHooks {
  pending(): boolean;
  registered(): void;
}

/**
 * What a connection needs to create the account first: the hooks, and the step to plug in ahead of
 * SASL (`registerBeforeSignIn` below). The step travels with the registration so that connections
 * without one never load this module.
 */
export interface Registration extends RegistrationHooks {
  plugIn(
    streamFeatures: StreamFeatures,
    iqCaller: IqCaller,
    account: { domain: string; username: string; password: string },
  ): void;
}

/** A registration of the account with these hooks. */
export function registration(hooks: RegistrationHooks): Registration {
  return {
    ...hooks,
    plugIn: (streamFeatures, iqCaller, account) => registerBeforeSignIn(streamFeatures, iqCaller, account, hooks),
  };
}

function refused(
  domain: string,
  condition: string | undefined,
  text: string | undefined,
  cause?: unknown,
): XmppminiError {
  const why =
    condition === "conflict"
      ? "the generated name is taken"
      : condition === "not-allowed" ||
          condition === "forbidden" ||
          condition === "service-unavailable" ||
          condition === "feature-not-implemented"
        ? "it does not let visitors sign up"
        : condition === "resource-constraint" || condition === "policy-violation"
          ? "too many sign-ups from here; try again later"
          : (text ?? condition ?? "it refused");
  return new XmppminiError("registration-failed", `${domain} would not create a guest account: ${why}.`, { cause });
}

/**
 * Before authentication (while the server offers SASL), registers `username`/`password` once
 * (XEP-0077 §3.1), calls `registered()`, and lets sign-in go on. Plugged in ahead of SASL; `pending()`
 * says whether this connection still has to register.
 */
export function registerBeforeSignIn(
  streamFeatures: StreamFeatures,
  iqCaller: IqCaller,
  account: { domain: string; username: string; password: string },
  hooks: RegistrationHooks,
): void {
  streamFeatures.use("mechanisms", NS_SASL, async (context: { stanza: Element }, next: () => Promise<unknown>) => {
    if (!hooks.pending()) return next();
    if (!context.stanza.getChild("register", NS_REGISTER_FEATURE))
      throw refused(account.domain, "feature-not-implemented", undefined);
    try {
      await iqCaller.set(
        xml(
          "query",
          { xmlns: NS_REGISTER },
          xml("username", {}, account.username),
          xml("password", {}, account.password),
        ),
      );
    } catch (error) {
      const { condition, text } = error as { condition?: string; text?: string };
      throw refused(account.domain, condition, text, error);
    }
    hooks.registered();
    return next();
  });
}
