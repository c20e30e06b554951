import { createHash } from "node:crypto";
// A real XMPP peer for the demo and the end-to-end tests: a Node @xmpp/client over plain TCP on loopback.
import { client, xml } from "@xmpp/client";

const NS_CHAT_STATES = "http://jabber.org/protocol/chatstates";
const NS_CALL_INVITES = "urn:xmpp:call-invites:0";

/**
 * Logs in as `jid` and resolves once online. `onMessage(message, bot)` sees every chat message with a body.
 * The bot records what it received in `received` so tests can assert on it.
 */
export async function startBot({
  server,
  user,
  password,
  domain = server.domain,
  resource = "bot",
  onMessage,
  receipts = true,
  streamManagement = true,
}) {
  // xmpp.js speaks SCRAM-SHA-1 and PLAIN, and sends PLAIN only over TLS. The test servers listen on loopback
  // without TLS, and ejabberd's keys are SCRAM-SHA-256 (offered: SCRAM-SHA-256, PLAIN): there the bot
  // signs in with PLAIN on 127.0.0.1; SCRAM-SHA-1 wherever it is offered.
  const credentials = (authenticate, mechanisms) =>
    authenticate({ username: user, password }, mechanisms.find((mechanism) => mechanism !== "PLAIN") ?? "PLAIN");
  const xmpp = client({ service: server.xmppUrl, domain, username: user, credentials, resource });
  if (!streamManagement) {
    // The library's XEP-0198 counting goes wrong on a busy room's traffic (Prosody then ends the stream:
    // "Client acknowledged more stanzas than sent by server"). A peer in a room does without it: a refused
    // <enable/> leaves stream management off.
    const send = xmpp.send.bind(xmpp);
    xmpp.send = (element) =>
      element.is("enable", "urn:xmpp:sm:3")
        ? Promise.reject(new Error("stream management is off for this bot"))
        : send(element);
  }
  // The library's own reconnect retries every second forever; a test peer should fail loudly instead.
  xmpp.reconnect.stop();
  const received = [];
  /** Our own messages bounced back to us (type="error"), as `{from, body}`. */
  const bounces = [];
  const waiters = new Set();
  xmpp.on("error", () => {}); // surfaced through start()/stop() rejections and the tests' own asserts
  // Data can still arrive after the stream was closed (a stop() while the server is sending); xmpp.js then
  // writes into the parser it already dropped and throws out of the socket's data handler.
  const onData = xmpp._onData.bind(xmpp);
  xmpp._onData = (data) => {
    if (xmpp.parser) onData(data);
  };
  const receiptsFor = new Set();
  const displayedIds = new Set();
  const chatStates = [];
  const callAnswers = [];
  xmpp.on("stanza", (stanza) => {
    if (!stanza.is("message")) return;
    // XEP-0184: receipts the widget sends for our messages, and ours for the widget's.
    // XEP-0333: displayed markers the widget sends for our messages.
    const displayed = stanza.getChild("displayed", "urn:xmpp:chat-markers:0");
    if (displayed?.attrs.id) {
      displayedIds.add(displayed.attrs.id);
      for (const waiter of waiters) waiter();
    }
    // XEP-0085: the widget's chat states, standalone or beside a body.
    const state = stanza.getChildElements().find((child) => child.attrs.xmlns === NS_CHAT_STATES);
    if (state) {
      chatStates.push({ from: stanza.attrs.from, state: state.name, withBody: stanza.getChild("body") !== undefined });
      for (const waiter of waiters) waiter();
    }
    const receipt = stanza.getChild("received", "urn:xmpp:receipts");
    if (receipt?.attrs.id) {
      receiptsFor.add(receipt.attrs.id);
      for (const waiter of waiters) waiter();
    }
    if (
      receipts &&
      stanza.getChild("request", "urn:xmpp:receipts") &&
      stanza.attrs.id &&
      stanza.attrs.type !== "error"
    ) {
      xmpp
        .send(
          xml(
            "message",
            { to: stanza.attrs.from, type: stanza.attrs.type ?? "chat" },
            xml("received", { xmlns: "urn:xmpp:receipts", id: stanza.attrs.id }),
            // XEP-0334: keep the receipt for a widget whose session ended meanwhile, as the widget's own do.
            xml("store", { xmlns: "urn:xmpp:hints" }),
          ),
        )
        .catch(() => {});
    }
    const body = stanza.getChildText("body");
    // A bounce (RFC 6120 §8.3) carries our own body back: it is no message to answer (a bot that
    // answered it would bounce again, for ever).
    if (stanza.attrs.type === "error") {
      bounces.push({ from: stanza.attrs.from, body });
      return;
    }
    // XEP-0482 answers to a call invitation: messages without a body.
    const answer = stanza
      .getChildElements()
      .find((child) => child.attrs.xmlns === NS_CALL_INVITES && ["accept", "reject", "retract"].includes(child.name));
    if (answer) {
      callAnswers.push({
        from: stanza.attrs.from,
        kind: answer.name,
        invite: answer.attrs.id,
        uri: answer.getChild("external")?.attrs.uri,
      });
      for (const waiter of waiters) waiter();
    }
    if (body === null) return;
    const message = {
      from: stanza.attrs.from,
      to: stanza.attrs.to,
      type: stanza.attrs.type,
      id: stanza.attrs.id,
      body,
      stanza,
    };
    received.push(message);
    for (const waiter of waiters) waiter();
    onMessage?.(message, bot);
  });
  await xmpp.start();
  await xmpp.send(xml("presence"));

  const bot = {
    jid: xmpp.jid.toString(),
    bareJid: xmpp.jid.bare().toString(),
    xmpp,
    received,
    bounces,
    /** Ids of our messages the other side confirmed with a delivery receipt (XEP-0184). */
    receiptsFor,
    /** Ids of our messages the other side said it displayed (XEP-0333). */
    displayedIds,
    /** Chat states received (XEP-0085), in order: `{from, state, withBody}`. */
    chatStates,
    /** Answers to call invitations received (XEP-0482), in order: `{from, kind, invite, uri}`. */
    callAnswers,
    /** Invites `to` to a call on page `uri` (XEP-0482 `<external>`), with a readable `body` unless it is null. */
    sendCallInvite(to, uri, { id, body = `Join my call: ${uri}`, video = false } = {}) {
      return xmpp.send(
        xml(
          "message",
          { to, type: "chat", ...(id && { id }) },
          body === null ? null : xml("body", {}, body),
          xml("invite", { xmlns: NS_CALL_INVITES, ...(video && { video: "true" }) }, xml("external", { uri })),
          xml("store", { xmlns: "urn:xmpp:hints" }),
        ),
      );
    },
    /** Sets our vCard (XEP-0054): a full name and, where given, a PNG photo (a Buffer). */
    setVcard({ name, photo }) {
      return xmpp.iqCaller.request(
        xml(
          "iq",
          { type: "set" },
          xml(
            "vCard",
            { xmlns: "vcard-temp" },
            xml("FN", {}, name),
            photo ? xml("PHOTO", {}, xml("TYPE", {}, "image/png"), xml("BINVAL", {}, photo.toString("base64"))) : null,
          ),
        ),
      );
    },
    /** Publishes `png` (a Buffer) as our avatar (XEP-0084), readable by anyone (open access model). */
    async publishAvatar(png) {
      const id = createHash("sha1").update(png).digest("hex");
      const open = xml(
        "publish-options",
        {},
        xml(
          "x",
          { xmlns: "jabber:x:data", type: "submit" },
          xml(
            "field",
            { var: "FORM_TYPE", type: "hidden" },
            xml("value", {}, "http://jabber.org/protocol/pubsub#publish-options"),
          ),
          xml("field", { var: "pubsub#access_model" }, xml("value", {}, "open")),
        ),
      );
      const publish = (node, payload) =>
        xmpp.iqCaller.request(
          xml(
            "iq",
            { type: "set" },
            xml(
              "pubsub",
              { xmlns: "http://jabber.org/protocol/pubsub" },
              xml("publish", { node }, xml("item", { id }, payload)),
              open,
            ),
          ),
        );
      await publish("urn:xmpp:avatar:data", xml("data", { xmlns: "urn:xmpp:avatar:data" }, png.toString("base64")));
      await publish(
        "urn:xmpp:avatar:metadata",
        xml(
          "metadata",
          { xmlns: "urn:xmpp:avatar:metadata" },
          xml("info", { id, type: "image/png", bytes: String(png.length) }),
        ),
      );
      return id;
    },
    /** Answers the call invitation with id `invite` (XEP-0482): `accept`, `reject` or `retract`. */
    sendCallAnswer(to, kind, invite) {
      return xmpp.send(
        xml(
          "message",
          { to, type: "chat" },
          xml(kind, { xmlns: NS_CALL_INVITES, id: invite }),
          xml("store", { xmlns: "urn:xmpp:hints" }),
        ),
      );
    },
    /** `requestReceipt` asks the recipient for a XEP-0184 receipt (the message then needs an id). */
    send(to, body, attrs = {}, { requestReceipt = false, markable = false } = {}) {
      return xmpp.send(
        xml(
          "message",
          { to, type: "chat", ...attrs },
          xml("body", {}, body),
          requestReceipt ? xml("request", { xmlns: "urn:xmpp:receipts" }) : null,
          markable ? xml("markable", { xmlns: "urn:xmpp:chat-markers:0" }) : null,
        ),
      );
    },
    /** Tells `to` our chat state (XEP-0085), as a standalone notification. */
    sendChatState(to, state) {
      return xmpp.send(
        xml(
          "message",
          { to, type: "chat" },
          xml(state, { xmlns: NS_CHAT_STATES }),
          xml("no-store", { xmlns: "urn:xmpp:hints" }),
        ),
      );
    },
    /** Directed presence to `to` (RFC 6121 §4.6): `show` (away, chat, dnd, xa) and a status text. */
    sendPresence(to, { show, status } = {}) {
      return xmpp.send(
        xml("presence", { to }, show ? xml("show", {}, show) : null, status ? xml("status", {}, status) : null),
      );
    },
    /** Corrects our message `replaces` (XEP-0308) with `body`. */
    correct(to, replaces, body, id) {
      return xmpp.send(
        xml(
          "message",
          { to, type: "chat", id },
          xml("body", {}, body),
          xml("replace", { xmlns: "urn:xmpp:message-correct:0", id: replaces }),
        ),
      );
    },
    /**
     * Shares a file: `url` as the body with out-of-band data (XEP-0066) and, where given, XEP-0446
     * metadata (`name`, `size`, `mime`, a recording's `length` in ms), the way the widget and other clients do.
     */
    sendFile(to, { url, name, size, mime, length, body = url }) {
      const file =
        name || size !== undefined || mime || length !== undefined
          ? xml(
              "file",
              { xmlns: "urn:xmpp:file:metadata:0" },
              mime ? xml("media-type", {}, mime) : null,
              name ? xml("name", {}, name) : null,
              size !== undefined ? xml("size", {}, String(size)) : null,
              length !== undefined ? xml("length", {}, String(length)) : null,
            )
          : null;
      return xmpp.send(
        xml(
          "message",
          { to, type: "chat" },
          xml("body", {}, body),
          xml("x", { xmlns: "jabber:x:oob" }, xml("url", {}, url), name ? xml("desc", {}, name) : null),
          file,
        ),
      );
    },
    /** An announcement (RFC 6121 §5.2.2 `headline`). */
    sendHeadline(to, body) {
      return xmpp.send(xml("message", { to, type: "headline" }, xml("body", {}, body)));
    },
    /** Says our client displayed message `id` of `to` (XEP-0333). */
    markDisplayed(to, id) {
      return xmpp.send(
        xml("message", { to, type: "chat" }, xml("displayed", { xmlns: "urn:xmpp:chat-markers:0", id })),
      );
    },
    /** Resolves when `predicate(received)` holds; rejects after `timeoutMs`. */
    waitFor(predicate, timeoutMs = 10000) {
      // predicate(received, receiptsFor)
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(received, receiptsFor)) return;
          cleanup();
          resolve(received);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`bot ${user} timed out; received: ${JSON.stringify(received.map((m) => m.body))}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async stop() {
      await xmpp.stop().catch(() => {}); // already closed by the server or a test: nothing left to stop
    },
  };
  return bot;
}

/** The demo's and the tests' answering bot: replies to every chat message it gets. */
export function echoReply(message, bot) {
  const from = message.from.split("/")[0];
  bot.send(from, `You said: ${message.body}`);
}
