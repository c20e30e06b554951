import { expect } from "@open-wc/testing";
import { XmppminiError } from "../../src/errors.js";
import { parsePrechat, Prechat } from "../../src/ui/prechat.js";

describe("the pre-chat step", () => {
  it("reads the fields, a star marking the required ones", () => {
    expect(parsePrechat("name* email")).to.deep.equal([
      { name: "name", required: true },
      { name: "email", required: false },
    ]);
    expect(parsePrechat("  Email  ")).to.deep.equal([{ name: "email", required: false }]);
    expect(parsePrechat("")).to.deep.equal([]);
  });

  it("refuses a field it does not know, as invalid-config", () => {
    let error: unknown;
    try {
      parsePrechat("name phone*");
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(XmppminiError);
    expect((error as XmppminiError).code).to.equal("invalid-config");
    expect((error as XmppminiError).message).to.contain('"phone*" is no field');
  });

  it("takes what the site says of the visitor as given, and tells each desk once it took the details", () => {
    const account = `prechat-${Math.random()}@example.org`;
    // Not checked: the site knows its visitor (and the visitor could not correct a hidden field).
    const prechat = new Prechat({ userName: " Ann ", userEmail: "ann at example", requestUpdate: () => undefined });
    const fields = parsePrechat("name* email*");
    const first = prechat.beforeSend(account, "desk@example.org", fields, "en")!;
    expect(first.text).to.equal("Name: Ann\nEmail: ann at example");
    // On its way: not sent twice meanwhile; refused, it goes with the next message.
    expect(prechat.beforeSend(account, "desk@example.org", fields, "en")).to.equal(undefined);
    first.refused();
    const again = prechat.beforeSend(account, "desk@example.org", fields, "en")!;
    again.sent();
    expect(prechat.beforeSend(account, "desk@example.org", fields, "en")).to.equal(undefined);
    // Another desk has not heard it; a new page (another element) knows the first one has.
    expect(prechat.beforeSend(account, "sales@example.org", fields, "en")?.text).to.equal(
      "Name: Ann\nEmail: ann at example",
    );
    const nextPage = new Prechat({ userName: "Ann", userEmail: null, requestUpdate: () => undefined });
    expect(nextPage.beforeSend(account, "desk@example.org", parsePrechat("name"), "en")).to.equal(undefined);
    expect(prechat.nameFor(account)).to.equal("Ann");
    localStorage.removeItem(`xmppmini-chat:${account}:visitor`);
  });

  it("tells the desk again on each visit of an anonymous visitor (a new address each time)", () => {
    const domain = `anon-${Math.random()}.example.org`;
    const fields = parsePrechat("name");
    const visit = () => new Prechat({ userName: "Guest", userEmail: null, requestUpdate: () => undefined });
    const first = visit();
    first.beforeSend(domain, "desk@example.org", fields, "en")!.sent();
    expect(first.beforeSend(domain, "desk@example.org", fields, "en")).to.equal(undefined);
    expect(visit().beforeSend(domain, "desk@example.org", fields, "en")?.text).to.equal("Name: Guest");
    localStorage.removeItem(`xmppmini-chat:${domain}:visitor`);
  });

  it("holds the message back while a required field is empty, with a typed refusal", () => {
    const account = `prechat-${Math.random()}@example.org`;
    const prechat = new Prechat({ userName: null, userEmail: null, requestUpdate: () => undefined });
    let error: unknown;
    try {
      prechat.beforeSend(account, "desk@example.org", parsePrechat("name*"), "en");
    } catch (caught) {
      error = caught;
    }
    expect((error as XmppminiError).code).to.equal("invalid-message");
    localStorage.removeItem(`xmppmini-chat:${account}:visitor`);
  });
});
