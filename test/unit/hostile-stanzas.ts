// Random and malformed stanzas from the namespaces the widget reads, for the fuzz tests of the inbound path
// (unit: the readers; end to end: a stranger sends them through a real server). Each is well-formed XML, as
// anything a server passes on is, but its contents are anybody's: missing and repeated children, wrong
// attributes, bad percent-escapes, dates and numbers that are not, forwarded messages inside forwarded ones.
import xml, { type Element } from "@xmpp/xml";
import fc from "fast-check";

const NS = {
  sid: "urn:xmpp:sid:0",
  delay: "urn:xmpp:delay",
  receipts: "urn:xmpp:receipts",
  markers: "urn:xmpp:chat-markers:0",
  states: "http://jabber.org/protocol/chatstates",
  correct: "urn:xmpp:message-correct:0",
  oob: "jabber:x:oob",
  file: "urn:xmpp:file:metadata:0",
  reference: "urn:xmpp:reference:0",
  mam: "urn:xmpp:mam:2",
  forward: "urn:xmpp:forward:0",
  carbons: "urn:xmpp:carbons:2",
  stanzas: "urn:ietf:params:xml:ns:xmpp-stanzas",
  mucUser: "http://jabber.org/protocol/muc#user",
} as const;

/** Text a hostile sender might choose: the formatter's markers, escapes, control characters, long runs. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "%E0%A4%A",
    "%",
    "%%",
    "\u0000",
    "\uD800",
    "\u202E",
    "javascript:alert(1)",
    "NaN",
    "-1",
    "1e400",
    "9999-99-99T99:99:99Z",
    "<b>",
    "&amp;",
  ),
  fc
    .tuple(fc.constantFrom("[", "*", "_", "@", ".", "`", "> ", "http://a."), fc.integer({ min: 1, max: 3_000 }))
    .map(([unit, count]) => unit.repeat(count)),
);

/** Addresses, good and bad. */
const address = (peers: readonly string[]) =>
  fc.oneof(
    fc.constantFrom(...peers),
    fc.constantFrom("", "@", "/", "a@b/c/d", "room@conference.localhost/nick", "x".repeat(1_100)),
    hostileText,
  );

const leaf = (peers: readonly string[]): fc.Arbitrary<Element> =>
  fc.oneof(
    hostileText.map((text) => xml("body", {}, text)),
    fc.tuple(hostileText, hostileText).map(([text, lang]) => xml("body", { "xml:lang": lang }, text)),
    fc
      .option(hostileText, { nil: undefined })
      .map((id) => xml("replace", { xmlns: NS.correct, ...(id !== undefined && { id }) })),
    fc
      .option(hostileText, { nil: undefined })
      .map((id) => xml("origin-id", { xmlns: NS.sid, ...(id !== undefined && { id }) })),
    fc.tuple(hostileText, address(peers)).map(([id, by]) => xml("stanza-id", { xmlns: NS.sid, id, by })),
    hostileText.map((stamp) => xml("delay", { xmlns: NS.delay, stamp })),
    fc
      .constantFrom("request", "received")
      .chain((name) =>
        fc
          .option(hostileText, { nil: undefined })
          .map((id) => xml(name, { xmlns: NS.receipts, ...(id !== undefined && { id }) })),
      ),
    fc
      .constantFrom("markable", "received", "displayed", "acknowledged")
      .chain((name) =>
        fc
          .option(hostileText, { nil: undefined })
          .map((id) => xml(name, { xmlns: NS.markers, ...(id !== undefined && { id }) })),
      ),
    fc
      .constantFrom("active", "composing", "paused", "inactive", "gone", "dancing")
      .map((name) => xml(name, { xmlns: NS.states })),
    fc
      .tuple(hostileText, fc.option(hostileText, { nil: undefined }))
      .map(([url, desc]) =>
        xml("x", { xmlns: NS.oob }, xml("url", {}, url), desc === undefined ? null : xml("desc", {}, desc)),
      ),
    fc
      .tuple(hostileText, hostileText, hostileText)
      .map(([type, name, size]) =>
        xml("file", { xmlns: NS.file }, xml("media-type", {}, type), xml("name", {}, name), xml("size", {}, size)),
      ),
    fc
      .tuple(hostileText, hostileText, hostileText, hostileText)
      .map(([type, uri, begin, end]) =>
        xml("reference", { xmlns: NS.reference, type, uri: `xmpp:${uri}`, begin, end }),
      ),
    fc
      .tuple(hostileText, hostileText)
      .map(([uri, begin]) => xml("reference", { xmlns: NS.reference, type: "mention", uri, begin, end: begin })),
    fc
      .tuple(fc.constantFrom(...peers), fc.oneof(fc.constantFrom("%E0%A4%A", "%", "%zz", "al%69ce"), hostileText))
      .map(([peer, nick]) =>
        xml("reference", { xmlns: NS.reference, type: "mention", uri: `xmpp:${peer}/${nick}`, begin: "0", end: "1" }),
      ),
    hostileText.map((text) => xml("subject", {}, text)),
    fc
      .tuple(
        fc.option(fc.constantFrom("cancel", "modify", "wait", "auth"), { nil: undefined }),
        fc.option(fc.constantFrom("item-not-found", "forbidden", "not-a-condition"), { nil: undefined }),
        fc.option(hostileText, { nil: undefined }),
      )
      .map(([type, condition, text]) =>
        xml(
          "error",
          { ...(type && { type }) },
          condition ? xml(condition, { xmlns: NS.stanzas }) : null,
          text === undefined ? null : xml("text", { xmlns: NS.stanzas }, text),
        ),
      ),
    fc
      .tuple(fc.array(hostileText, { maxLength: 3 }), hostileText, hostileText, hostileText)
      .map(([codes, role, affiliation, nick]) =>
        xml(
          "x",
          { xmlns: NS.mucUser },
          xml("item", { role, affiliation, nick }),
          ...codes.map((code) => xml("status", { code })),
        ),
      ),
    fc.constantFrom("show", "status", "priority").chain((name) => hostileText.map((text) => xml(name, {}, text))),
  );

