// What a person reads when a room will not have us (XEP-0045 §7.2.6–§7.2.10) or puts us out (§9, §10.9).
import type { OccupantPresence } from "../xmpp/muc.js";

/** Words for each refusal (§7.2.6–§7.2.10, RFC 6120 §8.3.3), with what a person can do. */
export function refusalText(room: string, condition: string, nick: string): string {
  switch (condition) {
    case "not-authorized":
      return `${room} needs a password: join it again with the room's password.`;
    case "registration-required":
      return `${room} is for members only: ask its owner to make you a member, then join again.`;
    case "forbidden":
      return `You are banned from ${room}: only its owner or an admin can let you back in.`;
    case "item-not-found":
    case "gone":
      return `${room} does not exist (any more): check the address, or ask the person who gave it to you.`;
    case "not-allowed":
      return `${room} does not exist, and this server lets only some people create rooms: ask an admin.`;
    case "service-unavailable":
      return `${room} is full: try again later.`;
    case "not-acceptable":
      return `${room} wants its members to use their registered nickname: join with that nickname.`;
    case "conflict":
      return `The nickname "${nick}" and the ones after it are taken in ${room}: join with another nickname.`;
    default:
      return `${room} did not let you in (${condition}).`;
  }
}

export function removalText(room: string, removal: OccupantPresence["removal"]): string {
  switch (removal) {
    case "banned":
      return `You were banned from ${room}: only its owner or an admin can let you back in.`;
    case "kicked":
      return `A moderator removed you from ${room}: you can join it again.`;
    case "destroyed":
      return `${room} was closed by its owner.`;
    default:
      return `You were removed from ${room} (it is for members now, or the service is shutting down): ask its owner.`;
  }
}
