// One room as this account is in it, and the view of it the UI and the other tabs are given.
import type { Occupant } from "../xmpp/muc.js";
import { OccupantList } from "./occupant-list.js";

export type RoomStatus = "joining" | "joined" | "left" | "error";

/** What the UI shows of one room. */
export interface RoomView {
  readonly jid: string;
  /** Our nickname there (the one asked for, or the one we got when it was taken). */
  readonly nick: string;
  readonly status: RoomStatus;
  readonly subject: string;
  /** Sorted: moderators first, then by nickname. */
  readonly occupants: readonly Occupant[];
  /** The nickname we asked for when another one had to be used. */
  readonly wantedNick?: string;
  /** Why we are not in the room (status `error` or `left` by the room's doing), for people. */
  readonly problem?: string;
}

export interface RoomEntry {
  readonly jid: string;
  readonly wantedNick: string;
  nick: string;
  password: string | undefined;
  status: RoomStatus;
  subject: string;
  /** By nickname, and in display order (see OccupantList): a big room's presences must not re-sort it. */
  readonly occupants: OccupantList;
  problem: string | undefined;
  /** Nicknames tried since the wanted one was refused as taken. */
  conflicts: number;
  /** Whether this browser showed any of the room's messages before this join: if not, what the join brings is old history. */
  knownBefore: boolean;
  /** The join asked for no history: what was said since this archive id comes from the room's archive. */
  catchUpAfter: string | undefined;
}

/** A join of `room` as `nick`, keeping what is known of an earlier entry for it (its password, its subject). */
export function joiningEntry(
  room: string,
  nick: string,
  password: string | undefined,
  earlier: RoomEntry | undefined,
  knownBefore: boolean,
): RoomEntry {
  return {
    jid: room,
    wantedNick: nick,
    nick,
    password: password ?? earlier?.password,
    status: "joining",
    subject: earlier?.subject ?? "",
    occupants: new OccupantList(),
    problem: undefined,
    conflicts: 0,
    knownBefore,
    catchUpAfter: undefined,
  };
}

/** Our nickname in the room once joined. */
export function joinedNick(entry: RoomEntry | undefined): string | undefined {
  return entry?.status === "joined" ? entry.nick : undefined;
}

export function viewOf(entry: RoomEntry): RoomView {
  const occupants = entry.occupants.sorted();
  return {
    jid: entry.jid,
    nick: entry.nick,
    status: entry.status,
    subject: entry.subject,
    occupants,
    ...(entry.nick !== entry.wantedNick && { wantedNick: entry.wantedNick }),
    ...(entry.problem && { problem: entry.problem }),
  };
}
