// One bot instance for bench/reminders.bench.ts: a BullMQ worker running the real delivery path (claim, render with
// bot.handleReminder, send, record) against a counting messenger that reports each delivery to the parent over IPC.
import { Redis } from 'ioredis';
import { createBot } from '../src/core/bot.ts';
import { createMunicipalityDirectory } from '../src/core/municipalities.ts';
import type { Messenger } from '../src/core/ports/messenger.ts';
import { createReminderDelivery } from '../src/core/reminders/delivery.ts';
import { RedisDocumentStore } from '../src/infra/redis-document-store.ts';
import { BullmqReminderScheduler } from '../src/infra/reminders/bullmq-reminder-scheduler.ts';

/** [reminderId, occurrence, dueAt epoch ms, deliveredAt epoch ms] */
export type DeliveryRecord = [string, number, number, number];

const [url = 'redis://127.0.0.1:6379', prefix = 'bench', concurrency = '50'] = process.argv.slice(2);
const clock = { now: () => new Date() };
const logger = { debug() {}, info() {}, warn() {}, error() {} };

const stateConnection = new Redis(url, { maxRetriesPerRequest: 1 });
const queueConnection = new Redis(url, { maxRetriesPerRequest: null });
const store = new RedisDocumentStore(stateConnection, { prefix });
const scheduler = new BullmqReminderScheduler({ connection: queueConnection, prefix: `${prefix}:bull`, clock, logger });
const bot = createBot({
  store,
  clock,
  logger,
  municipalities: createMunicipalityDirectory([]),
  settings: { defaultLocale: 'sv', defaultTimeZone: 'Europe/Stockholm' },
  features: [],
});

let batch: DeliveryRecord[] = [];
const flush = () => {
  if (batch.length === 0) return;
  process.send?.({ kind: 'delivered', records: batch });
  batch = [];
};
const flusher = setInterval(flush, 100);

/** The counting sink: a delivery is recorded the moment the platform call would have returned. */
const sink: Messenger = {
  send: async (_address, replies) => {
    const done = replies[0]?.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))[0];
    const { id, occ } = JSON.parse(done?.value ?? '{}') as { id: string; occ: number };
    const dueAt = Number(id.split('-')[2]);
    batch.push([id, occ, dueAt, Date.now()]);
    return { status: 'delivered' };
  },
};

const delivery = createReminderDelivery({
  store,
  scheduler,
  clock,
  logger,
  messengers: { slack: sink },
  render: bot.handleReminder,
});
const worker = scheduler.startWorker(['slack'], delivery.handleDue, { concurrency: Number(concurrency) });

process.on('message', async (message: { kind: string }) => {
  if (message.kind !== 'stop') return;
  await worker.close();
  await scheduler.close();
  flush();
  clearInterval(flusher);
  stateConnection.disconnect();
  queueConnection.disconnect();
  process.send?.({ kind: 'stopped' }, () => process.exit(0));
});
process.send?.({ kind: 'ready' });
