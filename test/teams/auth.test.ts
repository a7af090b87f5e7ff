/**
 * The real authentication path of `POST /api/messages`, offline: the adapter takes its token keys from a local
 * OpenID metadata + JWKS stand-in, tokens are RS256 JWTs signed by the stand-in's key (or another), and outbound
 * tokens come from a stub. Everything is asserted at the HTTP endpoint, so the test carries over to another SDK.
 *
 * Every refusal is a 401 with no detail, one JSON log line and nothing printed to the console; it takes a bounded
 * time even when the metadata endpoint hangs.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type OpenIdStandIn, signingKey, startOpenIdStandIn } from '../support/openid-stand-in.ts';
import { parseActivity } from '../../src/adapters/teams/inbound.ts';
import { textReply } from '../../src/core/reply.ts';
import { textOf } from './cards.ts';
import { personalMessage, TENANT_ID } from './fixtures.ts';
import { startTeamsHarness, type TeamsHarness } from './harness.ts';

const APP_ID = '3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e';
// The SDK reads the outbound token's expiry, so the stub's token is JWT-shaped (unsigned: only the stand-in reads it).
const OUTBOUND_TOKEN = [
  { alg: 'none', typ: 'JWT' },
  { aud: 'https://api.botframework.com', sub: 'outbound-token-from-the-stub', exp: 4_102_444_800 },
]
  .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
  .concat('')
  .join('.');
const AUTH_ENV = {
  TEAMS_LOCAL_NOAUTH: '',
  TEAMS_APP_ID: APP_ID,
  TEAMS_APP_PASSWORD: 'client-secret',
  TEAMS_TENANT_ID: TENANT_ID,
};

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A pino logger into an array, as the server would write JSON lines. */
function capturedLogger() {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), lines };
}

// What a library would print with console.* (the Bot Framework SDK did, for rejected tokens). Installed before the adapter exists,
// so that the adapter's own routing of library output sits on top of these and only unrouted output lands here.
const printed: unknown[][] = [];
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void printed.push(args));
}

