// Stands in for `@xmpp/jid` in the bundle; see vite.config.ts. xmpp.js parses two addresses of every
// stanza it routes (its middleware's `from` and `to`) and the address it binds; it reads them back as
// text, compares them, and takes the bare address. The package also escapes node parts (XEP-0106) on
// every parse, which none of those need: the server's addresses come escaped already, and the widget's own
// addresses are parsed and checked by src/jid/jid.ts.

export class JID {
  readonly local: string;
  readonly domain: string;
  readonly resource: string;

  constructor(local: string | undefined, domain: string, resource?: string) {
    if (typeof domain !== "string" || !domain) throw new TypeError("Invalid domain.");
    this.local = (local ?? "").toLowerCase();
    this.domain = domain.toLowerCase();
    this.resource = resource ?? "";
  }

  toString(): string {
    return `${this.local ? `${this.local}@` : ""}${this.domain}${this.resource ? `/${this.resource}` : ""}`;
  }

  [Symbol.toPrimitive](hint: string): string | number {
    return hint === "number" ? Number.NaN : this.toString();
  }

  bare(): JID {
    return this.resource ? new JID(this.local, this.domain) : this;
  }

  equals(other: JID): boolean {
    return this.local === other.local && this.domain === other.domain && this.resource === other.resource;
  }
}

/** `local@domain/resource`, each part optional but the domain. */
export function parse(text: string): JID {
  const slash = text.indexOf("/");
  const resource = slash === -1 ? undefined : text.slice(slash + 1);
  const address = slash === -1 ? text : text.slice(0, slash);
  const at = address.indexOf("@");
  return new JID(at === -1 ? undefined : address.slice(0, at), address.slice(at + 1), resource);
}

/** `jid("a@b/c")` parses; `jid(local, domain, resource)` builds. */
export function jid(...args: [string, string?, string?]): JID {
  const [first, domain, resource] = args;
  return !domain && !resource ? parse(first) : new JID(first, domain ?? "", resource);
}

// The package's default export is a function used both ways: called, and with `new` (its middleware
// writes `new JID(text)`), which yields the object the function returns.
function callable(...args: [string, string?, string?]): JID {
  return jid(...args);
}

export default Object.assign(callable, { jid, JID, parse });
