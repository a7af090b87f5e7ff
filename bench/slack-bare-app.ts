// The baseline for bench/slack.bench.ts: a bare Bolt app, as a developer would start one, that answers every
// app_mention with a fixed reply in its thread. Run as a child process; prints `READY <port>` when listening.
import { App, LogLevel } from '@slack/bolt';

const [token, signingSecret, apiUrl, port] = process.argv.slice(2);
const app = new App({ token, signingSecret, clientOptions: { slackApiUrl: apiUrl }, logLevel: LogLevel.ERROR });
app.event('app_mention', async ({ event, client }) => {
  await client.chat.postMessage({ channel: event.channel, thread_ts: event.thread_ts ?? event.ts, text: 'Hej!' });
});
await app.start(Number(port));
console.log(`READY ${port}`);
process.on('SIGTERM', () => {
  void app.stop().finally(() => process.exit(0));
});
