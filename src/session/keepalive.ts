import TimeoutError from "@xmpp/events/lib/TimeoutError.js";
import xml from "@xmpp/xml";
import type { XmppConnection } from "../xmpp/connection.js";
import type { StreamManagement } from "../xmpp/stream-management.js";

/**
 * Notices a connection that died without closing (a laptop lid, a NAT that forgot us): every `intervalMs`
 * asks the server for a sign of life, with a stream-management request where that is on, else a XEP-0199
 * ping; a connection that does not answer is closed, which hands over to the reconnect policy.
 */
export function startKeepalive(
  connection: XmppConnection,
  streamManagement: StreamManagement,
  intervalMs = 45000,
  timeoutMs = 20000,
): () => void {
  const timer = setInterval(() => {
    if (streamManagement.enabled) {
      streamManagement.requestAck();
      return;
    }
    connection.iqCaller.get(xml("ping", { xmlns: "urn:xmpp:ping" }), undefined, timeoutMs).catch((error: unknown) => {
      // An error answer still proves the server is there; only silence means the connection is gone.
      if (error instanceof TimeoutError) void connection.entity.disconnect().catch(() => undefined);
    });
  }, intervalMs);
  return () => clearInterval(timer);
}
