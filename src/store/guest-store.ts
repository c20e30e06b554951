import { sharedDatabase, type XmppminiDatabase } from "./database.js";

export interface GuestAccount {
  jid: string;
  password: string;
}

/**
 * The guest account (login="guest") this browser made on each domain. Kept in IndexedDB so that a
 * visitor who comes back is the same person to the site's staff and sees their history. Where IndexedDB
 * cannot be opened, nothing is kept: each page makes a new guest (the storage notice says why).
 */
export class GuestStore {
  constructor(private readonly database: Promise<XmppminiDatabase | null> = sharedDatabase()) {}

  async get(domain: string): Promise<GuestAccount | undefined> {
    const database = await this.database;
    const record = await database?.get("guests", domain);
    return record && { jid: record.jid, password: record.password };
  }

  async set(domain: string, account: GuestAccount): Promise<void> {
    const database = await this.database;
    await database?.put("guests", { domain, ...account, createdAt: Date.now() });
  }

  async forget(domain: string): Promise<void> {
    const database = await this.database;
    await database?.delete("guests", domain);
  }
}

/** A new guest's name and password: unguessable, and recognisable as a guest in the server's lists. */
export function newGuestAccount(domain: string): GuestAccount {
  const hex = [...crypto.getRandomValues(new Uint8Array(6))].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  const secret = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))))
    .replace(/\+/gu, "-")
    .replace(/\//gu, "_");
  return { jid: `guest-${hex}@${domain}`, password: secret };
}
