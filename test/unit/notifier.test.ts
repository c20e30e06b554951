import { expect } from "@open-wc/testing";
import { Notifier } from "../../src/ui/controllers/notifier.js";
import { parseNotify } from "../../src/ui/controllers/notify-options.js";

describe("Notifier", () => {
  it("takes only the options it knows from the notify attribute", () => {
    expect([...parseNotify("title  sound bogus system")]).to.deep.equal(["title", "sound", "system"]);
    expect(parseNotify(undefined).size).to.equal(0);
  });

  it("counts unread messages in the page title only when asked, and restores the page's own title", () => {
    const original = document.title;
    document.title = "Shop";
    const notifier = new Notifier();
    notifier.showUnread(3);
    expect(document.title).to.equal("Shop");
    notifier.options = parseNotify("title");
    notifier.showUnread(3);
    expect(document.title).to.equal("(3) Shop");
    notifier.showUnread(5);
    expect(document.title).to.equal("(5) Shop");
    notifier.showUnread(0);
    expect(document.title).to.equal("Shop");
    notifier.showUnread(1);
    notifier.options = parseNotify("");
    expect(document.title).to.equal("Shop");
    document.title = original;
  });
});
