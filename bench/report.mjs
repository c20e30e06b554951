// Medians with min–max per client, transport and row, and the table with the ratio of the two clients.

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** `{[transport]: {[row]: {[client]: {median, min, max, n}}}}` */
export function summarise(samples, rows) {
  const summary = {};
  for (const { transport, client, row, value } of samples) {
    if (typeof value !== "number" || !rows.some((item) => item.key === row)) continue;
    const cell = (((summary[transport] ??= {})[row] ??= {})[client] ??= { values: [] });
    cell.values.push(value);
  }
  for (const byRow of Object.values(summary)) {
    for (const byClient of Object.values(byRow)) {
      for (const cell of Object.values(byClient)) {
        cell.median = median(cell.values);
        cell.min = Math.min(...cell.values);
        cell.max = Math.max(...cell.values);
        cell.n = cell.values.length;
        delete cell.values;
      }
    }
  }
  return summary;
}

const format = (cell) =>
  cell ? (cell.min === cell.max ? `${cell.median}` : `${cell.median} (${cell.min}–${cell.max})`) : "–";

function ratio(ours, theirs) {
  if (!ours || !theirs) return "–";
  if (theirs.median === 0) return ours.median === 0 ? "=" : "∞";
  return (ours.median / theirs.median).toFixed(2);
}

export function formatTable(summary, rows, transports) {
  const lines = [];
  for (const transport of transports) {
    lines.push(
      `### ${transport === "bosh" ? "BOSH" : "WebSocket"}`,
      "",
      "| | xmppmini-chat | Converse.js | ratio |",
      "| --- | ---: | ---: | ---: |",
    );
    for (const { key, label } of rows) {
      const cells = summary[transport]?.[key] ?? {};
      lines.push(
        `| ${label} | ${format(cells["xmppmini-chat"])} | ${format(cells.converse)} | ${ratio(cells["xmppmini-chat"], cells.converse)} |`,
      );
    }
    lines.push("");
  }
  return lines.join("\n").trimEnd();
}
