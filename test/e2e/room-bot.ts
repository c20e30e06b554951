// A bot's life in a room (XEP-0045), for the room tests: join as a nickname, say things (with XEP-0372
// mentions), see what the room says, and act as its owner (configure it, ban, destroy).
import { xml } from "@xmpp/client";

type Element = ReturnType<typeof xml>;
interface BotLike {
  bareJid: string;
  xmpp: {
    on(event: "stanza", listener: (stanza: Element) => void): void;
    send(element: Element): Promise<void>;
    iqCaller: { request(element: Element, timeout?: number): Promise<Element> };
  };
}

const NS_MUC = "http://jabber.org/protocol/muc";
const NS_MUC_USER = "http://jabber.org/protocol/muc#user";
const NS_MUC_OWNER = "http://jabber.org/protocol/muc#owner";
const NS_MUC_ADMIN = "http://jabber.org/protocol/muc#admin";

export interface HeardMessage {
  nick: string;
  body: string;
  type: string;
  /** XEP-0372 mention references: the nickname each points at, with its begin and end. */
  mentions: Array<{ nick: string; begin: number; end: number }>;
}

/** A reference's nickname; the hostile-peer tests send one with a malformed escape, kept as it is. */
function decodedOrRaw(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

export async function enterRoom(bot: BotLike, room: string, nick: string) {
  const heard: HeardMessage[] = [];
  const occupants = new Set<string>();
  /** Every occupant presence the room sent, in order: who came (true) and who left (false). */
  const presences: Array<{ nick: string; available: boolean }> = [];
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((waiter) => waiter());
  let joined: (() => void) | undefined;
  let refused: ((error: Error) => void) | undefined;
  bot.xmpp.on("stanza", (stanza) => {
    const from = String(stanza.attrs.from ?? "");
    if (from.split("/")[0] !== room) return;
    const from_nick = from.slice(from.indexOf("/") + 1);
    if (stanza.is("presence")) {
      if (stanza.attrs.type === "error")
        refused?.(new Error(`${nick} could not join ${room}: ${stanza.getChild("error")?.toString()}`));
      else if (stanza.attrs.type === "unavailable") occupants.delete(from_nick);
      else occupants.add(from_nick);
      if (stanza.attrs.type !== "error")
        presences.push({ nick: from_nick, available: stanza.attrs.type !== "unavailable" });
      const codes = (stanza.getChild("x", NS_MUC_USER)?.getChildren("status") ?? []).map(
        (status: Element) => status.attrs.code,
      );
      if (codes.includes("110")) joined?.();
      wake();
      return;
    }
    const body = stanza.is("message") ? stanza.getChildText("body") : null;
    if (body === null || !from.includes("/")) return;
    const mentions = stanza
      .getChildren("reference", "urn:xmpp:reference:0")
      .filter((reference: Element) => reference.attrs.type === "mention")
      .map((reference: Element) => ({
        nick: decodedOrRaw(String(reference.attrs.uri).split("/").slice(1).join("/")),
        begin: Number(reference.attrs.begin),
        end: Number(reference.attrs.end),
      }));
    heard.push({ nick: from_nick, body, type: String(stanza.attrs.type ?? "normal"), mentions });
    wake();
  });
  await new Promise<void>((resolve, reject) => {
    joined = resolve;
    refused = reject;
    void bot.xmpp
      .send(
        xml("presence", { to: `${room}/${nick}` }, xml("x", { xmlns: NS_MUC }, xml("history", { maxstanzas: "0" }))),
      )
      .catch(reject);
  });

  const configure = (fields: Record<string, string>) =>
    bot.xmpp.iqCaller.request(
      xml(
        "iq",
        { type: "set", to: room },
        xml(
          "query",
          { xmlns: NS_MUC_OWNER },
          xml(
            "x",
            { xmlns: "jabber:x:data", type: "submit" },
            xml("field", { var: "FORM_TYPE" }, xml("value", {}, "http://jabber.org/protocol/muc#roomconfig")),
            ...Object.entries(fields).map(([name, value]) => xml("field", { var: name }, xml("value", {}, value))),
          ),
        ),
      ),
    );

  return {
    heard,
    occupants,
    presences,
    /** Says `body` in the room, with a mention reference for each `@nick` of `mention`. */
    say(body: string, { mention = [] as string[] } = {}) {
      const references = mention.map((name) => {
        const begin = [...body].join("").indexOf(`@${name}`);
        return xml("reference", {
          xmlns: "urn:xmpp:reference:0",
          type: "mention",
          uri: `xmpp:${room}/${encodeURIComponent(name)}`,
          begin: String(begin),
          end: String(begin + 1 + name.length),
        });
      });
      return bot.xmpp.send(xml("message", { to: room, type: "groupchat" }, xml("body", {}, body), ...references));
    },
    /** A private message to the occupant `to` (XEP-0045 §7.5). */
    whisper(to: string, body: string) {
      return bot.xmpp.send(xml("message", { to: `${room}/${to}`, type: "chat" }, xml("body", {}, body)));
    },
    waitFor(predicate: () => boolean, what: string, timeoutMs = 15000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!predicate()) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `${nick} in ${room}: timed out waiting for ${what}; heard ${JSON.stringify(heard.map((message) => `${message.nick}: ${message.body}`))}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    /** Room owner: a password on the room. */
    requirePassword(password: string) {
      return configure({ "muc#roomconfig_passwordprotectedroom": "1", "muc#roomconfig_roomsecret": password });
    },
    /** Room owner: members only. */
    membersOnly() {
      return configure({ "muc#roomconfig_membersonly": "1" });
    },
    /** Room owner: bans `jid` (affiliation outcast, §9.1). */
    ban(jid: string) {
      return bot.xmpp.iqCaller.request(
        xml(
          "iq",
          { type: "set", to: room },
          xml("query", { xmlns: NS_MUC_ADMIN }, xml("item", { affiliation: "outcast", jid })),
        ),
      );
    },
    /** Room owner: closes the room for good (§10.9). */
    destroy() {
      return bot.xmpp.iqCaller.request(
        xml(
          "iq",
          { type: "set", to: room },
          xml("query", { xmlns: NS_MUC_OWNER }, xml("destroy", {}, xml("reason", {}, "closing"))),
        ),
      );
    },
  };
}
