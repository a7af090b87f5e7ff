// The baseline for bench/teams.bench.ts: a bare Teams SDK app (@microsoft/teams.apps), as a developer would start
// one for local use (no credentials, unauthenticated requests allowed, the SDK's own HTTP server at /api/messages),
// that answers every message, and every card press, with one fixed text reply. Run as a child process; prints
// `READY <port>` when listening.
import { format } from 'node:util';
import { App, type AppOptions, type IPlugin } from '@microsoft/teams.apps';

type SdkLogger = NonNullable<AppOptions<IPlugin>['logger']>;
/** Errors only, like the assistant's logger at `info` (the SDK's own console logger prints every request). */
const quiet: SdkLogger = {
  error: (...msg: unknown[]) => console.error(format(...msg)),
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  trace: () => undefined,
  log: (level, ...msg) => {
    if (level === 'error') console.error(format(...msg));
  },
  child: () => quiet,
};

const [port] = process.argv.slice(2);
const app = new App({ dangerouslyAllowUnauthenticatedRequests: true, logger: quiet });
app.on('message', async ({ send }) => {
  await send('Hej!');
});
// The counterpart of the assistant's button press: an Action.Execute invoke, answered with one message and a text
// invoke response.
app.on('card.action', async ({ send }) => {
  await send('Hej!');
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Hej!' } as never;
});
await app.start(Number(port));
console.log(`READY ${port}`);
process.on('SIGTERM', () => {
  void app.stop().finally(() => process.exit(0));
});
