import { createBot } from '../../src/core/bot.ts';
import type { CoreLogger } from '../../src/core/ports/logger.ts';
import { createHelpFeature } from '../../src/core/features/help.ts';
import { createPrivacyFeature } from '../../src/core/features/privacy.ts';
import { createSettingsFeature } from '../../src/core/features/settings.ts';
import type { Feature } from '../../src/core/feature.ts';
import type { Turn, TurnInput } from '../../src/core/model.ts';
import { createMunicipalityDirectory } from '../../src/core/municipalities.ts';
import type { DocumentStore } from '../../src/core/ports/document-store.ts';
import { MemoryDocumentStore } from '../../src/infra/memory-document-store.ts';
import { FakeClock } from './clock.ts';

export const silentLogger: CoreLogger = { debug() {}, info() {}, warn() {}, error() {} };

export const testMunicipalities = createMunicipalityDirectory([
  { id: 'kungalv', name: 'Kungälv', aliases: ['kungälvs kommun'], checklist: 'kungalv' },
  { id: 'ekero', name: 'Ekerö', aliases: [], checklist: 'skr' },
]);

let turnCounter = 0;

/** A console-shaped turn from `user` in `conversation`. */
export function turnOf(
  input: TurnInput | string,
  opts: { user?: string; conversation?: string; id?: string } = {},
): Turn {
  const key = opts.conversation ?? 'console:test';
  return {
    id: opts.id ?? `t${++turnCounter}`,
    conversation: { platform: 'console', key, channelKey: key, isPrivate: true },
    user: { id: opts.user ?? 'console:u1', name: 'Anna' },
    input: typeof input === 'string' ? { kind: 'message', text: input } : input,
  };
}

/** A bot over the memory store with the foundation features, plus any extra features under test. */
export function testBot(options: { store?: DocumentStore; clock?: FakeClock; features?: Feature[] } = {}) {
  const clock = options.clock ?? new FakeClock();
  const store = options.store ?? new MemoryDocumentStore(clock);
  const features: Feature[] = [];
  const bot = createBot({
    store,
    clock,
    logger: silentLogger,
    municipalities: testMunicipalities,
    settings: { defaultLocale: 'sv', defaultTimeZone: 'Europe/Stockholm' },
    features,
  });
  features.push(
    createPrivacyFeature(() => features),
    ...(options.features ?? []),
    createHelpFeature(),
    createSettingsFeature({ store, municipalities: testMunicipalities }),
  );
  return { bot, store, clock };
}
