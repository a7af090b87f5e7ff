import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import type { DocumentStore } from '../core/ports/document-store.ts';
import { digestCsv, feedbackDigest, feedbackReport } from '../core/qa/feedback-digest.ts';
import { feedbackCsv, listFeedback } from '../core/qa/feedback.ts';
import { translator } from '../core/i18n/translator.ts';
import { connectRedis, createRedisConnection } from '../infra/redis-connection.ts';
import { RedisDocumentStore } from '../infra/redis-document-store.ts';

export interface FeedbackCommandOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Exports every stored entry as it is (`--raw`): to `out` when given, else as the command's output. */
export async function exportFeedback(store: DocumentStore, out?: string): Promise<{ csv: string; count: number }> {
  const entries = await listFeedback(store);
  const csv = feedbackCsv(entries);
  if (out) await writeFile(out, csv, 'utf8');
  return { csv, count: entries.length };
}

/**
 * `iop-bot feedback export [--out file.csv] [--separator ';'|','] [--raw]` and `feedback report`; argv starts after
 * `feedback`. Reads the Redis the assistant uses (REDIS_URL, REDIS_PREFIX): no user ids are stored.
 */
export async function runFeedbackCommand(
  argv: string[],
  config: Pick<Config, 'REDIS_URL' | 'REDIS_PREFIX' | 'DEFAULT_LOCALE'>,
): Promise<FeedbackCommandOutput> {
  const t = translator(config.DEFAULT_LOCALE);
  let values: { out?: string; separator?: string; raw?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { out: { type: 'string' }, separator: { type: 'string' }, raw: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    return { stdout: '', stderr: `${(error as Error).message}\n${t('feedback.cli.usage')}\n`, exitCode: 2 };
  }
  const command = positionals[0];
  const separator = values.separator ?? (config.DEFAULT_LOCALE === 'sv' ? ';' : ',');
  if (
    positionals.length !== 1 ||
    (command !== 'export' && command !== 'report') ||
    (separator !== ';' && separator !== ',')
  ) {
    return { stdout: '', stderr: `${t('feedback.cli.usage')}\n`, exitCode: 2 };
  }
  if (!config.REDIS_URL) return { stdout: '', stderr: `${t('feedback.cli.memoryStore')}\n`, exitCode: 1 };

  const redis = createRedisConnection(config.REDIS_URL, 'state');
  try {
    await connectRedis(redis, config.REDIS_URL);
    const store = new RedisDocumentStore(redis, { prefix: config.REDIS_PREFIX });
    if (command === 'report') return { stdout: feedbackReport(await listFeedback(store), t), stderr: '', exitCode: 0 };
    let csv: string;
    let count: number;
    if (values.raw) ({ csv, count } = await exportFeedback(store));
    else {
      const rows = feedbackDigest(await listFeedback(store));
      csv = digestCsv(rows, t, separator);
      count = rows.length;
    }
    if (!values.out) return { stdout: csv, stderr: '', exitCode: 0 };
    await writeFile(values.out, csv, 'utf8');
    return { stdout: '', stderr: `${t('feedback.cli.written', { count, file: values.out })}\n`, exitCode: 0 };
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}
