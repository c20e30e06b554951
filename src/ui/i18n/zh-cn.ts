import type { XmppminiErrorCode } from "../../errors.js";
import type { Strings } from "./en.js";

/** What each kind of failure means and what to do, in Simplified Chinese; the English detail follows. */
const errors: Record<XmppminiErrorCode, string> = {
  "invalid-jid": "地址无效，请使用 用户名@域名 的形式。",
  "invalid-config": "聊天组件的设置有误。",
  "auth-failed": "服务器拒绝了密码，请检查账号和密码。",
  "no-mechanism": "服务器没有提供本组件可以使用的登录方式。",
  "connection-failed": "无法连接到聊天服务器。",
  "connection-lost": "与聊天服务器的连接已断开，正在重新连接。",
  timeout: "连接超时。",
  "stream-error": "聊天服务器关闭了连接。",
  "not-connected": "尚未连接，消息未发送。",
  "invalid-message": "消息为空或太长。",
  "message-error": "消息未能送达。",
  "storage-unavailable": "此浏览器不允许保存聊天记录（隐私模式或存储被禁用）：消息会显示，但刷新后不再保留。",
  "not-found": "找不到该地址所在的服务器。",
  "network-or-cors": "查询服务器地址时网络请求失败。",
  "http-status": "查询服务器地址时服务器返回了错误。",
  malformed: "服务器地址信息格式有误。",
  "nested-dynamic": "服务器地址信息要求再次动态查询，不受支持。",
};

export const zhCN: Strings = {
  status: {
    offline: "离线",
    connecting: "正在连接…",
    online: "在线",
    error: "出错",
  },
  noConversation: "没有打开的对话。",
  emptyConversation: "还没有消息，打个招呼吧！",
  inputLabel: "消息",
  inputPlaceholder: "输入消息（Enter 发送，Shift+Enter 换行）",
  send: "发送",
  reconnect: "重新连接",
  retryNow: "立即重试",
  retryingIn: (seconds) => `${seconds} 秒后重试。`,
  retrySend: "重发",
  loadOlder: "加载更早的消息",
  loadingOlder: "正在加载更早的消息…",
  startOfConversation: "对话开始",
  delivery: {
    pending: "发送中…",
    sent: "已发送",
    delivered: "已送达",
    read: "已读",
    failed: "未发送",
  },
  dismiss: "关闭",
  conversations: "对话",
  chatWith: (peer) => `与 ${peer} 的对话`,
  unread: (count) => `${count} 条未读`,
  openChat: (unread) => (unread > 0 ? `打开聊天，${unread} 条未读` : "打开聊天"),
  closeChat: "关闭聊天",
  newMessageFrom: (peer) => `来自 ${peer} 的新消息`,
  errorText: (error) => `${errors[error.code]}（${error.message}）`,
};
