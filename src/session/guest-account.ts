// login="guest": its own module, loaded only by pages that sign visitors in this way (account-source.ts).
import { GuestStore, newGuestAccount } from "../store/guest-store.js";
import { registration } from "../xmpp/registration.js";
import type { SignInAccount } from "./account-source.js";

let guests: GuestStore | undefined;

/** The guest account this browser made on `domain` before, or a new one, registered (XEP-0077) on the first connection. */
export async function guestAccount(
  domain: string,
  store: GuestStore = (guests ??= new GuestStore()),
): Promise<SignInAccount> {
  const stored = await store.get(domain).catch(() => undefined);
  if (stored) return { ...stored, forget: () => store.forget(domain) };
  const account = newGuestAccount(domain);
  let created = false;
  return {
    ...account,
    registration: registration({
      pending: () => !created,
      registered: () => {
        created = true;
        // Kept as soon as the server created it: a sign-in that fails next must not create another.
        void store.set(domain, account).catch(() => undefined);
      },
    }),
  };
}
