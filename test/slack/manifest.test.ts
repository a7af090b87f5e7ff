import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createSlackAdapter, SLACK_EVENTS_PATH } from '../../src/adapters/slack/app.ts';
import { loadConfig } from '../../src/config.ts';
import { MemoryDocumentStore } from '../../src/infra/memory-document-store.ts';
import { silentLogger, testBot, testMunicipalities } from '../support/bot.ts';
import { FakeClock } from '../support/clock.ts';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../support/slack-requests.ts';

interface Manifest {
  features: { app_home: { home_tab_enabled: boolean }; slash_commands: Array<{ command: string; url?: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled: boolean;
  };
}

const DIR = 'manifests/slack';
const load = (file: string) => parse(readFileSync(`${DIR}/${file}`, 'utf8')) as Manifest;
const http = load('manifest.yaml');
const socket = load('manifest.socket-mode.yaml');

/** Slack's scope for each subscribed event (https://docs.slack.dev/reference/events). */
const EVENT_SCOPES: Record<string, string | null> = {
  app_mention: 'app_mentions:read',
  'message.im': 'im:history',
  'message.channels': 'channels:history',
  'message.groups': 'groups:history',
  'message.mpim': 'mpim:history',
  app_home_opened: null,
};

/** Slack's scope for each Web API method (https://docs.slack.dev/reference/methods); null: none needed. */
const METHOD_SCOPES: Record<string, string | null> = {
  'auth.test': null,
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  // chat:write since 2026-03 (assistant:write is on its way out for this method).
  'assistant.threads.setStatus': 'chat:write',
  'assistant.threads.setSuggestedPrompts': 'assistant:write',
  'chat.postEphemeral': 'chat:write',
  'views.publish': null,
  'users.info': 'users:read',
  'conversations.open': 'im:write',
  // channels:history for channels; groups: and im:history (private channels, DMs) are asked for by the events.
  'conversations.history': 'channels:history',
  'conversations.replies': 'channels:history',
  filesUploadV2: 'files:write',
};

/**
 * Web API methods the adapter's code calls, read from its source (`client.chat.postMessage(`,
 * `client.assistant.threads.setStatus(`, `client.filesUploadV2(`, `postJson('chat.postMessage'`).
 */
function methodsCalled(): string[] {
  const dir = 'src/adapters/slack';
  const found = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const code = readFileSync(`${dir}/${file}`, 'utf8');
    for (const m of code.matchAll(/\bclient\.(\w+)\.(\w+)(?:\.(\w+))?\(/g)) {
      found.add([m[1], m[2], m[3]].filter(Boolean).join('.'));
    }
    for (const m of code.matchAll(/\bclient\.(filesUploadV2|apiCall)\(/g)) found.add(m[1]!);
    for (const m of code.matchAll(/\bpostJson\('([\w.]+)'/g)) found.add(m[1]!);
  }
  return [...found].sort();
}

function adapter() {
  const config = loadConfig({ SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET });
  const clock = new FakeClock();
  const store = new MemoryDocumentStore(clock);
  return createSlackAdapter({
    config,
    logger: silentLogger,
    store,
    clock,
    bot: testBot({ store }).bot,
    municipalities: testMunicipalities,
  });
}

describe('Slack manifests', () => {
  it('ship as YAML and as identical JSON', () => {
    expect(JSON.parse(readFileSync(`${DIR}/manifest.json`, 'utf8'))).toEqual(http);
    expect(JSON.parse(readFileSync(`${DIR}/manifest.socket-mode.json`, 'utf8'))).toEqual(socket);
  });

  it('send events, the slash command and interactivity to /slack/events over HTTP', () => {
    const urls = [
      http.settings.event_subscriptions.request_url,
      http.settings.interactivity.request_url,
      ...http.features.slash_commands.map((c) => c.url),
    ];
    for (const url of urls) expect(new URL(String(url)).pathname).toBe(SLACK_EVENTS_PATH);
    expect(http.settings.socket_mode_enabled).toBe(false);
  });

  it('differ in Socket Mode only by having no request URLs', () => {
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socket)).not.toMatch(/request_url|"url"/);
    const strip = (m: Manifest) =>
      JSON.parse(
        JSON.stringify(m, (key, value) =>
          ['request_url', 'url', 'socket_mode_enabled'].includes(key) ? undefined : value,
        ),
      );
    expect(strip(socket)).toEqual(strip(http));
  });

  it('subscribe exactly the events the code listens to', () => {
    const listened = adapter().registrations.events;
    const subscribed = http.settings.event_subscriptions.bot_events;
    for (const event of subscribed) expect(listened).toContain(event.split('.')[0]);
    for (const event of listened) expect(subscribed.some((s) => s.split('.')[0] === event)).toBe(true);
  });

  it('declare the slash command the code handles, and interactivity for its buttons', () => {
    const registrations = adapter().registrations;
    expect(http.features.slash_commands.map((c) => c.command)).toEqual(registrations.commands);
    expect(http.settings.interactivity.is_enabled).toBe(registrations.actions);
    expect(http.features.app_home.home_tab_enabled).toBe(true);
  });

  it('ask for every scope the code needs and no other', () => {
    const methods = methodsCalled();
    expect(methods).toContain('chat.postMessage');
    const unknown = methods.filter((m) => !(m in METHOD_SCOPES));
    expect(unknown, 'add the scope of these methods to METHOD_SCOPES and the manifest').toEqual([]);
    const needed = new Set<string>(['commands']);
    for (const m of methods) if (METHOD_SCOPES[m]) needed.add(METHOD_SCOPES[m]!);
    for (const e of http.settings.event_subscriptions.bot_events) {
      expect(e in EVENT_SCOPES, `scope of event ${e}`).toBe(true);
      if (EVENT_SCOPES[e]) needed.add(EVENT_SCOPES[e]!);
    }
    expect([...http.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });
});
