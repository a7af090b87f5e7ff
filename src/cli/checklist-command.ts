import type { AnswerValue } from '../core/checklist/engine.ts';
import { outcomeView, resultLabels } from '../core/checklist/result-view.ts';
import type { ChecklistDefinition, Question } from '../core/checklist/schema.ts';
import { type MessageKey, type MessageParams, translator } from '../core/i18n/translator.ts';
import type { Locale } from '../core/model.ts';

type CliKey<K = MessageKey> = K extends `checklist.cli.${infer Rest}` ? Rest : never;

/** The words of `iop-bot checklist …` in one language: its own (`checklist.cli`) and a result's (result-view.ts). */
function cliText(locale: Locale) {
  const translate = translator(locale);
  const t = (key: CliKey, params?: MessageParams) => translate(`checklist.cli.${key}`, params);
  return { t, labels: resultLabels(translate) };
}

/** "Talar för IOP" → "talar för IOP": a signal follows an arrow inside a line here. */
function inSentence(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

type Text = ReturnType<typeof cliText>;

// Both languages are accepted whatever the output language, so scripts need not know the user's locale.
const ANSWER_WORDS: Readonly<Record<string, AnswerValue>> = {
  ja: 'yes',
  yes: 'yes',
  nej: 'no',
  no: 'no',
  osäker: 'unsure',
  osaker: 'unsure',
  unsure: 'unsure',
  hoppa: 'skipped',
  skip: 'skipped',
};

type Parsed =
  | { ok: true; command: string | undefined; id: string | undefined; answers: string | undefined; json: boolean }
  | { ok: false; message: string };

/** Runs `checklist list | show <id> | evaluate <id> --answers … [--json]`; argv starts after `checklist`. */
export function runChecklistCommand(
  argv: string[],
  deps: { checklists: ReadonlyMap<string, ChecklistDefinition>; locale: Locale },
): { stdout: string; exitCode: number } {
  const text = cliText(deps.locale);
  const { t } = text;
  const usage = t('usage');
  const fail = (message: string) => ({ stdout: `${message}\n${usage}\n`, exitCode: 2 });
  const parsed = parseArgs(argv, text);
  if (!parsed.ok) return fail(parsed.message);
  const { command, id, json } = parsed;

  if (command === undefined) return fail(usage);
  if (command === 'help') return { stdout: `${usage}\n`, exitCode: 0 };
  if (command === 'list') {
    if (id !== undefined) return fail(t('extraArgument', { argument: id }));
    return ok(json ? listJson(deps.checklists, deps.locale) : listText(deps.checklists, deps.locale, text));
  }
  if (command !== 'show' && command !== 'evaluate') return fail(t('unknownCommand', { command }));

  if (id === undefined) {
    const example = [...deps.checklists.keys()][0] ?? 'skr';
    return fail(t('missingId', { command, example }));
  }
  const def = deps.checklists.get(id);
  if (!def) return fail(t('unknownChecklist', { id, ids: [...deps.checklists.keys()].join(', ') || '–' }));
  if (command === 'show') return ok(json ? `${JSON.stringify(def, null, 2)}\n` : showText(def, deps.locale, text));

  const answers = parseAnswers(parsed.answers, def, text);
  if (!answers.ok) return fail(answers.message);
  const view = outcomeView(def, answers.map, deps.locale, text.labels);
  if (json) {
    const out = {
      checklist: def.id,
      outcome: view.outcome.kind,
      reasons: view.reasons.map((r) => ({
        questionId: r.questionId,
        answer: r.answer,
        signal: r.signal,
        reason: r.reason,
      })),
      complete: !view.provisional,
    };
    return ok(`${JSON.stringify(out, null, 2)}\n`);
  }
  const words = text.labels.words;
  const lines = [`${words.recommendation}: ${view.outcome.title}`, view.outcome.explanation];
  if (view.provisional) {
    lines.push('', t('provisional', { done: answers.count, total: def.questions.length }));
  }
  if (view.reasons.length > 0) {
    lines.push('', `${words.reasons}:`);
    for (const r of view.reasons) lines.push(`  - ${r.questionText} ${r.answerLabel}: ${r.reason}`);
  }
  lines.push('', `${words.nextSteps}:`, ...view.outcome.nextSteps.map((step, i) => `  ${i + 1}. ${step}`));
  lines.push('', `${words.sources}: ${view.outcome.sources.join(', ')}`);
  return ok(`${lines.join('\n')}\n`);
}

function ok(stdout: string): { stdout: string; exitCode: number } {
  return { stdout, exitCode: 0 };
}

function parseArgs(argv: string[], { t }: Text): Parsed {
  const args = argv[0] === 'checklist' ? argv.slice(1) : argv;
  const positional: string[] = [];
  let answers: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') positional.unshift('help');
    else if (arg === '--answers') answers = args[++i] ?? '';
    else if (arg.startsWith('--answers=')) answers = arg.slice('--answers='.length);
    else if (arg.startsWith('-')) return { ok: false, message: t('unknownOption', { option: arg }) };
    else positional.push(arg);
  }
  const [command, id, extra] = positional;
  if (extra !== undefined) return { ok: false, message: t('extraArgument', { argument: extra }) };
  return { ok: true, command, id, answers, json };
}

