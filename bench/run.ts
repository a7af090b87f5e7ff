// `npm run bench`: runs every bench/*.bench.ts in name order (or only those named on the command line) and
// prints each one's figures, then one summary table of the headline figures. Benchmarks measure; tests never assert timings.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Bench, printSummary, type SummaryRow } from './summary.ts';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
  .sort();

const summary: SummaryRow[] = [];
for (const file of files) {
  const started = performance.now();
  console.log(`\n### ${file.replace('.bench.ts', '')}`);
  const mod = (await import(`./${file}`)) as { default: Bench };
  summary.push(...(await mod.default()));
  console.log(`(${file} took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
printSummary(summary);
