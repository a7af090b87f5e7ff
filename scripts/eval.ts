// `npm run eval [-- file.jsonl …] [--fails] [--verbose]`: runs evaluation questions through `iop-bot ask --json`'s
// code path and prints, per set and per kind, how many answers state every must-mention fact in the answer text
// itself (sources and the matched heading do not count), how many state them within the first 350 characters,
// the median and p90 answer length, and what was declined, answered or asked back that should not have been.
//
// Without file arguments it runs the repository's own sets (test/eval/*.jsonl) and, when a `shared/eval` folder
// sits beside the repository or one of its parent folders, the sets in it too.
// Facts are matched leniently but honestly (stemmed word overlap; see eval-facts.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AskJson, ask, loadAskDeps, toAskJson } from '../src/cli/ask-command.ts';
import type { Locale } from '../src/core/model.ts';
import { mentions, terms } from './eval-facts.ts';

interface EvalItem {
  id: string;
  lang: Locale;
  question: string;
  must_mention: string[];
  source: string;
  kind: string;
}

// An official reads the start of an answer; the facts should be there.
const LEAD_CHARS = 350;
// An answer this sure of itself that misses the facts is a confident wrong answer.
const CONFIDENT = 0.8;
const OUT_OF_SCOPE = 'out-of-scope';
const SMALL_TALK = new Set(['smalltalk', 'small-talk']);

function normaliseUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');
}

