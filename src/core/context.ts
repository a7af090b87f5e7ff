import type { Translate } from './i18n/translator.ts';
import type { Locale, Turn } from './model.ts';
import type { Municipality } from './municipalities.ts';
import type { Prefetched } from './prefetch.ts';
import type { UserPrefs } from './state.ts';

/** Everything a feature needs to answer one turn, resolved once by the bot. */
export interface TurnContext {
  turn: Turn;
  now: Date;
  prefs: UserPrefs | null;
  /** Explicit choice > what the platform reports > deployment default. */
  locale: Locale;
  timeZone: string;
  /** The user's municipality, else the deployment's. */
  municipality?: Municipality;
  t: Translate;
  /** Documents features asked for (Feature.prefetch), read with the turn's admission; absent without a store. */
  prefetched?: Prefetched;
}

/** Deployment defaults the core needs (a slice of Config, so the core never reads the environment). */
export interface BotSettings {
  defaultLocale: Locale;
  defaultTimeZone: string;
  defaultMunicipality?: string;
  /** Turns one user may start per minute before getting a polite "slow down"; 0 turns the limit off. */
  rateLimitPerMinute?: number;
}
