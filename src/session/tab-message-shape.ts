// What arrives on the tabs' channel is checked by shape before any tab acts on it. The channel is this
// origin's only, but any page of the host site can post to it (another version of the widget, a page's own
// script), and the leader acts on what followers ask: a message of the wrong shape must be skipped, not
// sent, stored or shown half-read.
import type { TabMessage } from "./tab-coordinator.js";

type Check = (value: unknown) => boolean;

const isString: Check = (value) => typeof value === "string";
const isNumber: Check = (value) => typeof value === "number" && !Number.isNaN(value);
const isBoolean: Check = (value) => typeof value === "boolean";
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const oneOf =
  (...allowed: readonly string[]): Check =>
  (value) =>
    typeof value === "string" && allowed.includes(value);

/** An object whose `required` fields pass their checks and whose `optional` ones do where present. */
function shape(required: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  return (value) =>
    isRecord(value) &&
    Object.entries(required).every(([key, check]) => check(value[key])) &&
    Object.entries(optional).every(([key, check]) => value[key] === undefined || check(value[key]));
}

const arrayOf =
  (check: Check): Check =>
  (value) =>
    Array.isArray(value) && value.every(check);

const isStringRecord: Check = (value) => isRecord(value) && Object.values(value).every(isString);

const isAttachment = shape({ url: isString }, { name: isString, size: isNumber, mime: isString, duration: isNumber });

const isCallInvite = shape({ uri: isString }, { video: isBoolean });
const isCallAnswer = shape({ kind: oneOf("accept", "reject", "retract"), invite: isString }, { uri: isString });

const isChatMessage = shape(
  {
    id: isString,
    from: isString,
    to: isString,
    peer: isString,
    body: isString,
    direction: oneOf("in", "out"),
    timestamp: isNumber,
  },
  {
    order: isNumber,
    state: oneOf("pending", "sent", "delivered", "read", "failed"),
    reason: isString,
    archiveId: isString,
    markable: isBoolean,
    replaces: isString,
    kind: oneOf("headline"),
    attachment: isAttachment,
    room: isBoolean,
    nick: isString,
    mentionsMe: isBoolean,
    senderName: isString,
    call: isCallInvite,
    callAnswer: isCallAnswer,
  },
);

const isOccupant = shape({ nick: isString, role: isString, affiliation: isString }, { show: isString });
const isRoomView = shape(
  { jid: isString, nick: isString, status: isString, subject: isString, occupants: arrayOf(isOccupant) },
  { wantedNick: isString, problem: isString },
);
const isAvatar = shape({ hash: isString, type: isString, data: isString });
const isProfile = shape({}, { hostName: isString, name: isString, avatar: isAvatar });
const isPeerNews = shape(
  {},
  { presence: shape({ availability: isString }, { status: isString }), chatState: isString, profile: isProfile },
);
const isUploadFile = shape({ name: isString, size: isNumber, type: isString });
const isUploadSlot = shape({ putUrl: isString, headers: isStringRecord, getUrl: isString });

/** The fields each type of message must have, beside `type`. */
const SHAPES: Record<TabMessage["type"], Check> = {
  hello: shape({}),
  status: shape(
    { status: oneOf("offline", "connecting", "online", "error") },
    { retryAt: isNumber, transport: oneOf("websocket", "bosh") },
  ),
  message: shape({ message: isChatMessage }),
  update: shape({ message: isChatMessage }),
  send: shape({ message: isChatMessage }),
  retry: shape({ id: isString }),
  displayed: shape({ peer: isString }),
  read: shape({ peer: isString, upTo: isNumber }),
  peer: shape({ peer: isString, news: isPeerNews }),
  "chat-state": shape({ peer: isString, state: isString }),
  profile: shape({ peer: isString }),
  error: shape({ code: isString, message: isString }),
  room: shape({ view: isRoomView }),
  join: shape({ room: isString, nick: isString }, { password: isString }),
  leave: shape({ room: isString }),
  "upload-service": (value) =>
    isRecord(value) &&
    (value.service === undefined || shape({ jid: isString }, { maxFileSize: isNumber })(value.service)),
  "slot-request": shape({ requestId: isString, file: isUploadFile }),
  slot: shape({ requestId: isString }, { slot: isUploadSlot, error: shape({ code: isString, message: isString }) }),
};

/** Whether `value` is a message the tabs of this widget send one another (see TabMessage). */
export function isTabMessage(value: unknown): value is TabMessage {
  if (!isRecord(value) || typeof value.type !== "string" || !Object.hasOwn(SHAPES, value.type)) return false;
  return SHAPES[value.type as TabMessage["type"]](value);
}