/** `exact`: the answer cites one of the listed pages or seed files; `publisher`: a page on the same site. */
function sourceFit(json: AskJson, expected: string): 'exact' | 'publisher' | 'none' {
  const wanted = expected.split(';').map((s) => s.trim());
  const urls = wanted.filter((s) => /^https?:\/\//.test(s)).map((s) => normaliseUrl(s.split(/\s/)[0] ?? s));
  const seeds = wanted.flatMap((s) => /^seed:(\S+)/.exec(s)?.[1] ?? []);
  const cited = json.sources;
  if (cited.some((s) => (s.url && urls.includes(normaliseUrl(s.url))) || (s.file && seeds.includes(s.file)))) {
    return 'exact';
  }
  const hosts = new Set(urls.map((u) => u.split('/')[0]));
  return cited.some((s) => s.url && hosts.has(normaliseUrl(s.url).split('/')[0])) ? 'publisher' : 'none';
}

type Outcome = 'answered' | 'declined' | 'clarify' | 'small-talk';

interface Row {
  item: EvalItem;
  outcome: Outcome;
  pass: boolean;
  lead: boolean;
  factsFound: number;
  factsTotal: number;
  source: 'exact' | 'publisher' | 'none';
  length: number;
  confidence: number;
  missing: string[];
  json: AskJson;
}

const inScope = (kind: string) => kind !== OUT_OF_SCOPE && !SMALL_TALK.has(kind);

/** What `ask --json` says happened: a question back, a decline, small talk (no sources, no topic) or an answer. */
function outcomeOf(json: AskJson): Outcome {
  if (json.clarify && json.clarify.length > 0) return 'clarify';
  if (json.declined) return 'declined';
  if (json.sources.length === 0 && json.matched === null) return 'small-talk';
  return 'answered';
}

function score(item: EvalItem, json: AskJson): Row {
  const outcome = outcomeOf(json);
  const all = terms(json.answer, item.lang);
  const lead = terms(json.answer.slice(0, LEAD_CHARS), item.lang);
  const missing = item.must_mention.filter((fact) => !mentions(all, fact, item.lang));
  const leadMissing = item.must_mention.filter((fact) => !mentions(lead, fact, item.lang));
  const answered = outcome === 'answered';
  const pass =
    item.kind === OUT_OF_SCOPE
      ? outcome === 'declined'
      : SMALL_TALK.has(item.kind)
        ? outcome === 'small-talk'
        : answered && missing.length === 0;
  return {
    item,
    outcome,
    pass,
    lead: inScope(item.kind) && answered && leadMissing.length === 0,
    factsFound: answered ? item.must_mention.length - missing.length : 0,
    factsTotal: item.must_mention.length,
    source: sourceFit(json, item.source),
    length: json.answer.length,
    confidence: json.confidence,
    missing,
    json,
  };
}

const pct = (n: number, d: number) => (d === 0 ? '–' : `${Math.round((100 * n) / d)} %`);
const count = (n: number, d: number) => (d === 0 ? '–' : `${n}/${d}`);

function quantile(values: number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

const COLUMNS: Array<[string, number]> = [
  ['', 28],
  ['n', 4],
  ['pass', 6],
  ['lead', 6],
  ['facts', 6],
  ['source', 7],
  ['median', 7],
  ['p90', 6],
  ['declined', 9],
  ['clarify', 8],
  ['conf-miss', 10],
  ['oos-ans', 8],
  ['smalltalk', 10],
];

function printRow(cells: string[]): void {
  console.log(
    cells.map((c, i) => (i === 0 ? c.padEnd(COLUMNS[i]?.[1] ?? 8) : c.padStart(COLUMNS[i]?.[1] ?? 8))).join(' '),
  );
}

/** One line of figures for a group of rows: what an official would notice, in the order they would notice it. */
function figures(label: string, rows: Row[]): string[] {
  const asked = rows.filter((r) => inScope(r.item.kind));
  const oos = rows.filter((r) => r.item.kind === OUT_OF_SCOPE);
  const talk = rows.filter((r) => SMALL_TALK.has(r.item.kind));
  const lengths = asked.filter((r) => r.outcome === 'answered').map((r) => r.length);
  return [
    label,
    String(rows.length),
    pct(rows.filter((r) => r.pass).length, rows.length),
    pct(asked.filter((r) => r.lead).length, asked.length),
    pct(
      asked.reduce((s, r) => s + r.factsFound, 0),
      asked.reduce((s, r) => s + r.factsTotal, 0),
    ),
    pct(asked.filter((r) => r.source !== 'none').length, asked.length),
    String(quantile(lengths, 0.5) ?? '–'),
    String(quantile(lengths, 0.9) ?? '–'),
    count(asked.filter((r) => r.outcome === 'declined').length, asked.length),
    count(asked.filter((r) => r.outcome === 'clarify').length, asked.length),
    count(asked.filter((r) => r.outcome === 'answered' && !r.pass && r.confidence >= CONFIDENT).length, asked.length),
    count(oos.filter((r) => r.outcome !== 'declined').length, oos.length),
    count(talk.filter((r) => r.outcome === 'small-talk').length, talk.length),
  ];
}

function printItem(row: Row): void {
  const { item, json } = row;
  console.log(`${row.pass ? 'ok  ' : 'FAIL'} ${item.id} [${item.kind}] ${item.question}`);
  const matched = json.matched ? ` «${json.matched}»` : '';
  const clarify = json.clarify ? ` ? ${json.clarify.join(' | ')}` : '';
  console.log(`     ${row.outcome}, confidence ${json.confidence}, ${row.length} chars${matched}${clarify}`);
  if (inScope(item.kind) && row.missing.length > 0) console.log(`     missing: ${row.missing.join(' · ')}`);
}

/** The evaluation sets: the ones named, or the repository's own and the shared ones beside it. */
function evalSets(root: string, named: string[]): string[] {
  if (named.length > 0) return named;
  const jsonl = (dir: string) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .sort()
      .map((f) => join(dir, f));
  const own = jsonl(join(root, 'test', 'eval'));
  let dir = dirname(root);
  for (;;) {
    const shared = join(dir, 'shared', 'eval');
    if (existsSync(shared)) return [...jsonl(shared), ...own];
    const parent = dirname(dir);
    if (parent === dir) return own;
    dir = parent;
  }
}

async function main() {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const fails = verbose || args.includes('--fails');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const sets = evalSets(
    root,
    args.filter((a) => !a.startsWith('--')),
  );
  const deps = await loadAskDeps({
    KNOWLEDGE_DIR: join(root, 'knowledge'),
    DEFAULT_LOCALE: 'sv',
    DEFAULT_MUNICIPALITY: undefined,
  });

  const summary: string[][] = [];
  for (const file of sets) {
    const items = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as EvalItem);
    const rows = items.map((item) => score(item, toAskJson(ask(deps, { question: item.question }))));
    const name = file.startsWith(root) ? relative(root, file) : basename(file);
    console.log(`\n== ${name}`);
    for (const row of rows) if (verbose || (fails && !row.pass)) printItem(row);
    printRow(COLUMNS.map(([c]) => c));
    for (const kind of [...new Set(rows.map((r) => r.item.kind))]) {
      printRow(
        figures(
          kind,
          rows.filter((r) => r.item.kind === kind),
        ),
      );
    }
    const overall = figures('overall', rows);
    printRow(overall);
    summary.push([name, ...overall.slice(1)]);
  }
  if (sets.length > 1) {
    console.log('\n== all sets');
    printRow(COLUMNS.map(([c]) => c));
    for (const line of summary) printRow(line);
  }
  console.log(
    `\npass: every must-mention fact in the answer text (out-of-scope: declined; small talk: a reply with no sources).` +
      `\nlead: the facts within the first ${LEAD_CHARS} characters. median/p90: characters of the answers given.` +
      `\nsource: cites a listed page or seed, or the same publisher's site. declined/clarify: in-scope questions` +
      `\ndeclined or asked back. conf-miss: answered with confidence ≥ ${CONFIDENT} without the facts.` +
      `\noos-ans: out-of-scope questions not declined. smalltalk: small talk answered as small talk.`,
  );
}

await main();
