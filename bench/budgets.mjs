// The budgets of issue 8, checked against a run's medians. A missing measurement counts as broken: a
// budget nobody measured does not hold.

export const BYTE_BUDGETS = {
  /** Everything needed for a working 1:1 chat, gzip. */
  usableKB: 45,
  /** The loader tag alone (issue 7 builds it). */
  loaderKB: 5,
  /**
   * Not a budget but a ratchet: the widget's module as built today (55.3 KB by bundle-size.spec's
   * measure, gzip -9 in units of 1,024 bytes), so that it does not grow back unnoticed while `usableKB` is
   * still out of reach. Lower it as the module shrinks. Raised from 52.5 by issue 19's hardening (the SCRAM
   * signature check and SASL step, host-name and redirect checks, the tab messages' shapes, the linear
   * formatter with its display limit and style budget, the strangers' rule, links in messages asking first,
   * room authorship): each is code a 1:1 chat runs. Raised from 55.8 by issue 21 (languages registered at
   * run time, the overlay's custom properties and slots, the element's registration in Node): 0.3 KB that
   * the smaller stanza layer of issue 22 is to take back with the rest.
   */
  widgetModuleKB: 56.2,
};

const RATIO_BUDGETS = [
  { row: "coldUsable", at: 0.25, what: "cold start to a usable pane" },
  { row: "burstMs", at: 0.1, what: "1,000 inbound" },
  { row: "reopenMs", at: 0.25, what: "reopen" },
  { row: "heapReopenMB", at: 1 / 3, what: "JS heap after GC" },
  { row: "outboundMs", at: 0.5, what: "200 outbound" },
];

const ZERO_ROWS = ["burstLost", "burstDoubled", "outboundLost"];

/**
 * Issue 19: no task over 100 ms on the CI machine from any single stanza, however hostile its body (the
 * hostile scenario's rows, each body's and the reload's with them stored); the worst run counts.
 */
export const HOSTILE_TASK_MS = 100;
const hostileTaskRows = (rows) => Object.keys(rows).filter((row) => /^hostile\w+Task$/.test(row));

/** Lines saying which budgets are broken (empty: all hold), for the scenarios run (default: all). */
export function checkBudgets(summary, scenarios = new Set(["main", "long", "hostile"])) {
  const broken = [];
  for (const [transport, rows] of Object.entries(summary)) {
    const ours = (row) => rows[row]?.["xmppmini-chat"];
    if (scenarios.has("hostile")) {
      const measured = hostileTaskRows(rows);
      if (measured.length === 0)
        broken.push(`${transport}: hostile bodies: no longest task measured (budget ${HOSTILE_TASK_MS} ms)`);
      for (const row of measured) {
        const cell = ours(row);
        if (!cell || cell.max > HOSTILE_TASK_MS)
          broken.push(`${transport}: ${row} ${cell?.max ?? "?"} ms (budget ${HOSTILE_TASK_MS} ms)`);
      }
    }
    if (!scenarios.has("main")) continue;
    const theirs = (row) => rows[row]?.converse;
    const usable = ours("bytesUsable");
    if (!usable || usable.median > BYTE_BUDGETS.usableKB) {
      broken.push(
        `${transport}: ${usable?.median ?? "?"} KB gzip before a usable chat (budget ${BYTE_BUDGETS.usableKB} KB)`,
      );
    }
    for (const { row, at, what } of RATIO_BUDGETS) {
      const a = ours(row);
      const b = theirs(row);
      if (!a || !b || a.median > b.median * at) {
        broken.push(
          `${transport}: ${what} ${a?.median ?? "?"} vs Converse ${b?.median ?? "?"} (budget ≤ ${at.toFixed(2)} × Converse)`,
        );
      }
    }
    const longest = ours("burstLongestTask");
    if (!longest || longest.max > 100)
      broken.push(`${transport}: longest main-thread task in the burst ${longest?.max ?? "?"} ms (budget 100 ms)`);
    for (const row of ZERO_ROWS) {
      const cell = ours(row);
      if (!cell || cell.max > 0) broken.push(`${transport}: ${row} ${cell?.max ?? "?"} (budget 0)`);
    }
  }
  return broken;
}

/** How far each hostile body's longest task (worst run) is from its budget: lines, one per row measured. */
export function hostileMargins(summary) {
  const lines = [];
  for (const [transport, rows] of Object.entries(summary)) {
    for (const row of hostileTaskRows(rows)) {
      const cell = rows[row]["xmppmini-chat"];
      if (cell)
        lines.push(
          `${transport}: ${row} ${cell.max} ms, budget ${HOSTILE_TASK_MS} ms, margin ${HOSTILE_TASK_MS - cell.max} ms`,
        );
    }
  }
  return lines;
}
