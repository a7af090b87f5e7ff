import type { Translate } from '../i18n/translator.ts';
import type { FeedbackEntry } from './feedback.ts';
import { smallTalkOf } from './small-talk.ts';

/** Below this an answer counts as unsure and is listed for the content owner. */
export const LOW_CONFIDENCE = 0.5;

/** The groups a content owner acts on, in the order they are listed. */
const GROUPS = ['unanswered', 'low-confidence', 'clarified', 'down'] as const;
type Group = (typeof GROUPS)[number];

/** One repeated question (or choice, or 👎) with how often it came. */
export interface DigestRow {
  group: Group;
  question: string;
  count: number;
  municipality?: string;
  section?: string;
  chosen?: string;
  comments: string[];
  last: string;
}

const fold = (text: string) => text.toLowerCase().replace(/[?!.,\s]+/g, ' ').trim();

/**
 * Feedback grouped for action: repeated questions counted once with their count, most frequent first, per group.
 * Small talk and abuse ("tack!", "värdelös bot") are left out: there is nothing in them to fix.
 */
export function feedbackDigest(entries: FeedbackEntry[]): DigestRow[] {
  const rows = new Map<string, DigestRow>();
  for (const entry of entries) {
    if (entry.kind === 'up') continue;
    if (smallTalkOf(entry.question)) continue;
    const group: Group = entry.kind;
    const key = JSON.stringify([group, fold(entry.question), entry.municipality ?? '', entry.chosen ?? '']);
    const row = rows.get(key) ?? {
      group,
      question: entry.question.trim(),
      count: 0,
      municipality: entry.municipality,
      section: entry.section,
      chosen: entry.chosen,
      comments: [],
      last: entry.at,
    };
    row.count += 1;
    if (entry.comment) row.comments.push(entry.comment);
    if (entry.at > row.last) row.last = entry.at;
    rows.set(key, row);
  }
  return [...rows.values()].sort(
    (a, b) => GROUPS.indexOf(a.group) - GROUPS.indexOf(b.group) || b.count - a.count || b.last.localeCompare(a.last),
  );
}

/** Sections by how they were rated: most 👎 (net of 👍) first; only sections with at least one 👎. */
export function worstRatedSections(entries: FeedbackEntry[]): Array<{ section: string; down: number; up: number }> {
  const bySection = new Map<string, { section: string; down: number; up: number }>();
  for (const entry of entries) {
    if ((entry.kind !== 'up' && entry.kind !== 'down') || !entry.section) continue;
    const row = bySection.get(entry.section) ?? { section: entry.section, down: 0, up: 0 };
    row[entry.kind] += 1;
    bySection.set(entry.section, row);
  }
  return [...bySection.values()].filter((r) => r.down > 0).sort((a, b) => b.down - b.up - (a.down - a.up) || b.down - a.down);
}

function field(value: string | number | undefined, separator: string): string {
  let text = value === undefined ? '' : String(value);
  // A question typed as "=HYPERLINK(…)" must not run as a formula when the owner opens the file.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The digest as CSV that Excel opens correctly: a UTF-8 byte order mark (else å, ä, ö are garbled), the
 * separator Excel expects in the owner's locale (`;` where the decimal mark is a comma, as in Swedish), CRLF.
 */
export function digestCsv(rows: DigestRow[], t: Translate, separator: ';' | ',' = ';'): string {
  const header = ['group', 'question', 'count', 'municipality', 'section', 'chosen', 'comments', 'last'].map((c) =>
    t(`feedback.columns.${c}` as Parameters<Translate>[0]),
  );
  const lines = rows.map((r) =>
    [
      t(`feedback.groups.${r.group}` as Parameters<Translate>[0]),
      r.question,
      r.count,
      r.municipality,
      r.section,
      r.chosen,
      r.comments.join(' | '),
      r.last.slice(0, 10),
    ]
      .map((v) => field(v, separator))
      .join(separator),
  );
  return `\uFEFF${[header.join(separator), ...lines].join('\r\n')}\r\n`;
}

/** `feedback report`: the top gaps (unanswered and unsure, by count) and the worst-rated sections. */
export function feedbackReport(entries: FeedbackEntry[], t: Translate, top = 10): string {
  const digest = feedbackDigest(entries);
  const gaps = digest
    .filter((r) => r.group === 'unanswered' || r.group === 'low-confidence')
    .sort((a, b) => b.count - a.count)
    .slice(0, top);
  const worst = worstRatedSections(entries).slice(0, top);
  const choices = digest.filter((r) => r.group === 'clarified').slice(0, top);
  const lines = [t('feedback.report.gaps')];
  if (gaps.length === 0) lines.push(`  ${t('feedback.report.none')}`);
  for (const g of gaps) {
    lines.push(`  ${g.count} × ${g.question}${g.municipality ? ` (${g.municipality})` : ''} – ${t(`feedback.groups.${g.group}`)}`);
  }
  lines.push('', t('feedback.report.worst'));
  if (worst.length === 0) lines.push(`  ${t('feedback.report.none')}`);
  for (const w of worst) lines.push(`  👎 ${w.down} 👍 ${w.up}  ${w.section}`);
  lines.push('', t('feedback.report.choices'));
  if (choices.length === 0) lines.push(`  ${t('feedback.report.none')}`);
  for (const c of choices) lines.push(`  ${c.count} × ${c.question} → ${c.chosen ?? ''}`);
  return `${lines.join('\n')}\n`;
}
