// The room pane's words (room-ui chunk): a page without rooms never loads them. The rest of the catalog
// is in i18n/.
import { chunkStringsFor } from "./catalog.js";

const en = {
  occupants: (count: number) => `${count} in the room`,
  moreOccupants: (count: number) => `and ${count} more`,
  joiningRoom: "Joining the room…",
  leftRoom: "You are not in this room.",
  joinAgain: "Join again",
  leaveRoom: "Leave",
  mute: "Mute",
  muteHint: "Muted: only messages that mention you notify",
  renamed: (wanted: string, nick: string) => `"${wanted}" was taken here: you are "${nick}".`,
  mentionSuggestions: "People in the room",
  roles: { moderator: "moderator", participant: "", visitor: "visitor" } as Record<string, string>,
};

export type RoomStrings = typeof en;

const zhCN: RoomStrings = {
  occupants: (count: number) => `聊天室中 ${count} 人`,
  moreOccupants: (count: number) => `还有 ${count} 人`,
  joiningRoom: "正在加入聊天室…",
  leftRoom: "你不在这个聊天室中。",
  joinAgain: "重新加入",
  leaveRoom: "退出",
  mute: "静音",
  muteHint: "已静音：只有提到你的消息会提醒",
  renamed: (wanted: string, nick: string) => `“${wanted}”已被占用：你在这里叫“${nick}”。`,
  mentionSuggestions: "聊天室中的人",
  roles: { moderator: "主持人", participant: "", visitor: "访客" } as Record<string, string>,
};

/** For a catalog's locale (see i18n/catalog.ts): what the site registered over Simplified Chinese, else English. */
export function roomStringsFor(locale: string): RoomStrings {
  return chunkStringsFor("room", locale, en, zhCN);
}
