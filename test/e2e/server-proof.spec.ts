import { test, expect, addWidget, widgetEvents, watchConnections } from "./fixtures.js";
import { startSaslTamperProxy, type Tampering } from "./sasl-tamper-proxy.js";

// RFC 5802 §3: a SCRAM server proves that it knows the password with its server signature. A go-between
// (sasl-tamper-proxy.ts) in front of the real server rewrites that proof; the widget must stop there.
test.describe("the server must prove it knows the password (SCRAM server signature)", () => {
  test("through a transparent go-between the widget signs in: the proxy itself breaks nothing", async ({
    hostPage,
    server,
    serverKind,
    newAccount,
  }) => {
    const proxy = await startSaslTamperProxy(server.service, "none");
    try {
      const alice = await newAccount("alice");
      const widget = await addWidget(hostPage, { jid: alice.jid, password: alice.password, service: proxy.service });
      await widget.waitForStatus("online");
      expect(proxy.stats.successes).toBe(1);
      // The strongest SCRAM offered: ejabberd keeps SCRAM-SHA-256 keys (scripts/lib/ejabberd.mjs), Prosody
      // 0.12 offers SCRAM-SHA-1 only.
      expect(proxy.authMechanisms).toEqual([serverKind === "ejabberd" ? "SCRAM-SHA-256" : "SCRAM-SHA-1"]);
    } finally {
      await proxy.close();
    }
  });

  const cases: Array<{ tampering: Tampering; says: string }> = [
    { tampering: "wrong-signature", says: "sent a wrong server signature" },
    { tampering: "no-signature", says: "sent no server signature" },
  ];
  for (const { tampering, says } of cases) {
    test(`a success with ${tampering.replace("-", " ")} is refused with a readable error, never online, not retried`, async ({
      hostPage,
      server,
      newAccount,
    }) => {
      const proxy = await startSaslTamperProxy(server.service, tampering);
      try {
        const alice = await newAccount("alice");
        const connections = watchConnections(hostPage);
        const widget = await addWidget(hostPage, { jid: alice.jid, password: alice.password, service: proxy.service });
        await widget.waitForStatus("error");
        const banner = widget.errorBanner;
        await expect(banner).toHaveAttribute("data-code", "server-not-verified");
        await expect(banner).toContainText("did not prove that it knows this account's password");
        await expect(banner).toContainText(says);
        // The real server did send its proof, and it was the one rewritten.
        expect(proxy.stats).toEqual({ successes: 1, rewritten: 1 });
        const events = await widgetEvents(hostPage);
        expect(
          events.filter((event) => event.type === "xmppmini-status").map((event) => event.detail.status),
        ).not.toContain("online");
        expect(events.filter((event) => event.type === "xmppmini-error").map((event) => event.detail.code)).toEqual([
          "server-not-verified",
        ]);
        // A server that cannot prove itself is not asked again on a timer.
        expect(events.some((event) => event.type === "xmppmini-status" && event.detail.retryAt !== undefined)).toBe(
          false,
        );
        expect(connections.opened()).toBe(1);
      } finally {
        await proxy.close();
      }
    });
  }
});
