import { afterAll, beforeAll, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { buttonPress, mentionEvent, slashCommand } from './fixtures.ts';
import { type SlackHarness, startSlackHarness, textOf } from './harness.ts';

/** Slack's side of Socket Mode: a WebSocket server that says hello, sends envelopes and collects acks. */
let wss: WebSocketServer;
let socket: WebSocket;
const acks: string[] = [];
let h: SlackHarness;
let envelopes = 0;

function send(type: 'events_api' | 'slash_commands' | 'interactive', payload: unknown, retryAttempt = 0): string {
  const envelope_id = `env-${++envelopes}`;
  socket.send(
    JSON.stringify({
      envelope_id,
      payload,
      type,
      accepts_response_payload: type !== 'events_api',
      retry_attempt: retryAttempt,
      retry_reason: retryAttempt ? 'timeout' : '',
    }),
  );
  return envelope_id;
}

async function acked(id: string): Promise<void> {
  for (let i = 0; i < 100 && !acks.includes(id); i++) await new Promise((r) => setTimeout(r, 20));
  expect(acks).toContain(id);
}

beforeAll(async () => {
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  const connected = new Promise<void>((resolve) => {
    wss.on('connection', (ws) => {
      socket = ws;
      ws.on('message', (data) => acks.push((JSON.parse(String(data)) as { envelope_id: string }).envelope_id));
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'applink-test', approximate_connection_time: 18060 },
          connection_info: { app_id: 'A0IOPASSIST' },
        }),
      );
      resolve();
    });
  });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const port = (wss.address() as { port: number }).port;
  h = await startSlackHarness('socket', { env: { SLACK_APP_TOKEN: 'xapp-1-A0IOPASSIST-1-test' }, start: false });
  h.api.socketUrl = `ws://127.0.0.1:${port}/link/?ticket=test`;
  await h.adapter.start();
  await connected;
});
afterAll(async () => {
  await h.close();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
});

it('runs in Socket Mode when SLACK_APP_TOKEN is set, with no /slack/events route', async () => {
  expect(h.adapter.mode).toBe('socket');
  expect(h.api.callsTo('apps.connections.open')).toHaveLength(1);
  expect((await fetch(h.eventsUrl, { method: 'POST', body: '{}' })).status).toBe(404);
});

it('answers a mention once, acknowledging every delivery including a redelivery (retry_attempt)', async () => {
  const event = mentionEvent({ text: '<@UBOT> hej' });
  const first = send('events_api', event);
  const [post] = await h.api.waitFor('chat.postMessage');
  expect(post!.args).toMatchObject({ channel: 'C1', thread_ts: event.event.ts });
  const again = send('events_api', event, 1);
  await acked(first);
  await acked(again);
  await h.settle();
  expect(h.api.callsTo('chat.postMessage')).toHaveLength(1);
});

it('takes slash commands and button presses over the socket', async () => {
  const command = send(
    'slash_commands',
    slashCommand({ text: 'hjälp', channel: 'D1', responseUrl: h.api.responseUrl('s1') }),
  );
  await acked(command);
  const posts = await h.api.waitFor('chat.postMessage', 2);
  expect(textOf(posts[1]!.args)).toMatch(/så här hjälper jag dig/);
  const press = send('interactive', buttonPress({ actionId: 'settings:lang', value: 'en', channel: 'D1' }));
  await acked(press);
  const after = await h.api.waitFor('chat.postMessage', 3);
  expect(after[2]!.args.text).toMatch(/^Done! I will answer in English/);
});
