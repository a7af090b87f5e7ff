import { createTeamsAdapter } from '../../src/adapters/teams/app.ts';
import { parseActivity } from '../../src/adapters/teams/inbound.ts';
import { loadConfig } from '../../src/config.ts';
import type { ConversationAddress } from '../../src/core/model.ts';
import { RedisDocumentStore } from '../../src/infra/redis-document-store.ts';
import { messengerContract } from '../reminders/messenger.contract.ts';
import { silentLogger, testBot, testMunicipalities } from '../support/bot.ts';
import { FakeClock } from '../support/clock.ts';
import { type ConnectorCall, startBotConnector } from '../support/bot-connector.ts';
import { testRedis, uniquePrefix } from '../support/redis.ts';
import { cardOf } from './cards.ts';
import { personalMessage } from './fixtures.ts';

const OWNER = { id: '29:U0042', aadObjectId: 'U0042', name: 'Anna Andersson' };
const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"' };

/** What a person reads in Teams: mentions as @name, links as their text, entities decoded. */
function readable(call: ConnectorCall): string {
  const card = cardOf(call.activity);
  const raw = card ? card.body.map((e) => e.text ?? '').join('\n') : String(call.activity.text ?? '');
  return raw
    .replace(/<at>(.*?)<\/at>/g, '@$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/&(lt|gt|amp|quot);/g, (m) => ENTITIES[m] ?? m);
}

let conversations = 0;

// The Teams messenger against the Bot Connector stand-in at serviceUrl, references in real Redis.
messengerContract('teams', async () => {
  const connector = await startBotConnector();
  const prefix = uniquePrefix('teams-messenger-contract');
  const redis = testRedis(prefix);
  const store = new RedisDocumentStore(redis.redis, { prefix });
  const config = loadConfig({ NODE_ENV: 'test', TEAMS_LOCAL_NOAUTH: '1' });
  const clock = new FakeClock();
  const teams = createTeamsAdapter({
    config,
    bot: testBot({ store, clock }).bot,
    store,
    logger: silentLogger,
    clock,
    municipalities: testMunicipalities,
  });
  const conversationOf = (address: ConversationAddress) =>
    (address.reference as { conversation: { id: string } }).conversation.id;

  const reachable = async (): Promise<ConversationAddress> => {
    const id = `a:1contract-${++conversations}-${prefix}`;
    const activity = personalMessage(connector.serviceUrl, 'påminn mig', {
      from: OWNER,
      conversation: { conversationType: 'personal', tenantId: 'contract-tenant', id },
    });
    const parsed = parseActivity(activity);
    if (parsed.kind !== 'turn') throw new Error(parsed.kind);
    return parsed.turn.conversation;
  };

  return {
    messenger: teams.messenger,
    platform: 'teams',
    reachable,
    seen: async (address) =>
      connector
        .messages()
        .filter((c) => c.conversationId === conversationOf(address))
        .map(readable),
    mentionOf: (userId) => (userId.endsWith(':U0042') ? `@${OWNER.name}` : `@${userId}`),
    gone: async () => {
      const address = await reachable();
      connector.failFor(conversationOf(address), {
        status: 403,
        code: 'BotNotInConversationRoster',
        message: 'The bot is not part of the conversation roster.',
      });
      return address;
    },
    outage: async () => {
      const address = await reachable();
      connector.failFor(conversationOf(address), { status: 503, code: 'ServiceUnavailable', message: 'try later' });
      return { messenger: teams.messenger, address };
    },
    cleanup: async () => {
      await teams.stop();
      await connector.close();
      await redis.cleanup();
    },
  };
});
