// First on purpose: the session's modules must be the first of the bundle to reach the XML library.
// Reached first from elsewhere (a message's attachment), Rolldown puts that library in a chunk of its
// own, imported statically: a second request before the widget can start (bundle-size.spec fails).
import { SessionController } from "./session-controller.js";
import { Conversations } from "../../session/conversations.js";
import type { XmppminiChatElement } from "../xmppmini-chat-element.js";
import { Attention } from "./attention.js";
import { Composer } from "./composer.js";
import { FileSharing } from "./file-sharing.js";
import { HeldPictures } from "./held-pictures.js";
import { LinkTargets } from "./link-targets.js";
import { Localisation } from "./localisation.js";
import { MessagePager } from "./message-pager.js";
import { PanelState } from "./panel-state.js";
import { PeerStatus } from "./peer-status.js";
import { Problems } from "./problems.js";
import { RoomPanes } from "./room-panes.js";
import { SupportDesk } from "./support-desk.js";
import { VoiceMessages } from "./voice-messages.js";
import { Calls } from "./calls.js";
import { PeerProfiles } from "./peer-profiles.js";
import type { PrechatDetails } from "../prechat.js";

/** The parts of one `<xmppmini-chat>`, each with one concern, and which of them talks to which. */
export interface ChatControllers {
  readonly language: Localisation;
  readonly problems: Problems;
  /** The conversations shown, in memory. */
  readonly conversations: Conversations;
  readonly session: SessionController;
  /** Presence and typing of the peers. */
  readonly peers: PeerStatus;
  readonly pager: MessagePager;
  readonly composer: Composer;
  readonly attention: Attention;
  readonly panel: PanelState;
  readonly rooms: RoomPanes;
  readonly links: LinkTargets;
  readonly files: FileSharing;
  readonly pictures: HeldPictures;
  /** The record button and the recording under way. */
  readonly voice: VoiceMessages;
  /** The call button and call invitations' cards. */
  readonly calls: Calls;
  /** The peers' names and pictures. */
  readonly profiles: PeerProfiles;
  /** The page's peer as a support desk: welcome, availability, office hours. */
  readonly desk: SupportDesk;
}

/**
 * Makes the controllers of `host`. A part that reaches one made after it does so in a callback, called
 * only once all are made (the session reacts to what the others are, and they to it). `renderNow` renders
 * a pending update at once instead of at the next frame.
 */
