import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import type { DocumentStore } from '../core/ports/document-store.ts';
import { feedbackCsv, listFeedback } from '../core/qa/feedback.ts';
import { translator } from '../core/i18n/translator.ts';
import { connectRedis, createRedisConnection } from '../infra/redis-connection.ts';
import { RedisDocumentStore } from '../infra/redis-document-store.ts';

export interface FeedbackCommandOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Exports stored feedback from `store` as CSV: to `out` when given, else as the command's output. */
export async function exportFeedback(store: DocumentStore, out?: string): Promise<{ csv: string; count: number }> {
  const entries = await listFeedback(store);
  const csv = feedbackCsv(entries);
  if (out) await writeFile(out, csv, 'utf8');
  return { csv, count: entries.length };
}

/**
 * `iop-bot feedback export [--out file.csv]`; argv starts after `feedback`. Reads the Redis the assistant uses
 * (REDIS_URL, REDIS_PREFIX): votes and unanswered questions, no user ids.
 */
export async function runFeedbackCommand(
  argv: string[],
  config: Pick<Config, 'REDIS_URL' | 'REDIS_PREFIX' | 'DEFAULT_LOCALE'>,
): Promise<FeedbackCommandOutput> {
  const t = translator(config.DEFAULT_LOCALE);
  let values: { out?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { out: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    return { stdout: '', stderr: `${(error as Error).message}\n${t('feedback.cli.usage')}\n`, exitCode: 2 };
  }
  if (positionals.length !== 1 || positionals[0] !== 'export') {
    return { stdout: '', stderr: `${t('feedback.cli.usage')}\n`, exitCode: 2 };
  }
  if (!config.REDIS_URL) return { stdout: '', stderr: `${t('feedback.cli.memoryStore')}\n`, exitCode: 1 };

  const redis = createRedisConnection(config.REDIS_URL, 'state');
  try {
    await connectRedis(redis, config.REDIS_URL);
    const store = new RedisDocumentStore(redis, { prefix: config.REDIS_PREFIX });
    const { csv, count } = await exportFeedback(store, values.out);
    if (!values.out) return { stdout: csv, stderr: '', exitCode: 0 };
    return { stdout: '', stderr: `${t('feedback.cli.written', { count, file: values.out })}\n`, exitCode: 0 };
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}
