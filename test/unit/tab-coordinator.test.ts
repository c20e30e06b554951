import { expect } from "@open-wc/testing";
import { TabCoordinator, type TabMessage } from "../../src/session/tab-coordinator.js";
import { nextTask, withoutWarnings } from "./fake-xmpp.js";

/** Each test its own account: locks and channels of one test never meet another's. */
let accounts = 0;
const accountName = () => `xmppmini-test-${Date.now()}-${(accounts += 1)}`;

/** Waits for `condition`, a task at a time; fails after a second. */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 1000) throw new Error("waited a second in vain");
    await nextTask(10);
  }
}

function tab(name: string) {
  const heard: TabMessage[] = [];
  const coordinator = new TabCoordinator(name, (message) => heard.push(message));
  let leads = 0;
  const elected = coordinator.elect(() => (leads += 1));
  return { coordinator, heard, elected, leads: () => leads };
}

describe("TabCoordinator", () => {
  const open: TabCoordinator[] = [];
  const opened = <T extends { coordinator: TabCoordinator }>(tabOfAccount: T): T => (
    open.push(tabOfAccount.coordinator),
    tabOfAccount
  );
  afterEach(() => {
    for (const coordinator of open.splice(0)) coordinator.close();
  });

  it("a second tab waits for the lock and takes over when the leader goes away", async () => {
    const name = accountName();
    const first = opened(tab(name));
    expect(await first.elected).to.equal(true);
    expect(first.coordinator.leader).to.equal(true);
    const second = opened(tab(name));
    expect(await second.elected).to.equal(false);
    expect(second.coordinator.leader).to.equal(false);
    expect(second.leads()).to.equal(0);
    first.coordinator.close();
    await until(() => second.leads() === 1);
    expect(second.coordinator.leader).to.equal(true);
    expect(first.coordinator.leader).to.equal(false);
  });

  it("a waiting tab that closes gives up its place: the next tab leads at once", async () => {
    const name = accountName();
    const first = opened(tab(name));
    await first.elected;
    const second = opened(tab(name));
    await second.elected;
    second.coordinator.close();
    first.coordinator.close();
    await nextTask(20);
    const third = opened(tab(name));
    expect(await third.elected).to.equal(true);
    expect(second.leads()).to.equal(0);
  });

  it("tells the other tabs of the account what one tab posts, in order, and no other account", async () => {
    const name = accountName();
    const leader = opened(tab(name));
    const follower = opened(tab(name));
    const stranger = opened(tab(accountName()));
    leader.coordinator.post({ type: "status", status: "online" });
    leader.coordinator.post({ type: "displayed", peer: "bob@x" });
    follower.coordinator.post({ type: "hello" });
    await until(() => follower.heard.length === 2 && leader.heard.length === 1);
    expect(follower.heard).to.deep.equal([
      { type: "status", status: "online" },
      { type: "displayed", peer: "bob@x" },
    ]);
    expect(leader.heard).to.deep.equal([{ type: "hello" }]);
    await nextTask(20);
    expect(stranger.heard).to.deep.equal([]);
  });

  it("a message that cannot be cloned does not hold back the others of its task", async () => {
    const name = accountName();
    const leader = opened(tab(name));
    const follower = opened(tab(name));
    leader.coordinator.post({ type: "displayed", peer: "bob@x" });
    leader.coordinator.post({ type: "displayed", peer: (() => "a function") as unknown as string });
    leader.coordinator.post({ type: "leave", room: "room@muc.x" });
    await until(() => follower.heard.length === 2);
    expect(follower.heard).to.deep.equal([
      { type: "displayed", peer: "bob@x" },
      { type: "leave", room: "room@muc.x" },
    ]);
  });

  it("skips a message of the wrong shape from the channel and acts on the rest", async () => {
    const name = accountName();
    const listener = opened(tab(name));
    const page = new BroadcastChannel(name);
    const warned = await withoutWarnings(async () => {
      page.postMessage([
        { type: "send", message: { id: 1 } },
        { type: "leave", room: "room@muc.x" },
      ]);
      page.postMessage({ type: "hello" });
      await until(() => listener.heard.length === 1);
      await nextTask(20);
    });
    page.close();
    expect(listener.heard).to.deep.equal([{ type: "leave", room: "room@muc.x" }]);
    expect(warned).to.have.length(1);
  });

  it("every tab leads on its own where the browser has no BroadcastChannel", async () => {
    const channel = globalThis.BroadcastChannel;
    (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel = undefined;
    try {
      const name = accountName();
      const first = opened(tab(name));
      const second = opened(tab(name));
      expect([await first.elected, await second.elected]).to.deep.equal([true, true]);
      expect([first.leads(), second.leads()]).to.deep.equal([1, 1]);
      first.coordinator.post({ type: "hello" });
    } finally {
      globalThis.BroadcastChannel = channel;
    }
  });
});
