import { expect } from "@open-wc/testing";
import { XmppminiError } from "../../src/errors.js";
import { deskTime, parseOfficeHours } from "../../src/support/office-hours.js";

function errorOf(text: string): XmppminiError {
  try {
    parseOfficeHours(text);
  } catch (error) {
    expect(error).to.be.instanceOf(XmppminiError);
    return error as XmppminiError;
  }
  throw new Error(`"${text}" was accepted`);
}

const at = (iso: string) => new Date(iso);

describe("office hours", () => {
  // 2026-12-07 is a Monday; Berlin is UTC+1 in December, UTC+2 in summer.
  const berlin = parseOfficeHours("Mon-Fri 09:00-17:30, Sat 10:00-14:00 Europe/Berlin");

  it("is open inside a range, in the desk's own time zone", () => {
    expect(deskTime(berlin, at("2026-12-07T08:00:00Z"))).to.deep.equal({ open: true }); // Mon 09:00 Berlin
    expect(deskTime(berlin, at("2026-12-07T16:29:59Z"))).to.deep.equal({ open: true }); // Mon 17:29 Berlin
    expect(deskTime(berlin, at("2026-12-12T12:00:00Z"))).to.deep.equal({ open: true }); // Sat 13:00 Berlin
  });

  it("says when a closed desk opens next", () => {
    // Monday 07:30 Berlin: today at 09:00.
    expect(deskTime(berlin, at("2026-12-07T06:30:00Z"))).to.deep.equal({
      open: false,
      opensAt: at("2026-12-07T08:00:00Z"),
    });
    // Monday 17:30 Berlin, the end is not inside: Tuesday 09:00.
    expect(deskTime(berlin, at("2026-12-07T16:30:00Z"))).to.deep.equal({
      open: false,
      opensAt: at("2026-12-08T08:00:00Z"),
    });
    // Saturday 15:00 Berlin: Monday 09:00, across the week's end.
    expect(deskTime(berlin, at("2026-12-12T14:00:00Z"))).to.deep.equal({
      open: false,
      opensAt: at("2026-12-14T08:00:00Z"),
    });
  });

  it("opens at the desk's wall-clock time across a change to summer time", () => {
    // Berlin moves its clocks forward on Sunday 2027-03-28; Saturday 15:00 (UTC+1) → Monday 09:00 (UTC+2).
    expect(deskTime(berlin, at("2027-03-27T14:00:00Z"))).to.deep.equal({
      open: false,
      opensAt: at("2027-03-29T07:00:00Z"),
    });
    // And back to winter time on 2027-10-31: Saturday 15:00 (UTC+2) → Monday 09:00 (UTC+1).
    expect(deskTime(berlin, at("2027-10-30T13:00:00Z"))).to.deep.equal({
      open: false,
      opensAt: at("2027-11-01T08:00:00Z"),
    });
  });

  it("opens when the clocks jump past an opening time they skip", () => {
    // 02:30 does not exist in Berlin on 2027-03-28 (02:00 → 03:00): the desk opens at 03:00 (01:00 UTC).
    const early = parseOfficeHours("Sun 02:30-05:00 Europe/Berlin");
    expect(deskTime(early, at("2027-03-27T14:00:00Z"))).to.deep.equal({
      open: false,
      opensAt: at("2027-03-28T01:00:00Z"),
    });
  });

  it("reads ranges past midnight and days that wrap the week", () => {
    const nights = parseOfficeHours("Fri-Mon 22:00-02:00 UTC");
    expect(deskTime(nights, at("2026-12-13T23:00:00Z"))).to.deep.equal({ open: true }); // Sun 23:00
    expect(deskTime(nights, at("2026-12-08T01:00:00Z"))).to.deep.equal({ open: true }); // Tue 01:00, Monday's night
    expect(deskTime(nights, at("2026-12-08T03:00:00Z"))).to.deep.equal({
      open: false,
      opensAt: at("2026-12-11T22:00:00Z"), // Friday 22:00
    });
    const always = parseOfficeHours("Mon-Sun 00:00-24:00 UTC");
    expect(deskTime(always, at("2026-12-13T23:59:00Z"))).to.deep.equal({ open: true });
  });

  it("says what is wrong with hours it cannot read, as invalid-config", () => {
    const cases: Array<[string, RegExp]> = [
      ["Mon-Fri 09:00-17:00", /no time zone/],
      ["Mon-Fri 09:00-17:00 Mars/Olympus", /no time zone this browser knows/],
      ["Mon-Fry 09:00-17:00 UTC", /"Fry" is no day/],
      ["Mon-Fri 9-5 UTC", /is not days and hours/],
      ["Mon 09:00-25:00 UTC", /25:00 is no time of day/],
      ["Mon 09:60-10:00 UTC", /09:60 is no time of day/],
      ["Mon 09:00-09:00 UTC", /no time at all/],
      ["", /no time zone/],
      [`${"Mon 09:00-10:00, ".repeat(40)}UTC`, /too long/],
    ];
    for (const [text, why] of cases) {
      const error = errorOf(text);
      expect(error.code, text).to.equal("invalid-config");
      expect(error.message, text).to.match(why);
    }
  });
});
