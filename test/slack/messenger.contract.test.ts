import { afterAll } from 'vitest';
import { createSlackAdapter } from '../../src/adapters/slack/app.ts';
import { conversationOf } from '../../src/adapters/slack/inbound.ts';
import { loadConfig } from '../../src/config.ts';
import type { ConversationAddress } from '../../src/core/model.ts';
import { MemoryDocumentStore } from '../../src/infra/memory-document-store.ts';
import { messengerContract } from '../reminders/messenger.contract.ts';
import { silentLogger, testBot, testMunicipalities } from '../support/bot.ts';
import { FakeClock } from '../support/clock.ts';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../support/slack-requests.ts';
import { type RecordedCall, startSlackWebApi } from '../support/slack-web-api.ts';

const api = await startSlackWebApi();
afterAll(() => api.close());
api.fail('chat.postMessage', { error: 'channel_not_found' }, { times: 1000, when: (args) => args.channel === 'CGONE' });

function messengerOver(apiUrl: string) {
  const config = loadConfig({
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
  });
  const clock = new FakeClock();
  const store = new MemoryDocumentStore(clock);
  const adapter = createSlackAdapter({
    config,
    logger: silentLogger,
    store,
    clock,
    bot: testBot({ store }).bot,
    municipalities: testMunicipalities,
  });
  return adapter.messenger;
}

/** What a person reads in a posted message: the mrkdwn of its blocks, with Slack's escapes shown as characters. */
function readable(call: RecordedCall): string {
  const texts: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record.type === 'mrkdwn' && typeof record.text === 'string') texts.push(record.text);
      else Object.values(record).forEach(visit);
    }
  };
  visit(call.args.blocks);
  return texts.join('\n').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

let channels = 0;
const thread = (channel: string): ConversationAddress =>
  conversationOf({ team: 'T1', channel, isDm: false, threadTs: '1700000000.000100' }, 'U1');

messengerContract('slack', async () => ({
  messenger: messengerOver(api.url),
  platform: 'slack',
  reachable: async () => thread(`CMSG${++channels}`),
  seen: async (address) =>
    api
      .callsTo('chat.postMessage')
      .filter(
        (c) =>
          c.status === 200 &&
          c.args.channel === address.reference?.channel &&
          c.args.thread_ts === address.reference?.threadTs,
      )
      .map(readable),
  mentionOf: (userId) => `<@${userId.split(':').pop()}>`,
  gone: async () => thread('CGONE'),
  // Nothing listens on port 9: every call fails the way a network outage does.
  outage: async () => ({ messenger: messengerOver('http://127.0.0.1:9/api/'), address: thread('COUTAGE') }),
}));
