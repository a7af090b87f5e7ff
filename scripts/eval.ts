// `npm run eval [-- file.jsonl] [--verbose]`: runs evaluation questions through the same code path as
// `iop-bot ask` and prints, per kind and overall, how many answers contain the must-mention facts and cite a
// fitting source, and how many out-of-scope questions were declined.
//
// Facts are matched leniently but honestly: both texts are normalised (case, å/ä/ö, dates, thousands
// separators), Snowball-stemmed, and a fact counts when most of its words are in the answer (60 %, at least
// one). Words in parentheses are context and only count in the fact's favour; "a/b" means either word.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ask, loadAskDeps } from '../src/cli/ask-command.ts';
import type { Locale } from '../src/core/model.ts';
import type { Answer } from '../src/core/qa/answer-question.ts';
import { analyseWord, tokenize } from '../src/infra/knowledge/analyzer.ts';

interface EvalItem {
  id: string;
  lang: Locale;
  question: string;
  must_mention: string[];
  source: string;
  kind: string;
}

const FACT_SHARE = 0.6;
const MONTHS: Record<string, number> = Object.fromEntries(
  [
    ...'januari februari mars april maj juni juli augusti september oktober november december'.split(' '),
    ...'january february march april may june july august september october november december'.split(' '),
  ].map((m, i) => [m, (i % 12) + 1]),
);
const UNITS: Record<string, string> = { kr: 'kronor', sek: 'kronor', mkr: 'miljoner' };

/** Dates become one token (`d20240801`), "12 000" becomes "12000", "kr" becomes "kronor". */
function normalise(text: string): string {
  const pad = (n: number | string) => String(n).padStart(2, '0');
  return (
    text
      .toLowerCase()
      // The year stays beside the date, so a fact that only says "2022" still finds "15 March 2022".
      .replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_m, y, mo, d) => ` d${y}${mo}${d} ${y} `)
      .replace(/\b(\d{1,2}) ([a-zåäö]+) (\d{4})\b/g, (m, d, month: string, y) =>
        MONTHS[month] ? ` d${y}${pad(MONTHS[month] as number)}${pad(d)} ${y} ` : m,
      )
      .replace(/(\d)[\s ,.](?=\d{3}\b)/g, '$1')
  );
}

function terms(text: string, lang: Locale): string[] {
  return tokenize(normalise(text)).flatMap((word) => {
    const term = analyseWord(UNITS[word] ?? word, lang);
    return term ? [term] : [];
  });
}

function same(a: string, b: string): boolean {
  if (a === b) return true;
  // Swedish compounds and inflections: "fastställde" ~ "fastställ", "upphandlingsskadeavgift" ~ "upphandlingsskadeavgiften".
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 5 && !/^\d/.test(short) && long.startsWith(short);
}

/** Whether the answer states the fact, by stemmed word overlap. */
export function mentions(answerTerms: string[], fact: string, lang: Locale): boolean {
  const main = fact.replace(/\([^)]*\)/g, ' ');
  const optional = [...fact.matchAll(/\(([^)]*)\)/g)].flatMap((m) => terms(m[1] ?? '', lang));
  const slots = main
    .split(/\s+/)
    .filter(Boolean)
    // "ökar/varierar" means either word; "KS2024/162" is one case number.
    .map((chunk) =>
      (/^\p{L}+(\/\p{L}+)+$/u.test(chunk) ? chunk.split('/') : [chunk]).flatMap((alt) => terms(alt, lang)),
    )
    .filter((alts) => alts.length > 0);
  if (slots.length === 0) return true;
  const has = (t: string) => answerTerms.some((a) => same(a, t));
  const hits = slots.filter((alts) => alts.some(has)).length + optional.filter(has).length;
  return hits >= Math.max(1, Math.ceil(slots.length * FACT_SHARE));
}

function normaliseUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');
}

