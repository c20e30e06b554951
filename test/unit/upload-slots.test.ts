import { expect } from "@open-wc/testing";
import xml from "@xmpp/xml";
import type { IqCaller } from "@xmpp/iq/caller.js";
import { XmppminiError } from "../../src/errors.js";
import { UploadSlots, type UploadTabMessage } from "../../src/session/upload-slots.js";
import { FakeConnection, iqError, nextTask, result } from "./fake-xmpp.js";

const DISCO_INFO = "http://jabber.org/protocol/disco#info";
const DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
const NS_UPLOAD = "urn:xmpp:http:upload:0";
const FILE = { name: "cat.png", size: 1000, type: "image/png" };

/** A server whose upload service is the item `upload.x`, taking files up to 5,000 bytes. */
function uploadServer() {
  const server = new FakeConnection()
    .answer(DISCO_INFO, "x", (iq) =>
      result(iq, xml("query", { xmlns: DISCO_INFO }, xml("feature", { var: DISCO_ITEMS }))),
    )
    .answer(DISCO_ITEMS, "x", (iq) =>
      result(
        iq,
        xml("query", { xmlns: DISCO_ITEMS }, xml("item", { jid: "pubsub.x" }), xml("item", { jid: "upload.x" })),
      ),
    )
    .answer(DISCO_INFO, "upload.x", (iq) =>
      result(
        iq,
        xml(
          "query",
          { xmlns: DISCO_INFO },
          xml("feature", { var: NS_UPLOAD }),
          xml(
            "x",
            { xmlns: "jabber:x:data", type: "result" },
            xml("field", { var: "FORM_TYPE" }, xml("value", {}, NS_UPLOAD)),
            xml("field", { var: "max-file-size" }, xml("value", {}, "5000")),
          ),
        ),
      ),
    )
    .answer(NS_UPLOAD, "upload.x", (iq) => {
      const name = iq.getChild("request")!.attrs.filename;
      return result(
        iq,
        xml(
          "slot",
          { xmlns: NS_UPLOAD },
          xml("put", { url: `https://upload.x/put/${name}` }),
          xml("get", { url: `https://upload.x/get/${name}` }),
        ),
      );
    });
  return {
    server,
    iqCaller: server.iqCaller as unknown as IqCaller,
    slotRequests: () => server.requests.filter((iq) => iq.getChild("request", NS_UPLOAD)).length,
  };
}

/** A leader tab and a follower tab of one account, their posts delivered to each other as the channel would. */
function twoTabs(iqCaller: IqCaller) {
  const availability: Array<[string, boolean]> = [];
  const tabs: Record<"leader" | "follower", UploadSlots> = {} as never;
  const deliver = (to: "leader" | "follower", message: UploadTabMessage) =>
    // A structured clone on a later task, as over a BroadcastChannel.
    void nextTask().then(() => tabs[to].fromTab(structuredClone(message), to === "leader" ? iqCaller : undefined));
  tabs.leader = new UploadSlots({
    changed: (available) => availability.push(["leader", available]),
    post: (message) => deliver("follower", message),
  });
  tabs.follower = new UploadSlots({
    changed: (available) => availability.push(["follower", available]),
    post: (message) => deliver("leader", message),
  });
  return { ...tabs, availability };
}

