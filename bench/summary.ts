/** One line of the table `npm run bench` prints at the end: which part, what was measured, the figure. */
export type SummaryRow = [area: string, measure: string, value: string];

/** A bench file's default export: measures, prints its details, returns its headline figures. */
export type Bench = () => Promise<SummaryRow[]>;

export function latencyFigure(r: { perSecond: number; p50: number; p99: number }, unit = 'events/s'): string {
  return `${r.perSecond.toFixed(0)} ${unit}, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`;
}

export function printSummary(rows: SummaryRow[]): void {
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log('\n### summary');
  for (const [area, measure, value] of rows) {
    console.log(`${area.padEnd(widths[0]!)}  ${measure.padEnd(widths[1]!)}  ${value}`);
  }
}