describe('Teams authentication at /api/messages', () => {
  let openId: OpenIdStandIn;
  let h: TeamsHarness;
  let serviceUrl: string;
  const log = capturedLogger();

  beforeAll(async () => {
    openId = await startOpenIdStandIn();
    h = await startTeamsHarness({
      name: 'teams-auth',
      env: AUTH_ENV,
      logger: log.logger,
      auth: {
        openIdMetadataUrl: openId.metadataUrl,
        outboundToken: async () => OUTBOUND_TOKEN,
      },
    });
    serviceUrl = h.connector.serviceUrl;
  });
  afterAll(async () => {
    await h.close();
    await openId.close();
  });
  beforeEach(() => {
    h.connector.reset();
    log.lines.length = 0;
    printed.length = 0;
  });

  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
  const validToken = (claims: Record<string, unknown> = {}) => openId.token({ appId: APP_ID, serviceUrl, claims });

  it('answers an activity with a valid token, and replies with the outbound token', async () => {
    const res = await h.post(personalMessage(serviceUrl, 'hej'), bearer(validToken()));
    expect(res.status).toBe(200);
    const [reply] = h.connector.messages();
    expect(textOf(reply)).toMatch(/Hej! Jag är IOP-assistenten/);
    expect(reply?.authorization).toBe(`Bearer ${OUTBOUND_TOKEN}`);
    expect(printed).toEqual([]);
  });

  it('posts proactively (reminders) with the outbound token too', async () => {
    const message = personalMessage(serviceUrl, 'hej');
    const parsed = parseActivity(message);
    if (parsed.kind !== 'turn') throw new Error(parsed.kind);
    const outcome = await h.teams.messenger.send(parsed.turn.conversation, [textReply('⏰ Påminnelse: ring Anna')]);
    expect(outcome).toEqual({ status: 'delivered' });
    expect(h.connector.messages().map((c) => c.authorization)).toEqual([`Bearer ${OUTBOUND_TOKEN}`]);
  });

  const now = () => Math.floor(Date.now() / 1000);
  const other = signingKey();
  const refused: Array<[string, () => Record<string, string>]> = [
    ['no token', () => ({})],
    ['a token that is not a JWT', () => bearer('not-a-jwt').headers],
    [
      'an unsigned token (alg none) naming the known key',
      () => {
        const [, claims] = validToken().split('.');
        const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: openId.key.kid })).toString(
          'base64url',
        );
        return bearer(`${header}.${claims}.`).headers;
      },
    ],
    ['another audience', () => bearer(validToken({ aud: '11111111-2222-3333-4444-555555555555' })).headers],
    ['another issuer', () => bearer(validToken({ iss: 'https://sts.example.com/' })).headers],
    ['an expired token', () => bearer(validToken({ exp: now() - 3600, nbf: now() - 7200 })).headers],
    ['a token not valid yet (nbf in the future)', () => bearer(validToken({ nbf: now() + 3600 })).headers],
    ['a token signed by an unknown key', () => bearer(openId.token({ appId: APP_ID, serviceUrl, key: other })).headers],
    [
      'a token signed by another key under the known key id',
      () => bearer(openId.token({ appId: APP_ID, serviceUrl, key: other, kid: openId.key.kid })).headers,
    ],
    [
      'a serviceurl claim that is not the activity’s',
      () => bearer(validToken({ serviceurl: 'https://smba.trafficmanager.net/emea/' })).headers,
    ],
  ];

  it.each(refused)('refuses %s: 401, no detail, one JSON log line, nothing printed', async (_case, headers) => {
    const res = await h.post(personalMessage(serviceUrl, 'hej'), { headers: headers() });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'unauthorized' });
    expect(h.connector.calls).toEqual([]);
    const lines = log.lines.filter((line) => line.level >= 30);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, msg: 'teams request refused: authentication failed' });
    expect(printed).toEqual([]);
  });

  it('refuses a valid token for an activity of a channel its key is not endorsed for', async () => {
    const webchat = { ...personalMessage(serviceUrl, 'hej'), channelId: 'webchat' };
    const res = await h.post(webchat, bearer(validToken()));
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'unauthorized' });
    expect(h.connector.calls).toEqual([]);
  });

  it('refuses a malformed activity with a valid token as a bad request', async () => {
    const res = await h.post({}, bearer(validToken()));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'malformed activity' });
    const res2 = await h.post({ type: 'message', serviceUrl: 'nope' }, bearer(validToken()));
    expect(res2.status).toBe(400);
    expect(printed).toEqual([]);
  });
});

describe('Teams authentication when the OpenID metadata endpoint hangs', () => {
  it('answers within the time limit, with one outbound connection at a time, and recovers', async () => {
    const openId = await startOpenIdStandIn();
    const log = capturedLogger();
    const timeoutMs = 400;
    const h = await startTeamsHarness({
      name: 'teams-auth-hang',
      env: AUTH_ENV,
      logger: log.logger,
      auth: {
        openIdMetadataUrl: openId.metadataUrl,
        outboundToken: async () => OUTBOUND_TOKEN,
        timeoutMs,
      },
    });
    try {
      const serviceUrl = h.connector.serviceUrl;
      const post = () =>
        h.post(personalMessage(serviceUrl, 'hej'), {
          headers: { authorization: `Bearer ${openId.token({ appId: APP_ID, serviceUrl })}` },
        });
      openId.hang(true);
      const started = performance.now();
      const answers = await Promise.all([post(), post(), post()]);
      const elapsedMs = performance.now() - started;
      expect(answers.map((a) => a.status)).toEqual([401, 401, 401]);
      // Bounded by the limit (with ample room for a slow machine), not by the endpoint, which never answers.
      expect(elapsedMs).toBeLessThan(timeoutMs * 10);
      expect(openId.stats().maxOpenConnections).toBe(1);
      expect(log.lines.filter((l) => l.msg === 'teams request refused: authentication failed')).toHaveLength(3);

      openId.hang(false);
      const recovered = await post();
      expect(recovered.status).toBe(200);
      expect(h.connector.messages()).toHaveLength(1);
    } finally {
      await h.close();
      await openId.close();
    }
  });
});
