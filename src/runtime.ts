import type { StateStore } from './infra/state-store.ts';
import type { Redis } from 'ioredis';
import { type Config, chooseStateStore } from './config.ts';
import { type Bot, createBot } from './core/bot.ts';
import { createChecklistFeature } from './core/checklist/feature.ts';
import type { Feature } from './core/feature.ts';
import { LOCALES, PLATFORMS } from './core/model.ts';
import { createHelpFeature } from './core/features/help.ts';
import { createPrivacyFeature } from './core/features/privacy.ts';
import { createSettingsFeature } from './core/features/settings.ts';
import { createMunicipalityDirectory, type MunicipalityDirectory } from './core/municipalities.ts';
import type { Clock } from './core/ports/clock.ts';
import type { KnowledgeBase } from './core/ports/knowledge-base.ts';
import { createKnowledgeHolder } from './core/qa/knowledge-holder.ts';
import { createQaFeature } from './core/qa/qa-feature.ts';
import { createReminderDelivery, type MessengerRegistry, type ReminderDelivery } from './core/reminders/delivery.ts';
import { createRemindersFeature } from './core/reminders/reminders-feature.ts';
import type { Telemetry } from './core/telemetry.ts';
import { type KnowledgeFolder, checkKnowledgeFolder, loadKnowledgeFolder } from './infra/knowledge/knowledge-folder.ts';
import { listenForReloads, type ReloadOutcome } from './infra/knowledge/knowledge-reload.ts';
import { MiniSearchKnowledgeBase } from './infra/knowledge/minisearch-knowledge-base.ts';
import type { Logger } from './infra/logger.ts';
import { MemoryDocumentStore } from './infra/memory-document-store.ts';
import { connectRedis, createRedisConnection, redactUrl } from './infra/redis-connection.ts';
import { RedisDocumentStore } from './infra/redis-document-store.ts';
import { createReminderRuntime, type ReminderRuntime } from './infra/reminders/reminder-runtime.ts';

/** Everything a running assistant is made of, built once by the composition root. */
export interface Runtime {
  config: Config;
  logger: Logger;
  clock: Clock;
  store: StateStore;
  /** Where state lives, for the start-up announcement: `memory` or the redacted Redis URL. */
  stateDescription: { kind: 'memory' } | { kind: 'redis'; url: string };
  municipalities: MunicipalityDirectory;
  /** Search over knowledge/ (also lists documents with a `valid_until` date). */
  knowledge: KnowledgeBase;
  /** For readiness: every language has indexed passages and at least one checklist was loaded. */
  knowledgeLoaded(): boolean;
  /**
   * Reads knowledge/ again and, when it validates, answers from it from the next question on (the answer cache
   * starts afresh); a broken folder keeps the current knowledge and is reported in the outcome and the log.
   */
  reloadKnowledge(): Promise<ReloadOutcome>;
  bot: Bot;
  /** Reminder scheduling, the console's messenger and the worker; delivery starts with `startReminders`. */
  reminders: ReminderRuntime;
  /**
   * Builds the reminder delivery (once) over the messengers the adapters returned, and starts the one worker that
   * takes their platforms' due reminders in this process. Resolves with the delivery (tests drive it directly).
   */
  startReminders(messengers: MessengerRegistry, options?: { afterMs?: number }): Promise<ReminderDelivery>;
  /** Closes connections; safe to call twice. */
  close(): Promise<void>;
}

export const systemClock: Clock = { now: () => new Date() };

/** Adds `/iop glöm-mig`, which asks every other feature to forget the user. */
function withPrivacy(features: Feature[]): Feature[] {
  return [createPrivacyFeature(() => features), ...features];
}

function contentOf(folder: KnowledgeFolder) {
  return {
    knowledge: new MiniSearchKnowledgeBase(folder.documents),
    municipalities: createMunicipalityDirectory(folder.municipalities),
  };
}

function refill<K, V>(target: Map<K, V>, from: ReadonlyMap<K, V>): void {
  target.clear();
  for (const [key, value] of from) target.set(key, value);
}

