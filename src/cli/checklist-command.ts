import { type AnswerValue, evaluate } from '../core/checklist/engine.ts';
import type { ChecklistDefinition, Question, Signal } from '../core/checklist/schema.ts';
import type { Locale } from '../core/model.ts';
import { interpolate } from '../i18n/translator.ts';

/**
 * User-facing words of `iop-bot checklist …`. Kept here for now; they belong in locales/{sv,en}.json under
 * `checklist.cli` (same nesting and `{placeholder}` syntax), where the integrator will move them.
 */
export const checklistCommandText = {
  sv: {
    usage: 'Användning: iop-bot checklist list | show <id> | evaluate <id> --answers ja,nej,osäker,… [--json]',
    listHeading: 'Checklistor:',
    listItem: '{id} – {title} ({count} frågor{municipality})',
    noChecklists: 'Det finns inga checklistor.',
    unknownChecklist: 'Det finns ingen checklista som heter "{id}". Tillgängliga: {ids}.',
    missingId: 'Ange vilken checklista du menar, till exempel: iop-bot checklist {command} {example}',
    missingAnswers: 'Ange svaren i frågornas ordning med --answers, till exempel --answers ja,nej,osäker.',
    tooManyAnswers: 'Checklistan "{id}" har {total} frågor, men du angav {count} svar.',
    emptyAnswer: 'Svar nummer {position} är tomt. Använd ja, nej, osäker eller hoppa.',
    unknownAnswer:
      'Svar nummer {position}, "{word}", känns inte igen. Använd ja, nej, osäker eller hoppa (eller yes, no, unsure, skip).',
    unknownOption: 'Okänt alternativ: {option}',
    unknownCommand: 'Okänt underkommando: {command}',
    extraArgument: 'Oväntat argument: {argument}',
    municipality: 'Kommun',
    questions: 'Frågor',
    decisive: 'avgörande',
    why: 'Varför vi frågar',
    sources: 'Källor',
    basedOn: 'Underlag',
    recommendation: 'Rekommendation',
    provisional: 'Preliminärt: {done} av {total} frågor är besvarade.',
    reasons: 'Skäl',
    nextSteps: 'Nästa steg',
    answers: { yes: 'Ja', no: 'Nej', unsure: 'Osäker', skipped: 'Hoppade över' },
    signals: {
      'supports-iop': 'talar för IOP',
      'signals-grant': 'tyder på bidrag',
      'signals-procurement': 'tyder på upphandling',
      'not-eligible': 'utesluter IOP',
      'needs-review': 'behöver utredas',
      neutral: 'neutralt',
    },
  },
  en: {
    usage: 'Usage: iop-bot checklist list | show <id> | evaluate <id> --answers yes,no,unsure,… [--json]',
    listHeading: 'Checklists:',
    listItem: '{id} – {title} ({count} questions{municipality})',
    noChecklists: 'There are no checklists.',
    unknownChecklist: 'There is no checklist called "{id}". Available: {ids}.',
    missingId: 'Say which checklist you mean, for example: iop-bot checklist {command} {example}',
    missingAnswers: 'Give the answers in question order with --answers, for example --answers yes,no,unsure.',
    tooManyAnswers: 'The checklist "{id}" has {total} questions, but you gave {count} answers.',
    emptyAnswer: 'Answer number {position} is empty. Use yes, no, unsure or skip.',
    unknownAnswer:
      'Answer number {position}, "{word}", is not recognised. Use yes, no, unsure or skip (or ja, nej, osäker, hoppa).',
    unknownOption: 'Unknown option: {option}',
    unknownCommand: 'Unknown subcommand: {command}',
    extraArgument: 'Unexpected argument: {argument}',
    municipality: 'Municipality',
    questions: 'Questions',
    decisive: 'decisive',
    why: 'Why we ask',
    sources: 'Sources',
    basedOn: 'Based on',
    recommendation: 'Recommendation',
    provisional: 'Provisional: {done} of {total} questions answered.',
    reasons: 'Reasons',
    nextSteps: 'Next steps',
    answers: { yes: 'Yes', no: 'No', unsure: 'Unsure', skipped: 'Skipped' },
    signals: {
      'supports-iop': 'supports an IOP',
      'signals-grant': 'points to a grant',
      'signals-procurement': 'points to procurement',
      'not-eligible': 'rules out an IOP',
      'needs-review': 'needs a closer look',
      neutral: 'neutral',
    },
  },
} as const satisfies Record<Locale, unknown>;

