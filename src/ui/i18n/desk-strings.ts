// The support desk's words (the desk-notice chunk, src/ui/desk-notice.ts): a page without `away-message` or `office-hours` never
// loads them. The rest of the catalog is in i18n/.
import { chunkStringsFor } from "./catalog.js";

const en = {
  /** The peer is away (its status text is in the header): what happens to a message now. */
  away: "Away at the moment. Your message waits for them, and their answer will show here.",
  /** Nobody is there (and the page gave no `away-message`). */
  nobody: "Nobody is here right now. Leave a message: it is kept, and answered when someone is back.",
  /** Outside the office hours (and the page gave no `away-message`). */
  closed: "We are closed right now. Leave a message: it is kept, and answered when we are back.",
  /** When the desk opens, in the visitor's time: "Monday 9:00 AM". */
  opensAt: (when: string) => `Back ${when}.`,
  /** The pre-chat step (`prechat`), above the composer until the visitor's first message. */
  prechatIntro: "Before you write, tell us who you are.",
  name: "Your name",
  email: "Your email",
  required: "required",
  missing: (field: string) => `Please fill in “${field}” first: it goes with your first message.`,
  invalidEmail: "That email address does not look right.",
  /** What the desk receives, before the visitor's first message: readable in any client. */
  details: (name: string, email: string) =>
    [name && `Name: ${name}`, email && `Email: ${email}`].filter(Boolean).join("\n"),
  you: "You:",
  edit: "Edit",
};

export type DeskStrings = typeof en;

const zhCN: DeskStrings = {
  away: "暂时离开。您的消息会等待对方查看，回复将显示在这里。",
  nobody: "现在没有人在。请留言：消息会被保存，有人回来后会回复您。",
  closed: "我们现在不在工作时间。请留言：消息会被保存，我们回来后会回复您。",
  opensAt: (when: string) => `${when}回来。`,
  prechatIntro: "开始之前，请告诉我们您是谁。",
  name: "您的姓名",
  email: "您的电子邮件",
  required: "必填",
  missing: (field: string) => `请先填写“${field}”：它会随您的第一条消息一起发送。`,
  invalidEmail: "这个电子邮件地址看起来不对。",
  details: (name: string, email: string) =>
    [name && `姓名：${name}`, email && `电子邮件：${email}`].filter(Boolean).join("\n"),
  you: "您：",
  edit: "修改",
};

/** For a catalog's locale (see i18n/catalog.ts): what the site registered over Simplified Chinese, else English. */
export function deskStringsFor(locale: string): DeskStrings {
  return chunkStringsFor("desk", locale, en, zhCN);
}