/** A message or presence with up to 6 children, some of them forwarded messages (archive results, carbons). */
export function hostileStanza(peers: readonly string[]): fc.Arbitrary<Element> {
  const children = fc.array(leaf(peers), { maxLength: 6 });
  const inner = fc
    .tuple(
      address(peers),
      address(peers),
      fc.constantFrom("chat", "groupchat", "normal", "headline", "error", "weird"),
      children,
    )
    .map(([from, to, type, kids]) => xml("message", { from, to, type }, ...kids));
  const forwarded = (message: Element, stamp: string) =>
    xml("forwarded", { xmlns: NS.forward }, xml("delay", { xmlns: NS.delay, stamp }), message);
  const wrapper = fc.oneof(
    fc
      .tuple(inner, hostileText, hostileText)
      .map(([message, id, stamp]) => xml("result", { xmlns: NS.mam, queryid: id, id }, forwarded(message, stamp))),
    fc
      .tuple(fc.constantFrom("sent", "received"), inner, hostileText)
      .map(([kind, message, stamp]) => xml(kind, { xmlns: NS.carbons }, forwarded(message, stamp))),
    fc.tuple(inner, hostileText).map(([message, stamp]) => forwarded(message, stamp)),
  );
  const type = fc.option(
    fc.constantFrom("chat", "groupchat", "normal", "headline", "error", "unavailable", "subscribe", "probe", "weird"),
    { nil: undefined },
  );
  return fc.oneof(
    fc
      .tuple(
        address(peers),
        type,
        fc.option(hostileText, { nil: undefined }),
        fc.array(fc.oneof(leaf(peers), wrapper), { maxLength: 6 }),
      )
      .map(([from, kind, id, kids]) =>
        xml("message", { from, ...(kind && { type: kind }), ...(id !== undefined && { id }) }, ...kids),
      ),
    fc
      .tuple(address(peers), type, children)
      .map(([from, kind, kids]) => xml("presence", { from, ...(kind && { type: kind }) }, ...kids)),
    // What a room's occupant may send: a groupchat message from the room, anything inside.
    fc
      .tuple(fc.constantFrom(...peers), hostileText, children)
      .map(([room, nick, kids]) =>
        xml("message", { from: `${room.split("/")[0]}/${nick}`, type: "groupchat" }, ...kids),
      ),
  );
}

/** `count` hostile stanzas, the same ones for the same seed. */
export function sampleHostileStanzas(peers: readonly string[], count: number, seed = 19): Element[] {
  return fc.sample(hostileStanza(peers), { numRuns: count, seed });
}
