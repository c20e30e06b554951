// The words of calls (the call-card chunk, src/ui/calls/call-card.ts): a page without `call-url` where no call
// invitation ever arrives never loads them. The rest of the catalog is in i18n/.
import { chunkStringsFor } from "./catalog.js";

const en = {
  /** The header's call button: what it does. */
  startCall: "Start a call (the call page opens in a new tab)",
  call: "Call",
  /** The body of our invitation, for clients that show no call card. */
  inviteBody: (url: string) => `Join my call: ${url}`,
  incoming: "Incoming call",
  incomingVideo: "Incoming video call",
  join: "Join",
  decline: "Decline",
  calling: "Calling…",
  cancel: "Cancel",
  /** The call page of an invitation, opened again. */
  open: "Open the call page",
  joined: "You joined the call",
  accepted: "Call accepted",
  youDeclined: "You declined the call",
  declined: "Call declined",
  missed: "Missed call",
  cancelled: "Call cancelled",
  noAnswer: "No answer",
};

export type CallStrings = typeof en;

const zhCN: CallStrings = {
  startCall: "发起通话（通话页面将在新标签页中打开）",
  call: "通话",
  inviteBody: (url: string) => `加入我的通话：${url}`,
  incoming: "来电",
  incomingVideo: "视频来电",
  join: "加入",
  decline: "拒绝",
  calling: "正在呼叫…",
  cancel: "取消",
  open: "打开通话页面",
  joined: "你已加入通话",
  accepted: "对方已接受通话",
  youDeclined: "你拒绝了通话",
  declined: "对方拒绝了通话",
  missed: "未接来电",
  cancelled: "通话已取消",
  noAnswer: "无人接听",
};

/** For a catalog's locale (see i18n/catalog.ts): what the site registered over Simplified Chinese, else English. */
export function callStringsFor(locale: string): CallStrings {
  return chunkStringsFor("call", locale, en, zhCN);
}
