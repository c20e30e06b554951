import { XmppminiError } from "../errors.js";
import type { AccountScope } from "./account-scope.js";
import type { ConnectionLoop } from "./connection-loop.js";
import { HeardStates } from "./heard-states.js";
import type { Outgoing } from "./outgoing.js";
import type { PeerWatch } from "./peer-watch.js";
import type { Profiles } from "./profiles.js";
import type { ReadMarks } from "./read-marks.js";
import type { SessionRooms } from "./session-rooms.js";
import type { SessionListener } from "./session-types.js";
import type { TabMessage } from "./tab-coordinator.js";
import type { TabRelay } from "./tab-relay.js";
import type { UploadSlots, UploadTabMessage } from "./upload-slots.js";

export interface TabInboxParts {
  listener: SessionListener;
  relay: TabRelay;
  loop: ConnectionLoop;
  rooms: SessionRooms;
  peers: PeerWatch;
  profiles: Profiles;
  uploads: UploadSlots;
  outgoing: Outgoing;
  readMarks: ReadMarks;
  heard?: HeardStates;
}

type Handlers = { [T in TabMessage["type"]]?: (message: Extract<TabMessage, { type: T }>) => void };

/**
 * What the other tabs of the account say, by who acts on it: commands that only the leader carries out
 * (it holds the connection), the leader's news that the others mirror, and what every tab takes in.
 */
export function tabInbox(parts: TabInboxParts, account: AccountScope): (message: TabMessage) => void {
  const { listener, relay, loop, rooms, peers, profiles, uploads, outgoing, readMarks } = parts;
  const heard = (parts.heard ??= new HeardStates());
  // Upload news goes to the upload slots, with the connection to ask through where this tab leads.
  const uploadNews = (message: UploadTabMessage) =>
    uploads.fromTab(message, relay.leading ? loop.connection?.iqCaller : undefined);
  const forLeader: Handlers = {
    hello: () => {
      relay.post({ type: "status", ...loop.statusDetail });
      for (const [peer, presence] of peers.known()) relay.post({ type: "peer", peer, news: { presence } });
      uploads.announce();
      for (const view of rooms.views) relay.post({ type: "room", view });
    },
    join: (message) => void rooms.join(message.room, message.nick, message.password),
    leave: (message) => void rooms.leave(message.room),
    "chat-state": (message) => outgoing.chatState(message.peer, message.state),
    profile: (message) => profiles.want(message.peer),
    send: (message) => {
      account.outbox.track([message.message]);
      outgoing.flush(account);
    },
    retry: (message) => outgoing.retry(message.id),
    displayed: (message) => readMarks.sendDisplayed(message.peer),
  };
  const forFollowers: Handlers = {
    room: (message) => rooms.changed(message.view),
    peer: (message) => listener.peer(message.peer, message.news),
    status: (message) =>
      loop.mirror(message.status, {
        ...(message.transport && { transport: message.transport }),
        ...(message.retryAt !== undefined && { retryAt: message.retryAt }),
      }),
    update: (message) => {
      listener.update(message.message);
      heard.heard(message.message);
    },
    error: (message) => listener.error(new XmppminiError(message.code, message.message)),
  };
  const forEvery: Handlers = {
    "upload-service": uploadNews,
    "slot-request": uploadNews,
    slot: uploadNews,
    message: ({ message }) => {
      rooms.shown(message);
      if (message.direction === "out" && !message.callAnswer) account.marks.markAcquainted(message.peer);
      if (account.intake.remember(message)) listener.message(message);
    },
    read: (message) => {
      if (account.marks.read(message.peer, message.upTo)) listener.read(message.peer, message.upTo);
    },
  };
  return (message) => {
    const handlers = forEvery[message.type] ? forEvery : relay.leading ? forLeader : forFollowers;
    (handlers[message.type] as ((message: TabMessage) => void) | undefined)?.(message);
  };
}
