import { z } from 'zod';
import type { CoreLogger } from '../../core/ports/logger.ts';
import type { Locale, TurnUser } from '../../core/model.ts';
import { isKnownTimeZone } from '../../core/reminders/time/wall-clock.ts';
import type { Clock } from '../../core/ports/clock.ts';
import type { Collection, DocumentStore } from '../../core/ports/document-store.ts';
import { slackUserId } from './conversation-key.ts';
import type { SlackWebApi } from './web-api.ts';

const profileSchema = z.object({
  name: z.string().optional(),
  locale: z.enum(['sv', 'en']).optional(),
  timeZone: z.string().optional(),
  fetchedAt: z.string(),
});
type SlackProfile = z.infer<typeof profileSchema>;

/** users.info answers, cached for a day: people rarely change language or time zone, and the call is rate limited. */
export const SLACK_PROFILES: Collection<SlackProfile> = {
  name: 'slack-profile',
  version: 1,
  schema: profileSchema,
  ttlMs: 24 * 60 * 60 * 1000,
};

const LOCAL_TTL_MS = 60_000;
const LOCAL_LIMIT = 10_000;

function localeOf(slackLocale: string | undefined): Locale | undefined {
  const language = slackLocale?.toLowerCase().split(/[-_]/)[0];
  return language === 'sv' || language === 'en' ? language : undefined;
}

function validTimeZone(zone: string | undefined): string | undefined {
  return zone && isKnownTimeZone(zone) ? zone : undefined;
}

/** Looks up who a Slack user is (name, language, time zone) for the core's TurnUser. */
export interface UserProfiles {
  turnUser(team: string, user: string): Promise<TurnUser>;
}

/**
 * users.info, cached in the store with a TTL. The cache is a convenience: while the store is away the profile is
 * asked of Slack and not cached. A lookup that fails leaves the user without platform settings (the deployment
 * defaults apply). Neither fails the turn. Concurrent lookups for one user share one call.
 */
export function createUserProfiles(deps: {
  store: DocumentStore;
  web: SlackWebApi;
  clock: Clock;
  logger: CoreLogger;
}): UserProfiles {
  const pending = new Map<string, Promise<SlackProfile | null>>();
  // A minute in this process in front of the store: a busy user's messages need not each read Redis.
  const local = new Map<string, { profile: SlackProfile; untilMs: number }>();

  async function fetchProfile(team: string, user: string): Promise<SlackProfile | null> {
    const cacheId = `${team}:${user}`;
    const cached = await deps.store.load(SLACK_PROFILES, cacheId).catch((error: unknown) => {
      deps.logger.warn({ err: error, user }, 'slack profile cache unreadable; asking Slack');
      return null;
    });
    if (cached) return cached;
    let profile: SlackProfile;
    try {
      const info = await deps.web.userInfo(user);
      profile = {
        name: info.name,
        locale: localeOf(info.locale),
        timeZone: validTimeZone(info.tz),
        fetchedAt: deps.clock.now().toISOString(),
      };
    } catch (error) {
      deps.logger.warn({ err: error, user }, 'users.info failed; using deployment defaults for this user');
      return null;
    }
    await deps.store
      .update(SLACK_PROFILES, cacheId, () => profile)
      .catch((error: unknown) => {
        deps.logger.warn({ err: error, user }, 'slack profile not cached; the next lookup asks Slack again');
      });
    return profile;
  }

  return {
    async turnUser(team, user) {
      const cacheId = `${team}:${user}`;
      const nowMs = deps.clock.now().getTime();
      const cached = local.get(cacheId);
      let profile = cached && cached.untilMs > nowMs ? cached.profile : undefined;
      if (!profile) {
        let lookup = pending.get(cacheId);
        if (!lookup) {
          lookup = fetchProfile(team, user).finally(() => pending.delete(cacheId));
          pending.set(cacheId, lookup);
        }
        const fetched = await lookup;
        if (fetched) {
          if (local.size >= LOCAL_LIMIT) local.clear();
          local.set(cacheId, { profile: fetched, untilMs: nowMs + LOCAL_TTL_MS });
          profile = fetched;
        }
      }
      return {
        id: slackUserId(team, user),
        ...(profile?.name ? { name: profile.name } : {}),
        ...(profile?.locale ? { platformLocale: profile.locale } : {}),
        ...(profile?.timeZone ? { platformTimeZone: profile.timeZone } : {}),
      };
    },
  };
}
