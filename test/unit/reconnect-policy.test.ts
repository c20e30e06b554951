import { expect } from "@open-wc/testing";
import { ReconnectPolicy, backoffDelay } from "../../src/session/reconnect-policy.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("backoffDelay", () => {
  it("doubles up to the cap, with jitter between half and the whole step", () => {
    const low = (attempt: number) => backoffDelay(attempt, { baseMs: 1000, capMs: 60000, random: () => 0 });
    const high = (attempt: number) => backoffDelay(attempt, { baseMs: 1000, capMs: 60000, random: () => 1 });
    expect([0, 1, 2, 3].map(low)).to.deep.equal([500, 1000, 2000, 4000]);
    expect([0, 1, 2, 3].map(high)).to.deep.equal([1000, 2000, 4000, 8000]);
    expect(high(20)).to.equal(60000);
    expect(low(1000)).to.equal(30000);
  });
});

describe("ReconnectPolicy", () => {
  function browser(onLine: boolean) {
    const network = Object.assign(new EventTarget(), { navigator: { onLine } });
    const page = Object.assign(new EventTarget(), { visibilityState: "visible" });
    return { network, page };
  }

  it("runs the attempt after the backoff, waiting longer each time until one succeeds", async () => {
    const { network, page } = browser(true);
    const policy = new ReconnectPolicy({ baseMs: 20, capMs: 1000, random: () => 1, network, page });
    let runs = 0;
    expect(policy.schedule(() => (runs += 1))).to.equal(20);
    await sleep(60);
    expect(runs).to.equal(1);
    expect(policy.schedule(() => (runs += 1))).to.equal(40);
    policy.succeeded();
    expect(policy.schedule(() => (runs += 1))).to.equal(20);
    policy.cancel();
  });

  it("waits for the browser's online event instead of failing while offline", async () => {
    const { network, page } = browser(false);
    const policy = new ReconnectPolicy({ baseMs: 5, network, page });
    let runs = 0;
    policy.schedule(() => (runs += 1));
    await sleep(40);
    expect(runs).to.equal(0);
    network.navigator.onLine = true;
    network.dispatchEvent(new Event("online"));
    expect(runs).to.equal(1);
    network.dispatchEvent(new Event("online"));
    expect(runs).to.equal(1);
  });

  it("tries at once when the page becomes visible again, and not after cancel", async () => {
    const { network, page } = browser(true);
    const policy = new ReconnectPolicy({ baseMs: 60000, network, page });
    let runs = 0;
    policy.schedule(() => (runs += 1));
    page.visibilityState = "hidden";
    page.dispatchEvent(new Event("visibilitychange"));
    expect(runs).to.equal(0);
    page.visibilityState = "visible";
    page.dispatchEvent(new Event("visibilitychange"));
    expect(runs).to.equal(1);
    policy.schedule(() => (runs += 1));
    policy.cancel();
    page.dispatchEvent(new Event("visibilitychange"));
    expect(runs).to.equal(1);
    expect(policy.due).to.equal(undefined);
  });
});
