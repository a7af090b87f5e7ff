import { describe, expect, it } from 'vitest';
import en from '../../locales/en.json' with { type: 'json' };
import sv from '../../locales/sv.json' with { type: 'json' };
import { formatInstant } from '../../src/core/i18n/dates.ts';
import { flattenMessages, interpolate, translator } from '../../src/core/i18n/translator.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  const svMessages = flattenMessages(sv);
  const enMessages = flattenMessages(en);

  it('have the same keys in Swedish and English', () => {
    expect([...enMessages.keys()].sort()).toEqual([...svMessages.keys()].sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, text] of svMessages) {
      expect({ key, placeholders: placeholders(enMessages.get(key) ?? '') }).toEqual({
        key,
        placeholders: placeholders(text),
      });
    }
  });

  it('have no empty messages', () => {
    for (const [key, text] of [...svMessages, ...enMessages])
      expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
  });
});

describe('translator', () => {
  it('interpolates placeholders and leaves unknown ones visible', () => {
    expect(interpolate('Hej {name}, {missing}', { name: 'Anna' })).toBe('Hej Anna, {missing}');
  });

  it('speaks Swedish and English', () => {
    expect(translator('sv')('common.yes')).toBe('Ja');
    expect(translator('en')('common.yes')).toBe('Yes');
  });
});

describe('date formatting', () => {
  it('formats local wall-clock time in the user language, across daylight saving', () => {
    expect(formatInstant(new Date('2026-12-04T08:00:00Z'), 'sv', 'Europe/Stockholm')).toBe(
      'fredag 4 december 2026 kl. 09:00',
    );
    expect(formatInstant(new Date('2027-06-04T07:00:00Z'), 'sv', 'Europe/Stockholm')).toBe(
      'fredag 4 juni 2027 kl. 09:00',
    );
    expect(formatInstant(new Date('2026-12-04T08:00:00Z'), 'en', 'Europe/Stockholm')).toBe(
      'Friday 4 December 2026 at 09:00',
    );
  });
});
