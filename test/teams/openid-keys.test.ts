import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenIdKeySource, createTokenValidator } from '../../src/adapters/teams/request-auth.ts';
import { type OpenIdStandIn, startOpenIdStandIn } from '../support/openid-stand-in.ts';

const HOUR_MS = 60 * 60 * 1000;

describe('the Bot Framework signing keys', () => {
  let openId: OpenIdStandIn;
  beforeAll(async () => {
    openId = await startOpenIdStandIn();
  });
  afterAll(() => openId.close());

  it('are fetched once for requests that need them at the same time, then kept', async () => {
    const before = openId.stats().requests;
    const keys = createOpenIdKeySource(openId.metadataUrl, { timeoutMs: 2_000 });
    const found = await Promise.all([1, 2, 3].map(() => keys.getKey(openId.key.kid)));
    expect(found.every((k) => k?.key.asymmetricKeyType === 'rsa' && k.endorsements?.includes('msteams'))).toBe(true);
    await keys.getKey(openId.key.kid);
    // Metadata document and key set: two requests in all.
    expect(openId.stats().requests - before).toBe(2);
  });

  it('refetch for an unknown key id at most every five minutes', async () => {
    let now = Date.parse('2026-11-22T09:00:00Z');
    const keys = createOpenIdKeySource(openId.metadataUrl, { timeoutMs: 2_000, now: () => now });
    await keys.getKey(openId.key.kid);
    const before = openId.stats().requests;
    expect(await keys.getKey('forged')).toBeNull();
    expect(openId.stats().requests).toBe(before);
    now += 6 * 60 * 1000;
    expect(await keys.getKey('forged')).toBeNull();
    expect(openId.stats().requests).toBe(before + 2);
  });

  it('stay in use when a refresh a day later fails, and say so', async () => {
    let now = Date.parse('2026-11-22T09:00:00Z');
    const failures: unknown[] = [];
    const keys = createOpenIdKeySource(openId.metadataUrl, {
      timeoutMs: 200,
      now: () => now,
      onStale: (error) => failures.push(error),
    });
    const first = await keys.getKey(openId.key.kid);
    now += 25 * HOUR_MS;
    openId.hang(true);
    try {
      expect(await keys.getKey(openId.key.kid)).toEqual(first);
      expect(failures).toHaveLength(1);
    } finally {
      openId.hang(false);
    }
  });

  it('are refused when none could ever be fetched', async () => {
    const keys = createOpenIdKeySource('http://127.0.0.1:9/none', { timeoutMs: 500 });
    await expect(keys.getKey('any')).rejects.toThrow();
  });
});

describe('a channel token used for many activities', () => {
  let openId: OpenIdStandIn;
  beforeAll(async () => {
    openId = await startOpenIdStandIn();
  });
  afterAll(() => openId.close());

  const APP_ID = '3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e';
  const serviceUrl = 'https://smba.trafficmanager.net/emea/';
  const activity = { channelId: 'msteams', serviceUrl };

  it('is checked in full on every request, though its signature is checked once', async () => {
    let now = Date.now();
    const validate = createTokenValidator(
      { appId: APP_ID, metadataUrl: openId.metadataUrl, timeoutMs: 2_000 },
      { now: () => now },
    );
    const token = openId.token({ appId: APP_ID, serviceUrl });
    const bearer = `Bearer ${token}`;
    expect((await validate(bearer, activity)).serviceUrl).toBe(serviceUrl);
    expect((await validate(bearer, activity)).serviceUrl).toBe(serviceUrl);

    // What depends on the request or the time is not remembered with the signature.
    await expect(
      validate(bearer, { ...activity, serviceUrl: 'https://smba.trafficmanager.net/amer/' }),
    ).rejects.toThrow(/serviceurl/);
    await expect(validate(bearer, { ...activity, channelId: 'webchat' })).rejects.toThrow(/endorsed/);
    // The same header and claims with another signature are a different token: checked, and refused.
    const [header, claims] = token.split('.');
    const forged = `${header}.${claims}.${Buffer.alloc(256, 7).toString('base64url')}`;
    await expect(validate(`Bearer ${forged}`, activity)).rejects.toThrow(/invalid signature/);

    now += 2 * HOUR_MS;
    await expect(validate(bearer, activity)).rejects.toThrow(/expired/);
  });
});
