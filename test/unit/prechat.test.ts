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

  it("takes what the site says of the visitor, and tells the desk once", () => {
    const account = `prechat-${Math.random()}@example.org`;
    const prechat = new Prechat({ userName: "Ann", userEmail: "ann@example.org", requestUpdate: () => undefined });
    const fields = parsePrechat("name* email*");
    expect(prechat.beforeSend(account, "desk@example.org", fields, "en")).to.equal("Name: Ann\nEmail: ann@example.org");
    expect(prechat.beforeSend(account, "desk@example.org", fields, "en")).to.equal(undefined);
    // Another desk has not heard it.
    expect(prechat.beforeSend(account, "sales@example.org", fields, "en")).to.equal(
      "Name: Ann\nEmail: ann@example.org",
    );
    expect(prechat.nameFor(account)).to.equal("Ann");
    localStorage.removeItem(`xmppmini-chat:${account}:visitor`);
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
