import { access, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { LOCALES, type Locale } from '../core/model.ts';
import { translator } from '../core/i18n/translator.ts';
import { IMPORTABLE, ImportError, importGuideline } from '../infra/knowledge/import/import-guideline.ts';
import { knowledgeAdvice } from '../infra/knowledge/knowledge-advice.ts';
import { checkKnowledgeFolder, withDeclaredMunicipalities } from '../infra/knowledge/knowledge-folder.ts';
import { readKnowledge } from '../infra/knowledge/knowledge-loader.ts';
import { readMunicipalities } from '../infra/municipality-loader.ts';
import { requestKnowledgeReload } from '../infra/knowledge/knowledge-reload.ts';

export interface KnowledgeCommandOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

type KnowledgeConfig = Pick<
  Config,
  'KNOWLEDGE_DIR' | 'DEFAULT_LOCALE' | 'DEFAULT_MUNICIPALITY' | 'REDIS_URL' | 'REDIS_PREFIX'
>;

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** The municipality's name as the folder knows it (municipalities.yaml or a declaring document). */
async function knownName(dir: string, id: string): Promise<string | undefined> {
  const listed = await readMunicipalities(dir);
  const knowledge = await readKnowledge(dir);
  return withDeclaredMunicipalities(listed.municipalities, knowledge.documents).find((m) => m.id === id)?.name;
}

async function runImport(argv: string[], config: KnowledgeConfig): Promise<KnowledgeCommandOutput> {
  const t = translator(config.DEFAULT_LOCALE);
  const { values, positionals } = parseArgs({
    args: argv,
    options: { municipality: { type: 'string' }, lang: { type: 'string' }, out: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const file = positionals[0];
  const municipality = values.municipality;
  const lang = values.lang as Locale | undefined;
  if (!file || positionals.length > 1 || !municipality || !lang || !LOCALES.includes(lang)) {
    return { stdout: '', stderr: `${t('knowledge.cli.usage')}\n`, exitCode: 2 };
  }
  const out = values.out ?? join(config.KNOWLEDGE_DIR, 'municipalities', `${municipality}.${lang}.md`);
  if (!values.out && (await exists(out))) {
    return { stdout: '', stderr: `${t('knowledge.cli.exists', { file: out })}\n`, exitCode: 1 };
  }
  const started = performance.now();
  let draft: Awaited<ReturnType<typeof importGuideline>>;
  try {
    draft = await importGuideline(file, {
      municipality,
      language: lang,
      municipalityName: await knownName(config.KNOWLEDGE_DIR, municipality),
    });
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    const message = t(`knowledge.cli.import.${error.kind}`, {
      file,
      kinds: IMPORTABLE.join(', '),
      detail: error.detail ?? '',
    });
    return { stdout: '', stderr: `${message}\n`, exitCode: 1 };
  }
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, draft.text, 'utf8');
  const lines = [
    t('knowledge.cli.imported', { file: out, sections: draft.sections, ms: Math.round(performance.now() - started) }),
  ];
  if (draft.notes.length > 0) lines.push(t('knowledge.cli.notes'), ...draft.notes.map((n) => `  - ${n}`));
  if (draft.problems.length > 0) lines.push(t('knowledge.cli.problems'), ...draft.problems.map((p) => `  ✘ ${p}`));
  lines.push(t('knowledge.cli.next'));
  return { stdout: '', stderr: `${lines.join('\n')}\n`, exitCode: draft.problems.length > 0 ? 1 : 0 };
}

/** `knowledge check`: start-up's validation, then advice; problems make exit code 1, advice does not. */
export async function checkKnowledgeReport(
  dir: string,
  config: Pick<Config, 'DEFAULT_LOCALE' | 'DEFAULT_MUNICIPALITY'>,
  today = new Date().toISOString().slice(0, 10),
): Promise<{ text: string; problems: number; advice: number }> {
  const t = translator(config.DEFAULT_LOCALE);
  const checked = await checkKnowledgeFolder(dir, { defaultMunicipality: config.DEFAULT_MUNICIPALITY });
  const lines: string[] = [];
  if (!checked.ok) {
    lines.push(...checked.problems.map((p) => `✘ ${p}`), ...checked.warnings.map((w) => `! ${w}`));
    lines.push('', t('knowledge.cli.checkFailed', { count: checked.problems.length }));
    return { text: `${lines.join('\n')}\n`, problems: checked.problems.length, advice: 0 };
  }
  const { folder } = checked;
  const advice = knowledgeAdvice(dir, folder.documents, today);
  lines.push(...folder.warnings.map((w) => `! ${w}`), ...advice.map((a) => `· ${a.file}: ${a.message}`));
  lines.push(
    '',
    t('knowledge.cli.checkOk', {
      documents: folder.documents.length,
      municipalities: folder.municipalities.length,
      advice: advice.length,
    }),
  );
  return { text: `${lines.join('\n')}\n`, problems: 0, advice: advice.length };
}

/** Each instance's outcome, one line each (and the problems that kept the old knowledge); exit 1 unless all reloaded. */
function reloadReport(
  outcome: Awaited<ReturnType<typeof requestKnowledgeReload>>,
  config: KnowledgeConfig,
): KnowledgeCommandOutput {
  const t = translator(config.DEFAULT_LOCALE);
  if (outcome.listeners === 0) {
    return { stdout: '', stderr: `${t('knowledge.cli.reloadNobody', { prefix: config.REDIS_PREFIX })}\n`, exitCode: 1 };
  }
  const lines: string[] = [];
  for (const reply of outcome.replies) {
    if (reply.ok) {
      lines.push(
        t('knowledge.cli.reloadOk', {
          instance: reply.instance,
          documents: reply.documents ?? 0,
          municipalities: reply.municipalities ?? 0,
        }),
      );
    } else
      lines.push(
        t('knowledge.cli.reloadRefused', { instance: reply.instance }),
        ...(reply.problems ?? []).map((p) => `    ${p}`),
      );
  }
  const missing = outcome.listeners - outcome.replies.length;
  if (missing > 0) lines.push(t('knowledge.cli.reloadMissing', { count: missing }));
  const failed = missing > 0 || outcome.replies.some((r) => !r.ok);
  return { stdout: `${lines.join('\n')}\n`, stderr: '', exitCode: failed ? 1 : 0 };
}

/**
 * `iop-bot knowledge import <file> --municipality ID --lang sv|en [--out PATH]`, `knowledge check [DIR]` and
 * `knowledge reload`; argv starts after `knowledge`.
 */
export async function runKnowledgeCommand(argv: string[], config: KnowledgeConfig): Promise<KnowledgeCommandOutput> {
  const t = translator(config.DEFAULT_LOCALE);
  const [sub, ...rest] = argv;
  try {
    switch (sub) {
      case 'import':
        return await runImport(rest, config);
      case 'check': {
        if (rest.length > 1) break;
        const report = await checkKnowledgeReport(rest[0] ?? config.KNOWLEDGE_DIR, config);
        return { stdout: report.text, stderr: '', exitCode: report.problems > 0 ? 1 : 0 };
      }
      case 'reload': {
        if (rest.length > 0) break;
        if (!config.REDIS_URL) return { stdout: '', stderr: `${t('knowledge.cli.reloadNoRedis')}\n`, exitCode: 1 };
        const outcome = await requestKnowledgeReload({ url: config.REDIS_URL, prefix: config.REDIS_PREFIX });
        return reloadReport(outcome, config);
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      return { stdout: '', stderr: `${(error as Error).message}\n${t('knowledge.cli.usage')}\n`, exitCode: 2 };
    }
    throw error;
  }
  return { stdout: '', stderr: `${t('knowledge.cli.usage')}\n`, exitCode: 2 };
}
