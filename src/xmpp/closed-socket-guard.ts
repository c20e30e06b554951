// A WebSocket that is closing or closed drops whatever is sent on it and says so in the host page's
// console ("WebSocket is already in CLOSING or CLOSED state"). xmpp.js refuses writes only while the stream
// closes; after the server has closed the stream, or while the socket closes, a late write (an ack answered
// after an IndexedDB save, a query started just before `disconnect()`) still reaches `send`. Refusing it
// here keeps the console clean and tells the writer the truth: it was not sent (the outbox keeps a message
// refused this way pending for the next connection).
//
// Closing, the client lets the server close first (RFC 6455 §7.1.1: the server closes the connection, the
// client waits for it). ejabberd closes the WebSocket right after its </close>; a client that closes at the
// same moment gets a second close frame from it, which Chromium reports in the host page's console ("Close
// received after close").
import type { Client } from "@xmpp/client-core";
import { promise } from "@xmpp/events";

const WEBSOCKET_OPEN = 1;

/** The part of a transport socket this looks at: @xmpp/websocket keeps its WebSocket in `socket`. */
interface TransportSocket {
  socket?: { readyState?: number } | null;
}

/** Whether a write can reach the other side now. BOSH sockets (no `socket` field) refuse by themselves. */
export function acceptsWrites(transport: TransportSocket | null | undefined): boolean {
  if (!transport) return false;
  if (!("socket" in transport)) return true;
  return transport.socket?.readyState === WEBSOCKET_OPEN;
}

export function refuseWritesOnClosedSocket(entity: Client): void {
  const write = entity.write.bind(entity);
  entity.write = (data: string) => {
    if (!acceptsWrites(entity.socket as TransportSocket | null | undefined)) {
      return Promise.reject(new Error(`Not sent: the connection is closed (${entity.status}).`));
    }
    return write(data);
  };
}

/** Gives the server two seconds to close an open WebSocket before the client closes it. */
export function letServerCloseFirst(entity: Client): void {
  const closeSocket = entity._closeSocket.bind(entity);
  entity._closeSocket = async (timeout?: number) => {
    const transport = entity.socket as TransportSocket | null;
    // A timeout rejects: then the client closes.
    if (transport?.socket?.readyState === WEBSOCKET_OPEN)
      await promise(transport, "close", "error", 2000).catch(() => undefined);
    // Closed meanwhile: xmpp.js has let go of the socket and reported it.
    if (entity.socket) await closeSocket(timeout);
  };
}
