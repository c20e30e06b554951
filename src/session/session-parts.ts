import { Accounts } from "./account-scope.js";
import { ConnectionLoop } from "./connection-loop.js";
import type { HeardStates } from "./heard-states.js";
import { InboundRouter } from "./inbound-router.js";
import { Outbox } from "./outbox.js";
import { Outgoing } from "./outgoing.js";
import { PeerWatch, type PeerNews } from "./peer-watch.js";
import { ReadMarks } from "./read-marks.js";
import type { SessionDependencies } from "./session-dependencies.js";
import { SessionHistory } from "./session-history.js";
import { SessionReports } from "./session-reports.js";
import { SessionRooms } from "./session-rooms.js";
import type { SessionListener } from "./session-types.js";
import { TabRelay } from "./tab-relay.js";
import { UploadSlots } from "./upload-slots.js";
import { comeOnline } from "./leader-duties.js";
import { Profiles } from "./profiles.js";

/** The parts of one session, each with one concern; see ChatSession for how they are used. */
export interface SessionParts {
  readonly listener: SessionListener;
  readonly relay: TabRelay;
  readonly reports: SessionReports;
  readonly loop: ConnectionLoop;
  readonly accounts: Accounts;
  readonly rooms: SessionRooms;
  readonly history: SessionHistory;
  readonly peers: PeerWatch;
  readonly uploads: UploadSlots;
  readonly outgoing: Outgoing;
  readonly readMarks: ReadMarks;
  readonly inbound: InboundRouter;
  readonly profiles: Profiles;
  /** In a tab that does not lead, what the leader told of our messages; made with the tab inbox (a chunk). */
  heard?: HeardStates;
  /** A new outbox for `account`, reporting to the page and (from the leader) the other tabs. */
  newOutbox(account: string): Outbox;
}

/** Builds the parts and wires what each tells the others. */
export function assembleSession(listener: SessionListener, dependencies: SessionDependencies): SessionParts {
  const relay = new TabRelay(dependencies.openTabChannel);
  const reports = new SessionReports(listener, relay);
  // The parts reach each other through `parts`, filled in below: every reference runs after assembly.
  const parts = { listener, relay, reports } as SessionParts & Record<string, unknown>;
  const account = () => parts.accounts.current;
  const online = () => {
    const connection = parts.loop.online;
    const addressing = parts.loop.addressing;
    return connection && addressing ? { connection, addressing } : null;
  };
  const loop = new ConnectionLoop({
    signIn: dependencies.signIn,
    streamState: dependencies.streamState,
    relay,
    reports,
    hooks: {
      status: (status, detail) => {
        listener.status(status, detail);
        relay.announce({ type: "status", ...loop.statusDetail });
      },
      signingIn: (signingIn) => {
        // From the first stanza on (offline messages follow our presence at once) until the archive
        // catch-up is done, live messages wait: what was missed is shown first, whichever way it came back.
        signingIn.intake.hold();
        parts.history.signingIn();
      },
      stanza: (_, stanza, connection) => {
        const current = account();
        if (current) parts.inbound.stanza(current, stanza, connection);
      },
      online: (current, connection, how) => comeOnline(parts, current, connection, how),
      offline: () => parts.rooms.offline(),
      failed: (failed) => failed.intake.release(),
      acked: (id) => account()?.outbox.advance(id, "sent"),
    },
  });
  const rooms = new SessionRooms({
    account,
    connection: () => loop.online,
    store: dependencies.messages,
    listener,
    relay,
    report: (error) => reports.report(error),
    flush: (owner) => parts.outgoing.flush(owner),
  });
  const news = (peer: string, peerNews: PeerNews) => {
    listener.peer(peer, peerNews);
    relay.announce({ type: "peer", peer, news: peerNews });
  };
  const profiles = new Profiles({
    account,
    online,
    isRoomAddress: (jid) => parts.rooms.has(jid),
    relay,
    changed: (peer, profile) => news(peer, { profile }),
  });
  const peers = new PeerWatch({ news, photo: (peer, hash) => profiles.photo(peer, hash) });
  const history = new SessionHistory({
    store: dependencies.messages,
    position: dependencies.position,
    listener,
    rooms,
    reports,
    online,
    now: dependencies.now,
  });
  const readMarks = new ReadMarks({ listener, relay, online: () => loop.online });
  const newOutbox = (owner: string) =>
    new Outbox(dependencies.messages, owner, {
      changed: (message) => {
        listener.update(message);
        relay.announce({ type: "update", message });
      },
      storageFailed: (error) => reports.storageFailed(error),
    });
  return Object.assign(parts, {
    loop,
    rooms,
    peers,
    profiles,
    history,
    readMarks,
    newOutbox,
    uploads: new UploadSlots({
      changed: (available) => listener.upload?.(available),
      post: (message) => relay.post(message),
    }),
    outgoing: new Outgoing({
      account,
      online,
      confirmsDelivery: () => loop.confirmsDelivery,
      rooms,
      peers,
      relay,
      listener,
      now: dependencies.now,
    }),
    inbound: new InboundRouter({ listener, relay, rooms, peers, readMarks, history, reports }),
    accounts: new Accounts({
      resolver: dependencies.resolver,
      outbox: newOutbox,
      conversations: dependencies.conversations,
      addressing: () => loop.addressing,
      accept: (owner, message, details) => parts.inbound.accept(owner, message, details),
      storageFailed: (error) => reports.storageFailed(error),
    }),
  });
}
