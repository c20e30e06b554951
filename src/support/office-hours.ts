// When a support desk is staffed, as the site writes it in `office-hours`:
//
//   office-hours = range *("," range) " " zone
//   range        = days " " time "-" time        ; "Mon-Fri 09:00-17:30", "Sat 10:00-14:00", "Sun 22:00-02:00"
//   days         = day ["-" day]                 ; Mon Tue Wed Thu Fri Sat Sun; "Fri-Mon" wraps the week
//   time         = HH ":" MM                     ; 24-hour; "24:00" ends a day; an end before its start is the next day's
//   zone         = an IANA time zone             ; "Europe/Berlin", "America/New_York", "UTC"
//
// for example `Mon-Fri 09:00-17:30, Sat 10:00-14:00 Europe/Berlin`. The hours are the desk's wall clock in
// its zone (daylight saving included); the widget says when the desk opens again in the visitor's own time.
import { XmppminiError } from "../errors.js";

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
const WEEK_MINUTES = 7 * 24 * 60;
/** The attribute is a line of text a person writes: longer is no office hours but a mistake. */
const MAX_LENGTH = 500;
const RANGE = /^([A-Za-z]{3})(?:-([A-Za-z]{3}))? (\d{2}):(\d{2})-(\d{2}):(\d{2})$/;

/** Minutes of the desk's week (Monday 00:00 = 0) during which it is staffed: [start, end), end may pass the week's end. */
type Interval = readonly [number, number];

export interface OfficeHours {
  readonly zone: string;
  readonly intervals: readonly Interval[];
}

/** Whether the desk is staffed at `now`, and if not, when it opens next. */
export type DeskTime = { open: true } | { open: false; opensAt: Date };

const invalid = (text: string, why: string) =>
  new XmppminiError("invalid-config", `office-hours "${text.slice(0, 80)}" cannot be read: ${why}.`);

function dayIndex(name: string, text: string): number {
  const index = DAYS.findIndex((day) => day.toLowerCase() === name.toLowerCase());
  if (index < 0) throw invalid(text, `"${name}" is no day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)`);
  return index;
}

function minutes(hours: string, mins: string, text: string, isEnd: boolean): number {
  const value = Number(hours) * 60 + Number(mins);
  if (Number(mins) > 59 || value > 24 * 60 || (!isEnd && value === 24 * 60))
    throw invalid(text, `${hours}:${mins} is no time of day`);
  return value;
}

/** Reads `office-hours`; throws `invalid-config` saying what is wrong. */
export function parseOfficeHours(text: string): OfficeHours {
  const trimmed = text.trim().replace(/\s+/g, " ");
  if (trimmed.length > MAX_LENGTH) throw invalid(text, "it is too long");
  const space = trimmed.lastIndexOf(" ");
  const zone = trimmed.slice(space + 1);
  if (space < 0 || !(zone === "UTC" || zone.includes("/")))
    throw invalid(text, 'it ends with no time zone (for example "Europe/Berlin" or "UTC")');
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
  } catch {
    throw invalid(text, `"${zone}" is no time zone this browser knows`);
  }
  const intervals: Interval[] = [];
  for (const part of trimmed.slice(0, space).split(",")) {
    const match = RANGE.exec(part.trim());
    if (!match) throw invalid(text, `"${part.trim()}" is not days and hours (for example "Mon-Fri 09:00-17:00")`);
    const [, first, last, startHours, startMinutes, endHours, endMinutes] = match;
    const from = dayIndex(first!, text);
    const to = last === undefined ? from : dayIndex(last, text);
    const start = minutes(startHours!, startMinutes!, text, false);
    let end = minutes(endHours!, endMinutes!, text, true);
    if (end === start) throw invalid(text, `"${part.trim()}" is no time at all`);
    if (end < start) end += 24 * 60; // past midnight: into the next day
    for (let day = from, count = 0; count < 7; day = (day + 1) % 7, count += 1) {
      intervals.push([day * 24 * 60 + start, day * 24 * 60 + end]);
      if (day === to) break;
    }
  }
  return { zone, intervals };
}

/** The desk's wall clock at `instant`, as minutes of its week. */
function weekMinute(zone: string, instant: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(instant);
  const part = (type: string) => parts.find((item) => item.type === type)?.value ?? "";
  const day = DAYS.indexOf(part("weekday") as (typeof DAYS)[number]);
  return day * 24 * 60 + Number(part("hour")) * 60 + Number(part("minute"));
}

/** Whether `minute` of the week lies in `interval`, one that may run past the week's end included. */
const inside = (minute: number, [start, end]: Interval) =>
  (minute >= start && minute < end) || (minute + WEEK_MINUTES >= start && minute + WEEK_MINUTES < end);

/** Whether the desk is staffed at `now`; if not, the next moment it is. */
export function deskTime(hours: OfficeHours, now: Date): DeskTime {
  const minute = weekMinute(hours.zone, now);
  if (hours.intervals.some((interval) => inside(minute, interval))) return { open: true };
  let wait = WEEK_MINUTES;
  for (const [start] of hours.intervals) wait = Math.min(wait, (start - minute + WEEK_MINUTES) % WEEK_MINUTES);
  const startOfMinute = now.getTime() - (now.getTime() % 60_000);
  const target = (minute + wait) % WEEK_MINUTES;
  const guess = new Date(startOfMinute + wait * 60_000);
  // A change of the desk's clock (daylight saving) on the way moves the opening by its size: set it right.
  const off = (((weekMinute(hours.zone, guess) - target) % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES;
  if (off === 0) return { open: false, opensAt: guess };
  const moved = new Date(guess.getTime() - (off > WEEK_MINUTES / 2 ? off - WEEK_MINUTES : off) * 60_000);
  if (weekMinute(hours.zone, moved) === target) return { open: false, opensAt: moved };
  // An opening inside the hour the clocks skip never shows on them: the desk opens when they jump past it,
  // found minute by minute in halves between the two instants on either side of the jump.
  const before = (instant: number) => {
    const ahead = (((target - weekMinute(hours.zone, new Date(instant))) % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES;
    return ahead > 0 && ahead < WEEK_MINUTES / 2;
  };
  let [low, high] = [Math.min(moved.getTime(), guess.getTime()), Math.max(moved.getTime(), guess.getTime())];
  while (high - low > 60_000) {
    const middle = low + Math.floor((high - low) / 120_000) * 60_000;
    if (before(middle)) low = middle;
    else high = middle;
  }
  return { open: false, opensAt: new Date(high) };
}
