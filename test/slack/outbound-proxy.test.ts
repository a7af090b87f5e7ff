import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { createOutboundProxy, proxySettingsOf } from '../../src/adapters/slack/outbound-proxy.ts';
import { createSlackWebApi } from '../../src/adapters/slack/web-api.ts';
import { loadConfig } from '../../src/config.ts';
import { type ForwardProxyStandIn, startForwardProxy } from '../support/forward-proxy.ts';
import { postCommand, postEvent, TEST_BOT_TOKEN } from '../support/slack-requests.ts';
import { startSlackWebApi } from '../support/slack-web-api.ts';
import { mentionEvent, slashCommand } from './fixtures.ts';
import { type SlackHarness, startSlackHarness, textOf } from './harness.ts';

/** A loopback port nobody listens on: what the app is told is Slack, reachable only through the proxy's route. */
async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

let proxy: ForwardProxyStandIn;
let slackHost: string;
beforeAll(async () => {
  proxy = await startForwardProxy();
  slackHost = `localhost:${await unusedPort()}`;
});
afterAll(() => proxy.close());
afterEach(() => {
  proxy.connects.length = 0;
  proxy.routes.clear();
});

describe('Slack over a forward proxy (HTTP_PROXY / HTTPS_PROXY)', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness('proxy-http', {
      env: { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, SLACK_API_URL: `http://${slackHost}/api/` },
    });
    h.api.origin = `http://${slackHost}`;
  });
  afterAll(() => h.close());

  it('answers a mention with every Web API call tunnelled through the proxy', async () => {
    proxy.routes.set(slackHost, Number(new URL(h.api.url).port));
    await postEvent(h.eventsUrl, mentionEvent({ text: '<@UBOT> hej' }));
    const [post] = await h.api.waitFor('chat.postMessage');
    expect(post!.args.channel).toBe('C1');
    expect(proxy.connects).toContain(slackHost);
  });

  it('answers through response_url by way of the proxy', async () => {
    proxy.routes.set(slackHost, Number(new URL(h.api.url).port));
    h.api.fail('chat.postMessage', { error: 'not_in_channel' });
    await postCommand(
      h.eventsUrl,
      slashCommand({ text: 'help', channel: 'CPRIV', responseUrl: `http://${slackHost}/response/help-1` }),
    );
    const [response] = await h.api.waitFor('response_url');
    expect(response!.args.id).toBe('help-1');
    expect(textOf(response!.args)).toMatch(/så här hjälper jag dig/);
  });
});

describe('which proxy a Web API call takes', () => {
  it('reads the variables as curl does, and names one it cannot use', () => {
    expect(proxySettingsOf(loadConfig({ https_proxy: 'proxy.example.se:8080', NO_PROXY: '.kommun.se' }))).toEqual({
      httpsProxy: 'http://proxy.example.se:8080',
      httpProxy: undefined,
      noProxy: '.kommun.se',
    });
    expect(
      proxySettingsOf(loadConfig({ HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:1' })).httpsProxy,
    ).toBe('http://lower:1');
    expect(createOutboundProxy(proxySettingsOf(loadConfig({ NO_PROXY: 'localhost' })))).toBeUndefined();
    expect(() => loadConfig({ HTTPS_PROXY: 'socks5://proxy.example.se:1080' })).toThrow(/HTTPS_PROXY: .*http:\/\//);
  });

  it('sends https calls through HTTPS_PROXY alone, as a CONNECT to Slack', async () => {
    const config = loadConfig({ HTTPS_PROXY: proxy.url });
    const transport = createOutboundProxy(proxySettingsOf(config));
    const web = createSlackWebApi({
      token: TEST_BOT_TOKEN,
      apiUrl: `https://${slackHost}/api/`,
      logger: silentLogger,
      fetch: transport?.fetch,
    });
    try {
      // The stand-in refuses the tunnel (403): the call fails, but it was asked for through the proxy.
      await expect(web.authTest()).rejects.toThrow();
      expect(proxy.connects).toContain(slackHost);
    } finally {
      await transport?.close();
    }
  });

  it('goes direct to a host listed in NO_PROXY', async () => {
    const api = await startSlackWebApi();
    const config = loadConfig({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
    const transport = createOutboundProxy(proxySettingsOf(config));
    const web = createSlackWebApi({
      token: TEST_BOT_TOKEN,
      apiUrl: api.url,
      logger: silentLogger,
      fetch: transport?.fetch,
    });
    try {
      expect(await web.authTest()).toMatchObject({ botUserId: 'UBOT' });
      expect(proxy.connects).toEqual([]);
    } finally {
      await transport?.close();
      await api.close();
    }
  });

  it('uploads a file through the proxy as multipart form data, its content intact', async () => {
    const api = await startSlackWebApi();
    api.origin = `http://${slackHost}`;
    proxy.routes.set(slackHost, Number(new URL(api.url).port));
    const transport = createOutboundProxy(proxySettingsOf(loadConfig({ HTTP_PROXY: proxy.url })));
    const web = createSlackWebApi({
      token: TEST_BOT_TOKEN,
      apiUrl: `http://${slackHost}/api/`,
      logger: silentLogger,
      fetch: transport?.fetch,
    });
    try {
      await web.uploadFile({ channel: 'C1', filename: 'sammanfattning.md', content: '# Röda korset – läxhjälp' });
      const [upload] = api.callsTo('file_upload');
      expect(String(upload!.args.content)).toMatch(/Content-Disposition: form-data[\s\S]*# Röda korset – läxhjälp/);
      expect(api.callsTo('files.completeUploadExternal')).toHaveLength(1);
    } finally {
      await transport?.close();
      await api.close();
    }
  });
});

describe('Socket Mode over a forward proxy', () => {
  let wss: WebSocketServer;
  let h: SlackHarness | undefined;

  beforeAll(async () => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  });
  afterAll(async () => {
    await h?.close();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });

  it('opens the WebSocket through the proxy too', async () => {
    const connected = new Promise<WebSocket>((resolve) => {
      wss.on('connection', (ws) => {
        ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0IOPASSIST' } }));
        resolve(ws);
      });
    });
    h = await startSlackHarness('proxy-socket', {
      env: {
        SLACK_APP_TOKEN: 'xapp-1-A0IOPASSIST-1-test',
        HTTPS_PROXY: proxy.url,
        HTTP_PROXY: proxy.url,
        SLACK_API_URL: `http://${slackHost}/api/`,
      },
      start: false,
    });
    // Slack's socket address, too, is one only the proxy can reach.
    const linkHost = `localhost:${await unusedPort()}`;
    proxy.routes.set(slackHost, Number(new URL(h.api.url).port));
    proxy.routes.set(linkHost, (wss.address() as { port: number }).port);
    h.api.socketUrl = `ws://${linkHost}/link/?ticket=test`;
    await h.adapter.start();
    await connected;
    expect(h.api.callsTo('apps.connections.open')).toHaveLength(1);
    expect(proxy.connects).toEqual(expect.arrayContaining([slackHost, linkHost]));
  });
});