/** Builds the runtime: state store, knowledge, features, bot. */
export async function createRuntime(
  config: Config,
  logger: Logger,
  options: { serving: boolean; clock?: Clock; telemetry?: Telemetry },
): Promise<Runtime> {
  const clock = options.clock ?? systemClock;
  const onCorrupt = (corrupt: { collection: string; id: string; reason: string }) =>
    logger.warn({ corrupt }, 'stored data was unreadable and has been reset');
  const closers: Array<() => Promise<void>> = [];

  // Every configuration and knowledge problem is found before anything connects, so a refused start leaves no
  // connection behind and the process ends by itself with the message (exit code 78).
  const stateStore = chooseStateStore(config, options.serving);
  const folder = await loadKnowledgeFolder(config.KNOWLEDGE_DIR, { defaultMunicipality: config.DEFAULT_MUNICIPALITY });

  let store: StateStore;
  let stateDescription: Runtime['stateDescription'];
  if (stateStore === 'redis' && config.REDIS_URL) {
    const redis: Redis = createRedisConnection(config.REDIS_URL, 'state');
    redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
    await connectRedis(redis, config.REDIS_URL);
    closers.push(async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
    store = new RedisDocumentStore(redis, { prefix: config.REDIS_PREFIX, onCorrupt });
    stateDescription = { kind: 'redis', url: redactUrl(config.REDIS_URL) };
  } else {
    store = new MemoryDocumentStore(clock, onCorrupt);
    stateDescription = { kind: 'memory' };
  }

  // Reminders live where state lives: BullMQ on the same Redis, or in-process timers with the memory store.
  const reminders = await createReminderRuntime({
    clock,
    logger,
    redis:
      stateDescription.kind === 'redis' && config.REDIS_URL
        ? { url: config.REDIS_URL, prefix: config.REDIS_PREFIX }
        : undefined,
    leaseMs: config.REMINDER_LEASE_SECONDS * 1000,
  });
  closers.push(() => reminders.close());
  const remindersFeature = createRemindersFeature({
    store,
    scheduler: reminders.scheduler,
    telemetry: options.telemetry,
    leaseMs: config.REMINDER_LEASE_SECONDS * 1000,
  });

  const holder = createKnowledgeHolder(contentOf(folder));
  const { knowledge, municipalities } = holder;
  for (const warning of folder.warnings) logger.warn({ warning }, 'knowledge');
  const questions = createQaFeature({
    store,
    knowledge,
    municipalities,
    logger,
    telemetry: options.telemetry,
    knowledgeGeneration: holder.generation,
  });
  // Checklists and sources are read per use from these maps; a reload refills them in place.
  const checklists = new Map(folder.checklists);
  const sources = new Map(folder.sources);
  const checklist = createChecklistFeature({
    store,
    checklists,
    ttlMs: config.CHECKLIST_TTL_DAYS * 24 * 60 * 60 * 1000,
    source: (id) => sources.get(id),
    telemetry: options.telemetry,
    datedDocuments: () => knowledge.datedDocuments(),
  });
  const bot = createBot({
    store,
    clock,
    logger,
    municipalities,
    settings: {
      defaultLocale: config.DEFAULT_LOCALE,
      defaultTimeZone: config.DEFAULT_TIMEZONE,
      defaultMunicipality: config.DEFAULT_MUNICIPALITY,
      rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    },
    telemetry: options.telemetry,
    features: withPrivacy([
      remindersFeature,
      checklist,
      questions,
      createHelpFeature(),
      createSettingsFeature({ store, municipalities }),
    ]),
  });

  const reloadKnowledge = async (): Promise<ReloadOutcome> => {
    const checked = await checkKnowledgeFolder(config.KNOWLEDGE_DIR, {
      defaultMunicipality: config.DEFAULT_MUNICIPALITY,
    });
    if (!checked.ok) {
      logger.error({ problems: checked.problems }, 'knowledge reload refused; the knowledge in use is kept');
      return { ok: false, problems: checked.problems };
    }
    const next = checked.folder;
    holder.replace(contentOf(next));
    refill(checklists, next.checklists);
    refill(sources, next.sources);
    for (const warning of next.warnings) logger.warn({ warning }, 'knowledge');
    logger.info({ documents: next.documents.length }, 'knowledge reloaded');
    return { ok: true, documents: next.documents.length, municipalities: next.municipalities.length };
  };
  if (stateDescription.kind === 'redis' && config.REDIS_URL && options.serving) {
    const stop = await listenForReloads({
      url: config.REDIS_URL,
      prefix: config.REDIS_PREFIX,
      reload: reloadKnowledge,
      logger,
    });
    closers.push(stop);
  }

  let delivery: ReminderDelivery | undefined;
  async function startReminders(messengers: MessengerRegistry, startOptions: { afterMs?: number } = {}) {
    if (delivery) throw new Error('reminder delivery is built once per process');
    delivery = createReminderDelivery({
      store,
      scheduler: reminders.scheduler,
      clock,
      logger,
      messengers,
      render: bot.handleReminder,
      telemetry: options.telemetry,
      leaseMs: config.REMINDER_LEASE_SECONDS * 1000,
    });
    const platforms = PLATFORMS.filter((platform) => messengers[platform] !== undefined);
    await reminders.startWorker(platforms, delivery, startOptions);
    return delivery;
  }

  let closed = false;
  return {
    config,
    logger,
    clock,
    store,
    stateDescription,
    municipalities,
    knowledge,
    // An empty or unmounted knowledge folder loads without error, yet such an instance could answer nothing.
    knowledgeLoaded: () => checklists.size > 0 && LOCALES.every((locale) => knowledge.passages(locale).length > 0),
    reloadKnowledge,
    bot,
    reminders,
    startReminders,
    close: async () => {
      if (closed) return;
      closed = true;
      for (const close of closers.reverse()) await close();
    },
  };
}