function parseAnswers(
  raw: string | undefined,
  def: ChecklistDefinition,
  { t }: Text,
): { ok: true; map: Record<string, AnswerValue>; count: number } | { ok: false; message: string } {
  if (raw === undefined || raw.trim() === '') return { ok: false, message: t('missingAnswers') };
  const words = raw.split(',').map((w) => w.normalize('NFC').trim().toLowerCase());
  if (words.length > def.questions.length) {
    return {
      ok: false,
      message: t('tooManyAnswers', { id: def.id, total: def.questions.length, count: words.length }),
    };
  }
  const map: Record<string, AnswerValue> = {};
  for (const [i, word] of words.entries()) {
    if (word === '') return { ok: false, message: t('emptyAnswer', { position: i + 1 }) };
    const value = ANSWER_WORDS[word];
    if (value === undefined) return { ok: false, message: t('unknownAnswer', { position: i + 1, word }) };
    const question = def.questions[i] as Question;
    map[question.id] = value;
  }
  return { ok: true, map, count: words.length };
}

function listJson(checklists: ReadonlyMap<string, ChecklistDefinition>, locale: Locale): string {
  const list = [...checklists.values()].map((def) => ({
    id: def.id,
    title: def.title[locale],
    municipality: def.municipality ?? null,
    questions: def.questions.length,
    sources: def.source,
  }));
  return `${JSON.stringify({ checklists: list }, null, 2)}\n`;
}

function listText(checklists: ReadonlyMap<string, ChecklistDefinition>, locale: Locale, { t }: Text): string {
  if (checklists.size === 0) return `${t('noChecklists')}\n`;
  const lines = [...checklists.values()].map(
    (def) =>
      `  ${t('listItem', {
        id: def.id,
        title: def.title[locale],
        count: def.questions.length,
        municipality: def.municipality ? `, ${def.municipality}` : '',
      })}`,
  );
  return `${[t('listHeading'), ...lines].join('\n')}\n`;
}

function showText(def: ChecklistDefinition, locale: Locale, text: Text): string {
  const { t } = text;
  const lines = [`${def.title[locale]} (${def.id})`];
  if (def.municipality) lines.push(`${t('municipality')}: ${def.municipality}`);
  lines.push('', def.intro[locale]);
  if (def.basedOn) lines.push('', `${t('basedOn')}: ${def.basedOn[locale]}`);
  lines.push('', `${t('questions')}:`);
  def.questions.forEach((q, i) => {
    lines.push(`  ${i + 1}. ${q.text[locale]}${q.decisive ? ` [${text.labels.words.decisive}]` : ''}`);
    lines.push(`     ${t('why')}: ${q.why[locale]}`);
    lines.push(`     ${effectsLine(q, text)}`);
  });
  lines.push('', `${text.labels.words.sources}: ${def.source.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

function effectsLine(q: Question, text: Text): string {
  const part = (answer: 'yes' | 'no' | 'unsure') => {
    const { signal } = q.effects[answer];
    return `${text.labels.answers[answer]} → ${inSentence(text.labels.signals[signal])}`;
  };
  return [part('yes'), part('no'), part('unsure')].join(' · ');
}
