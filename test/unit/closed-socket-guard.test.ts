import { expect } from "@open-wc/testing";
import { Client } from "@xmpp/client-core";
import { EventEmitter } from "@xmpp/events";
import { acceptsWrites, letServerCloseFirst, refuseWritesOnClosedSocket } from "../../src/xmpp/closed-socket-guard.js";

/** A transport socket shaped like @xmpp/websocket's: the browser WebSocket in `socket`, `write` sends on it. */
function websocketTransport(readyState: number) {
  const sent: string[] = [];
  const transport = {
    socket: { readyState, send: (data: string) => sent.push(data) } as {
      readyState: number;
      send(data: string): void;
    } | null,
    write(data: string, done: (error?: Error) => void) {
      transport.socket!.send(data);
      done();
    },
  };
  return { transport, sent };
}

describe("refusing writes on a closed socket", () => {
  it("an open WebSocket gets the write", async () => {
    const entity = new Client({ domain: "example.org" });
    refuseWritesOnClosedSocket(entity);
    const { transport, sent } = websocketTransport(1);
    entity.socket = transport;
    await entity.write("<r xmlns='urn:xmpp:sm:3'/>");
    expect(sent).to.deep.equal(["<r xmlns='urn:xmpp:sm:3'/>"]);
  });

  for (const [state, name] of [
    [2, "closing"],
    [3, "closed"],
  ] as const) {
    it(`a ${name} WebSocket is never sent on, and the writer hears it was not sent`, async () => {
      const entity = new Client({ domain: "example.org" });
      refuseWritesOnClosedSocket(entity);
      const { transport, sent } = websocketTransport(state);
      entity.socket = transport;
      let refused: unknown;
      await entity.write("<a xmlns='urn:xmpp:sm:3' h='3'/>").catch((error: unknown) => (refused = error));
      expect(sent).to.deep.equal([]);
      expect(String(refused)).to.contain("the connection is closed");
    });
  }

  it("a socket already let go of, or none: refused; a BOSH socket decides by itself", () => {
    expect(acceptsWrites(null)).to.equal(false);
    expect(acceptsWrites({ socket: null })).to.equal(false);
    expect(acceptsWrites({} as { socket?: null })).to.equal(true);
  });
});

/** An @xmpp/websocket-shaped transport whose WebSocket records who closed it. */
function closableTransport() {
  const transport = Object.assign(new EventEmitter(), {
    socket: { readyState: 1 } as { readyState: number } | null,
    closedBy: [] as string[],
    end() {
      transport.closedBy.push("client");
      // A WebSocket reports its close later, as a browser's does.
      setTimeout(() => transport.closedByServer());
    },
    closedByServer() {
      if (!transport.socket) return;
      transport.socket.readyState = 3;
      transport.emit("close", false, {});
    },
  });
  return transport;
}

describe("closing the WebSocket after the stream", () => {
  it("the server closes first: the client only waits, and xmpp.js hears the close", async () => {
    const entity = new Client({ domain: "example.org" });
    letServerCloseFirst(entity);
    const transport = closableTransport();
    entity._attachSocket(transport);
    const statuses: string[] = [];
    entity.on("status", (status: string) => statuses.push(status));
    const closing = entity._closeSocket(5000);
    setTimeout(() => transport.closedByServer(), 50);
    await closing;
    expect(transport.closedBy).to.deep.equal([]);
    expect(entity.socket).to.equal(null);
    expect(statuses).to.include("disconnect");
  });

  it("a server that keeps the socket open: the client closes it after the grace", async () => {
    const entity = new Client({ domain: "example.org" });
    letServerCloseFirst(entity);
    const transport = closableTransport();
    entity._attachSocket(transport);
    await entity._closeSocket(5000);
    expect(transport.closedBy).to.deep.equal(["client"]);
    expect(entity.socket).to.equal(null);
  });
});
