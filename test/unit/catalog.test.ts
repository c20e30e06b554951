import { expect } from "@open-wc/testing";
import { registerLanguage, stringsFor } from "../../src/ui/i18n/catalog.js";
import { roomStringsFor } from "../../src/ui/i18n/room-strings.js";

describe("languages a site registers at run time", () => {
  it("a new language: its words over English, its tag as the locale, for its regional variants too", () => {
    registerLanguage("de", { send: "Senden", retryingIn: (seconds) => `Neuer Versuch in ${seconds} s.` });
    const german = stringsFor("de-AT");
    expect(german.send).to.equal("Senden");
    expect(german.retryingIn(3)).to.equal("Neuer Versuch in 3 s.");
    expect(german.inputLabel).to.equal(stringsFor("en").inputLabel);
    expect(german.locale).to.equal("de");
    // Made once: the same catalog at every render, so rows are not built again.
    expect(stringsFor("de-AT")).to.equal(german);
  });

  it("a change of some words of a built-in language; a later call adds to the earlier one", () => {
    const before = stringsFor("en-GB");
    registerLanguage("en", { emptyConversation: "Ask us anything." });
    registerLanguage("EN", { send: "Go" });
    const after = stringsFor("en-GB");
    expect(after.emptyConversation).to.equal("Ask us anything.");
    expect(after.send).to.equal("Go");
    expect(after.locale).to.equal("en");
    expect(after.inputLabel).to.equal(before.inputLabel);
    expect(stringsFor("fr").send).to.equal("Send");
  });

  it("the room pane's words, under `room`", () => {
    registerLanguage("de", { room: { leaveRoom: "Verlassen" } });
    registerLanguage("de", { room: { joinAgain: "Wieder beitreten" } });
    const room = roomStringsFor(stringsFor("de").locale);
    expect(room.leaveRoom).to.equal("Verlassen");
    expect(room.joinAgain).to.equal("Wieder beitreten");
    expect(room.mute).to.equal("Mute");
    expect(stringsFor("de").send).to.equal("Senden");
  });
});
