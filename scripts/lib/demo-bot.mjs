// The demo's support bot: it answers every message the way a person at a help desk would look to the
// widget: it greets the visitor by the name the widget sends (XEP-0172), says it is there (directed
// presence, RFC 6121 §4.6), types before answering (XEP-0085),
// notices corrections (XEP-0308), and shows a correction and a headline of its own on request. It declines
// calls (a bot has no camera) and invites to one on the shop's call page when asked (XEP-0482). In the
// shop's room (XEP-0045) it answers whoever mentions it.
import { xml } from "@xmpp/client";

const NS_CORRECTION = "urn:xmpp:message-correct:0";
const NS_MUC = "http://jabber.org/protocol/muc";
const NS_NICK = "http://jabber.org/protocol/nick";
const NS_CALL_INVITES = "urn:xmpp:call-invites:0";
/** The bot's nickname in the room. */
export const ROOM_NICK = "Support";
const TYPING_MS = 900;

/** `nick`: the name the visitor's widget sends (XEP-0172), when the shop knows it. */
function reply(text, nick) {
  if (/^(hi|hello|hey|你好)\b/i.test(text)) {
    return `Hello${nick ? ` ${nick}` : ""}! I am the Acme Tea support bot. Ask me anything; I answer every message. Say “news” for an announcement, “typo” to see me correct myself or “call me” for a call.`;
  }
  return `Thanks for your message: “${text}”. (I am a bot and answer everything.)`;
}

/** `onMessage` for startBot: the demo's answering behaviour; `callPage(room)` is the shop's call page for a room. */
export function demoBotBehaviour({ callPage = () => undefined } = {}) {
  const greeted = new Set();
  let counter = 0;
  const id = () => `support-${Date.now().toString(36)}-${(counter += 1)}`;
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  return async (message, bot) => {
    const peer = message.from.split("/")[0];
    const text = message.body.trim();
    if (message.type === "groupchat") return answerInRoom(message, bot);
    const say = (body, messageId = id()) => bot.send(peer, body, { id: messageId }).catch(() => {}); // a peer that left is no failure
    if (!greeted.has(peer)) {
      greeted.add(peer);
      await bot
        .sendPresence(peer, { show: "chat", status: "Acme Tea support: I answer every message" })
        .catch(() => {});
    }
    const corrected = message.stanza.getChild("replace", NS_CORRECTION);
    await bot.sendChatState(peer, "composing").catch(() => {});
    await pause(TYPING_MS);
    const invite = message.stanza.getChild("invite", NS_CALL_INVITES);
    if (invite) {
      const inviteId = message.stanza.getChild("origin-id", "urn:xmpp:sid:0")?.attrs.id ?? message.id;
      await bot.sendCallAnswer(peer, "reject", inviteId).catch(() => {});
      await say("I am a bot and cannot take calls, sorry: write here and I answer at once.");
    } else if (corrected) {
      await say(`I see you corrected your message to “${text}”.`);
    } else if (/^news\b/i.test(text)) {
      await bot.sendChatState(peer, "active").catch(() => {});
      await bot.sendHeadline(peer, "Acme Tea news: free shipping on every order this week.").catch(() => {});
    } else if (/^call me\b/i.test(text)) {
      const page = callPage(id());
      await bot.sendChatState(peer, "active").catch(() => {});
      if (page) await bot.sendCallInvite(peer, page, { id: id() }).catch(() => {});
      else await say("The shop's call page is not up yet: try again in a moment.");
    } else if (/^typo\b/i.test(text)) {
      const first = id();
      await say("Our shop opens at 8 am.", first);
      await pause(1500);
      await bot.correct(peer, first, "Our shop opens at 9 am (sorry, I got that wrong).", id()).catch(() => {});
    } else {
      await say(reply(text, message.stanza.getChildText("nick", NS_NICK)?.trim().slice(0, 100)));
    }
  };
}

/** Joins `room` as ROOM_NICK (a persistent room the bot makes by joining it) and sets its subject. */
export async function joinDemoRoom(bot, room) {
  await bot.xmpp.send(
    xml("presence", { to: `${room}/${ROOM_NICK}` }, xml("x", { xmlns: NS_MUC }, xml("history", { maxstanzas: "0" }))),
  );
  await bot.xmpp.send(
    xml("message", { to: room, type: "groupchat" }, xml("subject", {}, "Tea talk: say @Support to ask the shop")),
  );
}

/** In the room: a message that mentions the bot (a XEP-0372 reference to it, or @Support) gets an answer that mentions its sender. */
function answerInRoom(message, bot) {
  const [room, nick = ""] = [message.from.split("/")[0], message.from.split("/").slice(1).join("/")];
  if (!nick || nick === ROOM_NICK || message.stanza.getChild("delay", "urn:xmpp:delay")) return;
  const referenced = message.stanza.getChildren("reference", "urn:xmpp:reference:0").some(
    (reference) =>
      reference.attrs.type === "mention" &&
      decodeURIComponent(
        String(reference.attrs.uri ?? "")
          .split("/")
          .slice(1)
          .join("/"),
      ) === ROOM_NICK,
  );
  if (!referenced && !new RegExp(`@${ROOM_NICK}\\b`, "i").test(message.body)) return;
  const body = `@${nick} thanks for asking in the room. I answer everyone who mentions me here.`;
  const reference = xml("reference", {
    xmlns: "urn:xmpp:reference:0",
    type: "mention",
    uri: `xmpp:${room}/${encodeURIComponent(nick)}`,
    begin: "0",
    end: String(1 + [...nick].length),
  });
  return bot.xmpp
    .send(xml("message", { to: room, type: "groupchat" }, xml("body", {}, body), reference))
    .catch(() => {});
}

/**
 * Gives the bot a face: its vCard (XEP-0054: a name and a photo), which the widget shows in the header,
 * and the same picture as its avatar (XEP-0084), readable by visitors who are not its contacts.
 */
export async function publishDemoProfile(bot, { name, png }) {
  await bot.setVcard({ name, photo: png });
  await bot.publishAvatar(png);
}
