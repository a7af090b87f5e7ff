// How the evaluation decides that a text states a fact: both texts are normalised (case, å/ä/ö, dates,
// thousands separators), Snowball-stemmed, and a fact counts when most of its words are in the text (60 %, at
// least one). Words in parentheses are context and only count in the fact's favour; "a/b" means either word.
import type { Locale } from '../src/core/model.ts';
import { analyseWord, tokenize } from '../src/infra/knowledge/analyzer.ts';

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

/** A text's words as the fact matcher compares them. */
export function terms(text: string, lang: Locale): string[] {
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
  // Dates and amounts are joined before the fact is cut into words, so "1 januari 2023" stays one date.
  const main = normalise(fact.replace(/\([^)]*\)/g, ' '));
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
