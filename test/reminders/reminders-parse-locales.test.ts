import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../locales/en.json' with { type: 'json' };
import sv from '../../locales/sv.json' with { type: 'json' };

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/gu)].map((m) => m[1]).sort();

describe('reminder parse messages', () => {
  it('have the same keys and placeholders in Swedish and English', () => {
    const svMessages: Record<string, string> = sv.reminders.parse;
    const enMessages: Record<string, string> = en.reminders.parse;
    expect(Object.keys(enMessages).sort()).toEqual(Object.keys(svMessages).sort());
    for (const key of Object.keys(svMessages)) {
      expect(placeholders(enMessages[key] ?? ''), key).toEqual(placeholders(svMessages[key] ?? ''));
    }
  });

  it('cover every error the parser can return', () => {
    for (const error of ['no-time', 'past', 'impossible-date', 'too-far', 'ambiguous', 'no-text', 'too-long']) {
      expect(sv.reminders.parse).toHaveProperty(error);
    }
  });
});

describe('reminder parser source', () => {
  const dir = join(import.meta.dirname, '../../src/core/reminders');
  const files = ['parse-reminder.ts', ...readdirSync(join(dir, 'parse')).map((f) => join('parse', f))].filter((f) =>
    f.endsWith('.ts'),
  );

  it.each(files)('%s takes now and the zone as parameters', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    expect(source).not.toMatch(/new Date\(\s*\)/u);
    expect(source).not.toMatch(/Date\.now\(/u);
    expect(source).not.toMatch(/process\.env/u);
  });
});
