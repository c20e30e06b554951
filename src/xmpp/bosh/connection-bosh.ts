// XMPP over BOSH as an xmpp.js transport: the WebSocket transport's framing and parser, with a BOSH
// session in place of the socket. The client picks it for http(s):// service URLs.
import ConnectionWebSocket from "@xmpp/websocket/lib/Connection.js";
import { BoshSocket } from "./bosh-socket.js";

export class ConnectionBosh extends ConnectionWebSocket {
  override socketParameters(service: string): string | undefined {
    return /^https?:\/\//iu.test(service) ? service : undefined;
  }
}

(ConnectionBosh.prototype as unknown as { Socket: typeof BoshSocket }).Socket = BoshSocket;

/** Registers BOSH with a client entity, after WebSocket. */
export default function bosh({ entity }: { entity: { transports: unknown[] } }): void {
  entity.transports.push(ConnectionBosh);
}
