import { fileURLToPath } from 'node:url';
import { createBot } from '../../src/core/bot.ts';
import { createHelpFeature } from '../../src/core/features/help.ts';
import { createPrivacyFeature } from '../../src/core/features/privacy.ts';
import { createSettingsFeature } from '../../src/core/features/settings.ts';
import type { Feature } from '../../src/core/feature.ts';
import type { Button, Reply } from '../../src/core/model.ts';
import {
  createMunicipalityDirectory,
  type Municipality,
  type MunicipalityDirectory,
} from '../../src/core/municipalities.ts';
import type { DocumentStore } from '../../src/core/ports/document-store.ts';
import type { KnowledgeBase } from '../../src/core/qa/knowledge-base.ts';
import { createQaFeature } from '../../src/core/qa/qa-feature.ts';
import { plainText } from '../../src/core/reply.ts';
import { loadKnowledgeBase } from '../../src/infra/knowledge/load-knowledge-base.ts';
import { MemoryDocumentStore } from '../../src/infra/memory-document-store.ts';
import { loadMunicipalities } from '../../src/infra/municipality-loader.ts';
import { silentLogger } from '../support/bot.ts';
import { FakeClock } from '../support/clock.ts';

export const KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge', import.meta.url));

let shipped: Promise<{ knowledge: KnowledgeBase; municipalities: Municipality[] }> | undefined;

/** The shipped knowledge base and the municipality directory over it, as `answerQuestion` takes them. */
export async function shippedQaDeps(): Promise<{ knowledge: KnowledgeBase; municipalities: MunicipalityDirectory }> {
  const shipped = await shippedKnowledge();
  return { knowledge: shipped.knowledge, municipalities: createMunicipalityDirectory(shipped.municipalities) };
}

/** The shipped knowledge base and municipalities, loaded once per test file. */
export function shippedKnowledge() {
  shipped ??= (async () => ({
    knowledge: (await loadKnowledgeBase(KNOWLEDGE_DIR)).knowledge,
    municipalities: await loadMunicipalities(KNOWLEDGE_DIR),
  }))();
  return shipped;
}

/** A bot with the question feature over the shipped knowledge; `contacts` sets municipalities' IOP contacts. */
export async function qaBot(
  options: {
    store?: DocumentStore;
    clock?: FakeClock;
    defaultMunicipality?: string;
    contacts?: Record<string, string>;
  } = {},
) {
  const { knowledge, municipalities: list } = await shippedKnowledge();
  const municipalities = createMunicipalityDirectory(
    list.map((m) => (options.contacts?.[m.id] ? { ...m, contact: options.contacts[m.id] } : m)),
  );
  const clock = options.clock ?? new FakeClock();
  const store = options.store ?? new MemoryDocumentStore(clock);
  const features: Feature[] = [];
  const bot = createBot({
    store,
    clock,
    logger: silentLogger,
    municipalities,
    settings: {
      defaultLocale: 'sv',
      defaultTimeZone: 'Europe/Stockholm',
      defaultMunicipality: options.defaultMunicipality,
    },
    features,
  });
  features.push(
    createPrivacyFeature(() => features),
    createQaFeature({ store, knowledge, municipalities, logger: silentLogger }),
    createHelpFeature(),
    createSettingsFeature({ store, municipalities }),
  );
  return { bot, store, clock, knowledge, municipalities };
}

/** Everything the replies say, as plain text. */
export function textOf(replies: Reply[]): string {
  return replies.map((r) => plainText(r.blocks)).join('\n');
}

/** Every button of the replies. */
export function buttonsOf(replies: Reply[]): Button[] {
  return replies.flatMap((r) => r.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : [])));
}