type Text = (typeof checklistCommandText)[Locale];

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
  const t = checklistCommandText[deps.locale];
  const fail = (message: string) => ({ stdout: `${message}\n${t.usage}\n`, exitCode: 2 });
  const parsed = parseArgs(argv, t);
  if (!parsed.ok) return fail(parsed.message);
  const { command, id, json } = parsed;

  if (command === undefined) return fail(t.usage);
  if (command === 'help') return { stdout: `${t.usage}\n`, exitCode: 0 };
  if (command === 'list') {
    if (id !== undefined) return fail(interpolate(t.extraArgument, { argument: id }));
    return ok(json ? listJson(deps.checklists, deps.locale) : listText(deps.checklists, deps.locale, t));
  }
  if (command !== 'show' && command !== 'evaluate') return fail(interpolate(t.unknownCommand, { command }));

  if (id === undefined) {
    const example = [...deps.checklists.keys()][0] ?? 'skr';
    return fail(interpolate(t.missingId, { command, example }));
  }
  const def = deps.checklists.get(id);
  if (!def) return fail(interpolate(t.unknownChecklist, { id, ids: [...deps.checklists.keys()].join(', ') || '–' }));
  if (command === 'show') return ok(json ? `${JSON.stringify(def, null, 2)}\n` : showText(def, deps.locale, t));

  const answers = parseAnswers(parsed.answers, def, t);
  if (!answers.ok) return fail(answers.message);
  const evaluation = evaluate(def, answers.map);
  if (json) {
    const out = {
      checklist: def.id,
      outcome: evaluation.outcome,
      reasons: evaluation.reasons.map((r) => ({
        questionId: r.questionId,
        answer: r.answer,
        signal: r.signal,
        reason: r.reason[deps.locale],
      })),
      complete: evaluation.complete,
    };
    return ok(`${JSON.stringify(out, null, 2)}\n`);
  }
  const outcome = def.outcomes[evaluation.outcome];
  const lines = [`${t.recommendation}: ${outcome.title[deps.locale]}`, outcome.explanation[deps.locale]];
  if (!evaluation.complete) {
    lines.push('', interpolate(t.provisional, { done: answers.count, total: def.questions.length }));
  }
  if (evaluation.reasons.length > 0) {
    lines.push('', `${t.reasons}:`);
    for (const r of evaluation.reasons) {
      const q = def.questions.find((question) => question.id === r.questionId);
      lines.push(`  - ${q?.text[deps.locale] ?? r.questionId} ${t.answers[r.answer]}: ${r.reason[deps.locale]}`);
    }
  }
  lines.push('', `${t.nextSteps}:`, ...outcome.nextSteps[deps.locale].map((step, i) => `  ${i + 1}. ${step}`));
  lines.push('', `${t.sources}: ${outcome.sources.join(', ')}`);
  return ok(`${lines.join('\n')}\n`);
}

function ok(stdout: string): { stdout: string; exitCode: number } {
  return { stdout, exitCode: 0 };
}

function parseArgs(argv: string[], t: Text): Parsed {
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
    else if (arg.startsWith('-')) return { ok: false, message: interpolate(t.unknownOption, { option: arg }) };
    else positional.push(arg);
  }
  const [command, id, extra] = positional;
  if (extra !== undefined) return { ok: false, message: interpolate(t.extraArgument, { argument: extra }) };
  return { ok: true, command, id, answers, json };
}

function parseAnswers(
  raw: string | undefined,
  def: ChecklistDefinition,
  t: Text,
): { ok: true; map: Record<string, AnswerValue>; count: number } | { ok: false; message: string } {
  if (raw === undefined || raw.trim() === '') return { ok: false, message: t.missingAnswers };
  const words = raw.split(',').map((w) => w.normalize('NFC').trim().toLowerCase());
  if (words.length > def.questions.length) {
    return {
      ok: false,
      message: interpolate(t.tooManyAnswers, { id: def.id, total: def.questions.length, count: words.length }),
    };
  }
  const map: Record<string, AnswerValue> = {};
  for (const [i, word] of words.entries()) {
    if (word === '') return { ok: false, message: interpolate(t.emptyAnswer, { position: i + 1 }) };
    const value = ANSWER_WORDS[word];
    if (value === undefined) return { ok: false, message: interpolate(t.unknownAnswer, { position: i + 1, word }) };
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

function listText(checklists: ReadonlyMap<string, ChecklistDefinition>, locale: Locale, t: Text): string {
  if (checklists.size === 0) return `${t.noChecklists}\n`;
  const lines = [...checklists.values()].map(
    (def) =>
      `  ${interpolate(t.listItem, {
        id: def.id,
        title: def.title[locale],
        count: def.questions.length,
        municipality: def.municipality ? `, ${def.municipality}` : '',
      })}`,
  );
  return `${[t.listHeading, ...lines].join('\n')}\n`;
}

function showText(def: ChecklistDefinition, locale: Locale, t: Text): string {
  const lines = [`${def.title[locale]} (${def.id})`];
  if (def.municipality) lines.push(`${t.municipality}: ${def.municipality}`);
  lines.push('', def.intro[locale]);
  if (def.basedOn) lines.push('', `${t.basedOn}: ${def.basedOn[locale]}`);
  lines.push('', `${t.questions}:`);
  def.questions.forEach((q, i) => {
    lines.push(`  ${i + 1}. ${q.text[locale]}${q.decisive ? ` [${t.decisive}]` : ''}`);
    lines.push(`     ${t.why}: ${q.why[locale]}`);
    lines.push(`     ${effectsLine(q, t)}`);
  });
  lines.push('', `${t.sources}: ${def.source.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

function effectsLine(q: Question, t: Text): string {
  const part = (answer: 'yes' | 'no' | 'unsure') => {
    const signal: Signal = q.effects[answer].signal;
    return `${t.answers[answer]} → ${t.signals[signal]}`;
  };
  return [part('yes'), part('no'), part('unsure')].join(' · ');
}