/** `exact`: the answer cites one of the listed pages or seed files; `publisher`: a page on the same site. */
function sourceFit(answer: Answer, expected: string): 'exact' | 'publisher' | 'none' {
  const wanted = expected.split(';').map((s) => s.trim());
  const urls = wanted.filter((s) => /^https?:\/\//.test(s)).map((s) => normaliseUrl(s.split(/\s/)[0] ?? s));
  const seeds = wanted.flatMap((s) => /^seed:(\S+)/.exec(s)?.[1] ?? []);
  const cited = answer.sources;
  if (cited.some((s) => (s.url && urls.includes(normaliseUrl(s.url))) || (s.file && seeds.includes(s.file)))) {
    return 'exact';
  }
  const hosts = new Set(urls.map((u) => u.split('/')[0]));
  return cited.some((s) => s.url && hosts.has(normaliseUrl(s.url).split('/')[0])) ? 'publisher' : 'none';
}

interface Row {
  kind: string;
  pass: boolean;
  factsFound: number;
  factsTotal: number;
  source: 'exact' | 'publisher' | 'none';
  declined: boolean;
}

const pct = (n: number, d: number) => (d === 0 ? '   –' : `${Math.round((100 * n) / d)} %`.padStart(5));

async function main() {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const file = args.find((a) => !a.startsWith('--')) ?? `${root}../shared/eval/dev-questions.jsonl`;
  const items = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as EvalItem);
  const deps = await loadAskDeps({
    KNOWLEDGE_DIR: `${root}knowledge`,
    DEFAULT_LOCALE: 'sv',
    DEFAULT_MUNICIPALITY: undefined,
  });

  const rows: Row[] = [];
  for (const item of items) {
    const answer = ask(deps, { question: item.question });
    const outOfScope = item.kind === 'out-of-scope';
    const declined = answer.status === 'declined';
    const answerTerms = terms(answer.text, item.lang);
    const missing = item.must_mention.filter((fact) => !mentions(answerTerms, fact, item.lang));
    const source = sourceFit(answer, item.source);
    const pass = outOfScope ? declined : !declined && missing.length === 0 && source !== 'none';
    rows.push({
      kind: item.kind,
      pass,
      factsFound: item.must_mention.length - missing.length,
      factsTotal: item.must_mention.length,
      source,
      declined,
    });
    if (verbose || !pass) {
      const status = declined ? `declined (${answer.declineReason})` : `answered, ${answer.language}`;
      console.log(`${pass ? 'ok  ' : 'FAIL'} ${item.id} [${item.kind}] ${item.question}`);
      console.log(
        `     ${status}, confidence ${answer.confidence}, source ${source}: ${answer.passages.map((p) => p.heading).join(' | ')}`,
      );
      if (!outOfScope && missing.length > 0) console.log(`     missing: ${missing.join(' · ')}`);
    }
  }

  const kinds = [...new Set(rows.map((r) => r.kind))];
  console.log(`\n${'kind'.padEnd(24)}   n   pass  facts  all-facts  source  declined`);
  const line = (label: string, group: Row[]) => {
    const inScope = group.filter((r) => r.kind !== 'out-of-scope');
    const oos = group.filter((r) => r.kind === 'out-of-scope');
    const facts = inScope.reduce((s, r) => s + r.factsFound, 0);
    const total = inScope.reduce((s, r) => s + r.factsTotal, 0);
    console.log(
      `${label.padEnd(24)} ${String(group.length).padStart(3)}  ${pct(group.filter((r) => r.pass).length, group.length)}  ` +
        `${pct(facts, total)}  ${pct(inScope.filter((r) => r.factsFound === r.factsTotal).length, inScope.length).padStart(9)}  ` +
        `${pct(inScope.filter((r) => r.source !== 'none').length, inScope.length).padStart(6)}  ` +
        `${pct(oos.filter((r) => r.declined).length, oos.length).padStart(8)}`,
    );
  };
  for (const kind of kinds)
    line(
      kind,
      rows.filter((r) => r.kind === kind),
    );
  line('overall', rows);
  const wronglyDeclined = rows.filter((r) => r.kind !== 'out-of-scope' && r.declined).length;
  console.log(
    `\npass = every must-mention fact found and a fitting source cited (out-of-scope: declined). ` +
      `source = cites a listed page/seed or the same publisher site ` +
      `(exact: ${rows.filter((r) => r.source === 'exact').length}). In-scope questions declined: ${wronglyDeclined}.`,
  );
}

await main();
