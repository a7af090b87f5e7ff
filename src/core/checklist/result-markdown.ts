import { cleanUserText } from '../user-text.ts';
import type { ResultView } from './result-view.ts';

/**
 * A run's result as a Markdown document for export. `formatDate` turns an ISO instant into local text;
 * `describeSource` turns a source id into a title/link (default: the id itself).
 */
export function resultMarkdown(
  s: ResultView,
  formatDate: (iso: string) => string,
  describeSource: (id: string) => string = (id) => `\`${id}\``,
): string {
  const labels = s.labels.words;

  const lines: string[] = [];
  lines.push(`# ${inline(s.checklistTitle)}${s.caseName ? `: ${inline(s.caseName)}` : ''}`, '');
  lines.push(`**${labels.date}:** ${inline(formatDate(s.updatedAt))}  `);
  lines.push(`**${labels.startedBy}:** ${inline(s.startedBy.name || s.startedBy.id)}  `);
  lines.push(`**${labels.status}:** ${capitalised(s.statusLabel)}`, '');

  lines.push(`## ${labels.recommendation}`, '', `**${inline(s.outcome.title)}**`, '');
  if (s.provisional) lines.push(`> ${labels.provisional}`, '');
  lines.push(inline(s.outcome.explanation), '');
  if (s.reasons.length > 0) {
    lines.push(`### ${labels.reasons}`, '');
    for (const r of s.reasons) lines.push(`- ${inline(r.questionText)} **${r.answerLabel}** – ${inline(r.reason)}`);
    lines.push('');
  }

  lines.push(`## ${labels.criteria}`, '');
  lines.push(
    `| # | ${labels.columnQuestion} | ${labels.columnAnswer} | ${labels.columnAnsweredBy} | ${labels.columnEffect} |`,
    '|---|---|---|---|---|',
  );
  for (const q of s.questions) {
    const question = `${inline(q.text)}${q.decisive ? ` _(${inline(labels.decisive)})_` : ''}`;
    const answer = q.answerLabel ?? labels.notAnswered;
    const by = q.by && q.at ? `${inline(q.by.name || q.by.id)}, ${inline(formatDate(q.at))}` : '';
    const effect = q.signalLabel && q.reason ? `${q.signalLabel}: ${inline(q.reason)}` : '';
    lines.push(`| ${q.number} | ${question} | ${inline(answer)} | ${by} | ${effect} |`);
  }
  lines.push('');

  lines.push(`## ${labels.nextSteps}`, '');
  s.outcome.nextSteps.forEach((step, i) => {
    lines.push(`${i + 1}. ${inline(step)}`);
  });
  lines.push('');
  if (s.followUps.length > 0) {
    lines.push(`## ${labels.followUps}`, '');
    for (const f of s.followUps) lines.push(`- ${inline(f.label)}`);
    lines.push('');
  }
  lines.push(`## ${labels.sources}`, '');
  for (const id of s.sources) lines.push(`- ${describeSource(id)}`);
  lines.push('');
  if (s.basedOn) lines.push(`_${labels.basedOn}: ${inline(s.basedOn)}_`, '');
  lines.push(`_${labels.disclaimer}_`, '');
  return lines.join('\n');
}

/** "pågår" → "Pågår": a status heads its own line in the export. */
function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Text on one line, with HTML and Markdown control characters neutralised and hidden characters removed (case
 * names and display names are people's text).
 */
function inline(text: string): string {
  return cleanUserText(text)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]#|])/g, '\\$1');
}