export function chatControllers(host: XmppminiChatElement, renderNow: () => void): ChatControllers {
  const language = new Localisation(host);
  const problems = new Problems(host);
  const conversations = new Conversations();
  const peers = new PeerStatus(host);
  const session = new SessionController(host, conversations, problems, peers, {
    restore: (kept) => {
      profiles.forget();
      panel.restore(kept);
      rooms.restore(kept);
    },
    connecting: () => {
      panel.signingIn();
      // The pane is usable from here (a message typed now waits in the outbox): shown in this task, not a frame
      // later; from a microtask, so that the session's sign-in goes on whatever the render does.
      queueMicrotask(renderNow);
      // The time format's first use costs tens of milliseconds (the browser loads its locale data): made
      // while the sign-in waits for the server, after the pane is shown and before the first live message.
      language.prepareTimes();
    },
    online: () => {
      rooms.joinListed();
      panel.online();
    },
    storedHistoryShown: () => {
      panel.storedHistoryShown();
      composer.draftsRead();
    },
    arrived: (message) => attention.arrived(message),
    shown: (message) => profiles.shown(message),
    profile: (peer, profile) => profiles.learn(peer, profile),
    room: (view) => rooms.show(view),
  });
  const { chat } = session;
  const activePeer = () => conversations.active?.peer;
  const pager = new MessagePager(host, {
    active: () => conversations.active,
    loadOlder: (peer, oldest) => chat.loadOlder(peer, oldest),
    olderMayExist: (peer) => chat.olderMayExist(peer),
    failed: (error) => problems.fail(error, "message-error", "Older messages could not be loaded."),
  });
  const composer: Composer = new Composer(host, {
    activePeer,
    lastOwn: () => {
      const messages = conversations.active?.messages ?? [];
      for (let index = messages.length - 1; index >= 0; index -= 1) {
        const message = messages[index]!;
        // Our newest message is the one to correct (XEP-0308); an invitation to a call is no text to correct.
        if (message.direction === "out" && !message.kind) return message.call ? undefined : message;
      }
      return undefined;
    },
    draft: (peer) => chat.draft(peer),
    saveDraft: (peer, text) => chat.saveDraft(peer, text),
    chatState: (peer, state) => chat.chatState(peer, state),
    mentionable: () => rooms.mentionable(),
    send: (peer, text, replaces) => {
      const sendNow = () => {
        // What we write is what we want to see: back to the newest messages.
        pager.followNewest();
        const sending = replaces ? chat.send(peer, text, { replaces }) : host.send(peer, text);
        // The answer to the person's Enter shows in the same task: their row, laid out, before the next frame.
        renderNow();
        return sending;
      };
      // A correction follows a first message: the pre-chat step had its say then.
      return replaces ? sendNow() : throughDesk(peer, sendNow);
    },
    failed: (error) => problems.fail(error, "not-connected", "The message could not be sent."),
  });
  const attention = new Attention(host, conversations, chat, language);
  const panel = new PanelState(host, conversations, session, pager, attention, problems);
  const rooms: RoomPanes = new RoomPanes(host, conversations, session, panel, composer, problems, language);
  const account = () => session.account;
  const profiles = new PeerProfiles(host, { profile: (peer) => chat.profile(peer) });
  const links = new LinkTargets(host, composer, problems, account, (jid, name) => profiles.nameFromHost(jid, name));
  const files = new FileSharing(host, {
    activePeer,
    account,
    uploadUrl: () => host.uploadUrl,
    canUpload: () => chat.canUpload,
    signedIn: () => host.status !== "offline",
    slot: (file) => chat.uploadSlot(file),
    send: (peer, body, attachment) =>
      throughDesk(peer, () => {
        if (peer === activePeer()) pager.followNewest();
        return chat.send(peer, body, attachment ? { attachment } : {});
      }),
    follow: (target) => links.follow(target),
    showPage: (shown) => (panel.view = shown ? "upload" : "chat"),
    failed: (error) => problems.fail(error, "upload-failed", "The file could not be sent."),
  });
  const pictures = new HeldPictures(host, chat);
  const voice = new VoiceMessages(host, {
    activePeer,
    canShare: () => files.attach !== undefined,
    shown: () => (host.mode !== "overlay" || host.open) && panel.view === "chat",
    share: (peer, clip, duration) => files.shareClip(peer, clip, duration),
    failed: (error) => problems.fail(error, "media-refused", "The voice message could not be recorded."),
  });
  const calls = new Calls(host, {
    callablePeer: () => (conversations.active && !rooms.active ? conversations.active.peer : undefined),
    locale: () => language.strings.locale,
    send: (peer, body, extras) =>
      throughDesk(peer, () => {
        if (peer === activePeer()) pager.followNewest();
        return chat.send(peer, body, extras);
      }),
    failed: (error) => problems.fail(error, "message-error", "The call could not be started or answered."),
  });
  const desk = new SupportDesk(host, peers, problems, {
    account: () => session.account,
    nickname: (nick) => (chat.nickname = nick),
  });
  /**
   * A message to `peer` through a support desk's pre-chat step: held back (rejected, nothing taken) while a
   * required field is missing; else who the visitor is goes first, once, then the message.
   */
  function throughDesk<T>(peer: string, send: () => Promise<T>): Promise<T> {
    let details: PrechatDetails | undefined;
    try {
      details = desk.beforeSend(peer, language.strings.locale);
    } catch (error) {
      return Promise.reject(error);
    }
    if (details) {
      const { sent, refused } = details;
      host.send(peer, details.text).then(sent, (error: unknown) => {
        refused();
        problems.fail(error, "message-error", "Your details were not sent.");
      });
    }
    return send();
  }
  return {
    language,
    problems,
    conversations,
    session,
    peers,
    pager,
    composer,
    attention,
    panel,
    rooms,
    links,
    files,
    pictures,
    voice,
    calls,
    profiles,
    desk,
  };
}
