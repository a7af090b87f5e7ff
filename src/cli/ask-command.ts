import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { LOCALES, type Locale } from '../core/model.ts';
import { createMunicipalityDirectory, type MunicipalityDirectory } from '../core/municipalities.ts';
import { type Answer, answerQuestion } from '../core/qa/answer-question.ts';
import type { AnswerSource } from '../core/qa/citations.ts';
import type { KnowledgeBase } from '../core/ports/knowledge-base.ts';
import { citationLine } from '../core/qa/render-answer.ts';
import { translator } from '../core/i18n/translator.ts';
import { withDeclaredMunicipalities } from '../infra/knowledge/knowledge-folder.ts';
import { loadKnowledge } from '../infra/knowledge/knowledge-loader.ts';
import { MiniSearchKnowledgeBase } from '../infra/knowledge/minisearch-knowledge-base.ts';
import { loadMunicipalities } from '../infra/municipality-loader.ts';

/** What `ask` needs: the knowledge and the deployment defaults (no state store: one question, no thread). */
export interface AskDeps {
  knowledge: KnowledgeBase;
  municipalities: MunicipalityDirectory;
  defaultLocale: Locale;
  defaultMunicipality?: string;
}

/** The `ask --json` contract of design.md. */
export interface AskJson {
  answer: string;
  sources: AnswerSource[];
  confidence: number;
  declined: boolean;
  /** The knowledge question (section heading) the answer answers; null when it answers none. */
  matched: string | null;
  /** Present when the assistant asks back ("Menade du …?"): the candidate questions. */
  clarify?: string[];
}

export interface AskOptions {
  question: string;
  /** Forces the answer language; otherwise the question's language. */
  lang?: Locale;
  /** Municipality id; defaults to DEFAULT_MUNICIPALITY. */
  municipality?: string;
  /** The day the question is asked (an expired guideline is pointed out); defaults to now. */
  today?: Date;
}

/** Loads knowledge/ and municipalities.yaml (plus municipalities documents declare) as the running assistant does. */
export async function loadAskDeps(config: Pick<Config, 'KNOWLEDGE_DIR' | 'DEFAULT_LOCALE' | 'DEFAULT_MUNICIPALITY'>) {
  const listed = await loadMunicipalities(config.KNOWLEDGE_DIR);
  const { documents } = await loadKnowledge(config.KNOWLEDGE_DIR);
  const municipalities = createMunicipalityDirectory(withDeclaredMunicipalities(listed, documents));
  return {
    knowledge: new MiniSearchKnowledgeBase(documents) as KnowledgeBase,
    municipalities,
    defaultLocale: config.DEFAULT_LOCALE,
    defaultMunicipality: config.DEFAULT_MUNICIPALITY,
  } satisfies AskDeps;
}

/** One question through the same code path as the chat (used by `iop-bot ask` and `npm run eval`). */
export function ask(deps: AskDeps, options: AskOptions): Answer {
  const id = options.municipality ?? deps.defaultMunicipality;
  return answerQuestion(deps, {
    question: options.question,
    language: options.lang,
    fallbackLanguage: deps.defaultLocale,
    municipality: id ? (deps.municipalities.get(id) ?? deps.municipalities.find(id)) : undefined,
    today: (options.today ?? new Date()).toISOString().slice(0, 10),
  });
}

/** The answer in the contract's shape; light formatting (`*bold*`) is removed from the text. */
export function toAskJson(answer: Answer): AskJson {
  return {
    answer: answer.text.replace(/\*([^*\n]+)\*/g, '$1'),
    sources: answer.sources,
    confidence: answer.confidence,
    declined: answer.status === 'declined',
    matched: answer.status === 'answered' ? (answer.title ?? answer.passages[0]?.heading ?? null) : null,
    ...(answer.clarify ? { clarify: answer.clarify } : {}),
  };
}

function toText(answer: Answer): string {
  const t = translator(answer.language);
  const lines = answer.title ? [answer.title, '', toAskJson(answer).answer] : [toAskJson(answer).answer];
  if (answer.clarify) lines.push(...answer.clarify.map((q) => `  - ${q}`));
  if (answer.citations.length > 0) {
    lines.push(
      '',
      t('qa.cli.sources'),
      ...answer.citations.map((c) => `  - ${citationLine(c, t).replace(/^📄 /, '')}`),
    );
  }
  if (answer.followUps.length > 0) lines.push('', t('qa.cli.followUps'), ...answer.followUps.map((q) => `  - ${q}`));
  if (answer.status !== 'small-talk')
    lines.push('', t('qa.cli.confidence', { confidence: answer.confidence.toFixed(2) }));
  return `${lines.join('\n')}\n`;
}

/** `iop-bot ask "<question>" [--lang sv|en] [--municipality ID] [--json]`; argv starts after `ask`. */
export async function runAskCommand(
  argv: string[],
  config: Pick<Config, 'KNOWLEDGE_DIR' | 'DEFAULT_LOCALE' | 'DEFAULT_MUNICIPALITY'>,
): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const t = translator(config.DEFAULT_LOCALE);
  const fail = (message: string) => ({ stdout: '', stderr: `${message}\n${t('qa.cli.usage')}\n`, exitCode: 2 });
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    return fail((error as Error).message);
  }
  const { values, positionals } = parsed;
  const question = positionals.join(' ').trim();
  if (!question) return fail(t('qa.cli.missingQuestion'));
  const lang = values.lang;
  if (lang !== undefined && !(LOCALES as readonly string[]).includes(lang))
    return fail(`--lang: sv | en, not "${lang}"`);
  const deps = await loadAskDeps(config);
  const municipality = values.municipality;
  if (municipality && !deps.municipalities.get(municipality) && !deps.municipalities.find(municipality)) {
    const known = deps.municipalities
      .all()
      .map((m) => m.id)
      .join(', ');
    return fail(t('qa.cli.unknownMunicipality', { id: municipality, known }));
  }
  const answer = ask(deps, { question, lang: lang as Locale | undefined, municipality });
  const stdout = values.json ? `${JSON.stringify(toAskJson(answer), null, 2)}\n` : toText(answer);
  return { stdout, stderr: '', exitCode: 0 };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: { lang: { type: 'string' }, municipality: { type: 'string' }, json: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
}
