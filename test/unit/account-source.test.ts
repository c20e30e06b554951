import { expect } from "@open-wc/testing";
import { accountFor, hasAccount, loginProblem, type AccountAttributes } from "../../src/session/account-source.js";

const none: AccountAttributes = { jid: "", password: "", login: "", domain: "", credentialsUrl: "" };

describe("account-source", () => {
  it("an anonymous login signs in on its domain, with no password and no account of its own", async () => {
    const attributes = { ...none, login: "anonymous", domain: " Anon.Example.ORG " };
    expect(hasAccount(attributes)).to.equal(true);
    expect(loginProblem(attributes)).to.equal(undefined);
    expect(await accountFor(attributes)).to.deep.equal({ jid: "anon.example.org", password: "", anonymous: true });
  });

  it("an anonymous login without a domain, or a login it does not know, is said, not tried", async () => {
    const withoutDomain = { ...none, login: "anonymous" };
    expect(hasAccount(withoutDomain)).to.equal(false);
    expect(loginProblem(withoutDomain)).to.contain('login="anonymous" needs a domain');
    const unknown = { ...none, login: "anon", domain: "example.org" };
    expect(loginProblem(unknown)).to.contain('login="anon" is not known');
    let thrown: unknown;
    await accountFor(unknown).catch((error: unknown) => (thrown = error));
    expect((thrown as { code?: string }).code).to.equal("invalid-config");
  });

  it("a jid and password win over the login attributes", async () => {
    const attributes = {
      ...none,
      jid: "alice@example.org",
      password: "secret",
      login: "anonymous",
      domain: "anon.example.org",
    };
    expect(await accountFor(attributes)).to.deep.equal({ jid: "alice@example.org", password: "secret" });
  });
});
