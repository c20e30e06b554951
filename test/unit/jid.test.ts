import { expect } from "@open-wc/testing";
import { parseJid } from "../../src/jid/jid.js";
import { XmppminiError } from "../../src/errors.js";

function errorOf(input: string): XmppminiError {
  try {
    parseJid(input);
  } catch (error) {
    return error as XmppminiError;
  }
  throw new Error(`"${input}" was accepted`);
}

describe("parseJid (RFC 7622)", () => {
  it("splits local, domain and resource and builds bare and full forms", () => {
    const jid = parseJid("alice@example.org/phone");
    expect(jid).to.deep.equal({
      local: "alice",
      domain: "example.org",
      resource: "phone",
      bare: "alice@example.org",
      full: "alice@example.org/phone",
    });
  });

  it("case-maps local and domain, keeps the resource's case, strips a trailing dot", () => {
    const jid = parseJid("Alice@Example.ORG./Phone");
    expect(jid.bare).to.equal("alice@example.org");
    expect(jid.resource).to.equal("Phone");
  });

  it("accepts a domain alone, non-ASCII parts and an IPv6 literal", () => {
    expect(parseJid("example.org").bare).to.equal("example.org");
    expect(parseJid("张三@例子.中国").bare).to.equal("张三@例子.中国");
    expect(parseJid("bob@[::1]").domain).to.equal("[::1]");
  });

  it("keeps a slash inside the resource", () => {
    expect(parseJid("a@b/c/d").resource).to.equal("c/d");
  });

  const invalid: Array<[string, string]> = [
    ["", "empty"],
    ["   ", "empty"],
    ["@example.org", "before @ is empty"],
    ["alice@", "domain is missing"],
    ["alice@example.org/", "after / is empty"],
    ["alice smith@example.org", "may not contain spaces"],
    ["a<b@example.org", "may not contain"],
    ["a@b@example.org", "may not contain"],
    ["alice@exa mple.org", "characters a hostname may not have"],
    ["alice@example..org", "empty label"],
    ["alice@-example.org", "hyphen"],
    ["alice@[not-ipv6]", "IPv6"],
    ["alice@example.org/\u0007bell", "control characters"],
  ];
  for (const [input, reason] of invalid) {
    it(`refuses ${JSON.stringify(input)} with invalid-jid saying "${reason}"`, () => {
      const error = errorOf(input);
      expect(error).to.be.instanceOf(XmppminiError);
      expect(error.code).to.equal("invalid-jid");
      expect(error.message).to.contain(reason);
    });
  }

  it("limits each part to 1023 bytes of UTF-8, not 1023 characters", () => {
    expect(parseJid(`${"a".repeat(1023)}@example.org`).local).to.have.length(1023);
    expect(errorOf(`${"a".repeat(1024)}@example.org`).message).to.contain("longer than 1023 bytes");
    // 342 three-byte characters are 1026 bytes.
    expect(errorOf(`${"中".repeat(342)}@example.org`).message).to.contain("local part is longer");
    expect(errorOf(`a@example.org/${"r".repeat(1024)}`).message).to.contain("resource is longer");
  });
});
