/** Plain-text tables and number formats for the demo report. */

export function table(header: string[], rows: (string | number | null)[][]): string {
  const cells = rows.map((row) => row.map((cell) => (cell === null ? '-' : String(cell))));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => (row[i] ?? '').length)));
  const numeric = header.map((_, i) => cells.every((row) => /^[-+]?[\d.,%]+$|^-$/.test(row[i] ?? '')));
  const line = (row: string[]): string =>
    row.map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export function percent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? '-' : `${(value * 100).toFixed(digits)}%`;
}

export function interval(estimate: { value: number; lower: number | null; upper: number | null } | null, digits = 1): string {
  if (estimate === null) return '-';
  return `${percent(estimate.value, digits)} [${percent(estimate.lower, digits)}, ${percent(estimate.upper, digits)}]`;
}

export function section(title: string): void {
  console.log(`\n## ${title}\n`);
}