describe("UploadSlots", () => {
  it("finds the upload service among the server's items, and tells the other tabs it is there", async () => {
    const { iqCaller } = uploadServer();
    const { leader, follower, availability } = twoTabs(iqCaller);
    await leader.discover(iqCaller, "x", () => true);
    await nextTask();
    expect(leader.available).to.equal(true);
    expect(follower.available).to.equal(true);
    expect(availability).to.deep.equal([
      ["leader", true],
      ["follower", true],
    ]);
  });

  it("asks the upload service once for a follower's file and gives the follower the answer", async () => {
    const { iqCaller, slotRequests } = uploadServer();
    const { leader, follower } = twoTabs(iqCaller);
    await leader.discover(iqCaller, "x", () => true);
    await nextTask();
    const slot = await follower.slot(FILE, undefined);
    expect(slot).to.deep.equal({
      putUrl: "https://upload.x/put/cat.png",
      headers: {},
      getUrl: "https://upload.x/get/cat.png",
    });
    expect(slotRequests()).to.equal(1);
  });

  it("gives a follower the server's refusal in words, with its code", async () => {
    const server = new FakeConnection().answer(NS_UPLOAD, "upload.x", () => {
      throw iqError("not-acceptable", "File too large for your quota");
    });
    const iqCaller = server.iqCaller as unknown as IqCaller;
    const { leader, follower } = twoTabs(iqCaller);
    // The follower learns the service as from the leader's announcement.
    follower.fromTab({ type: "upload-service", service: { jid: "upload.x", maxFileSize: undefined } }, undefined);
    leader.fromTab({ type: "upload-service", service: { jid: "upload.x", maxFileSize: undefined } }, undefined);
    let failure: unknown;
    await follower.slot(FILE, undefined).catch((error: unknown) => (failure = error));
    expect(failure).to.be.instanceOf(XmppminiError);
    expect((failure as XmppminiError).code).to.equal("upload-failed");
    expect((failure as XmppminiError).message).to.contain("File too large for your quota");
  });

  it("refuses a file over the server's limit without asking for a slot", async () => {
    const { iqCaller, slotRequests } = uploadServer();
    const { leader } = twoTabs(iqCaller);
    await leader.discover(iqCaller, "x", () => true);
    let failure: unknown;
    await leader.slot({ ...FILE, size: 6000 }, iqCaller).catch((error: unknown) => (failure = error));
    expect((failure as XmppminiError).message).to.contain("takes files up to");
    expect(slotRequests()).to.equal(0);
  });

  it("offers no uploads where the server has no upload service", async () => {
    const server = new FakeConnection()
      .answer(DISCO_INFO, "x", (iq) => result(iq, xml("query", { xmlns: DISCO_INFO })))
      .answer(DISCO_ITEMS, "x", (iq) => result(iq, xml("query", { xmlns: DISCO_ITEMS })));
    const iqCaller = server.iqCaller as unknown as IqCaller;
    const posts: UploadTabMessage[] = [];
    const slots = new UploadSlots({
      changed: () => expect.fail("nothing changed"),
      post: (message) => posts.push(message),
    });
    await slots.discover(iqCaller, "x", () => true);
    expect(slots.available).to.equal(false);
    expect(posts).to.deep.equal([{ type: "upload-service", service: undefined }]);
    let failure: unknown;
    await slots.slot(FILE, iqCaller).catch((error: unknown) => (failure = error));
    expect((failure as XmppminiError).code).to.equal("upload-failed");
  });

  it("keeps nothing it found over a connection that is no longer the session's", async () => {
    const { server, iqCaller } = uploadServer();
    const { leader, follower } = twoTabs(iqCaller);
    // The connection goes while the service's own answer is on its way: the last of four queries.
    await leader.discover(iqCaller, "x", () => server.requests.length < 4);
    await nextTask();
    expect(server.requests).to.have.length(4);
    expect(leader.available).to.equal(false);
    expect(follower.available).to.equal(false);
  });

  it("fails a follower's waiting upload on sign-out instead of leaving it hanging", async () => {
    const slots = new UploadSlots({ changed: () => undefined, post: () => undefined });
    slots.fromTab({ type: "upload-service", service: { jid: "upload.x", maxFileSize: undefined } }, undefined);
    const waiting = slots.slot(FILE, undefined);
    await nextTask();
    slots.forget();
    let failure: unknown;
    await waiting.catch((error: unknown) => (failure = error));
    expect((failure as XmppminiError).code).to.equal("not-connected");
    expect(slots.available).to.equal(false);
  });

  it("takes the upload service's news only as a follower, and slot requests only as the leader", async () => {
    const { iqCaller, slotRequests } = uploadServer();
    const posts: UploadTabMessage[] = [];
    const slots = new UploadSlots({ changed: () => undefined, post: (message) => posts.push(message) });
    slots.fromTab({ type: "upload-service", service: { jid: "upload.x", maxFileSize: undefined } }, iqCaller);
    expect(slots.available).to.equal(false);
    slots.fromTab({ type: "upload-service", service: { jid: "upload.x", maxFileSize: undefined } }, undefined);
    slots.fromTab({ type: "slot-request", requestId: "r1", file: FILE }, undefined);
    await nextTask();
    expect(posts).to.deep.equal([]);
    expect(slotRequests()).to.equal(0);
  });
});
