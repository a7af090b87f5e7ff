/**
 * Hostile input everywhere a person or a platform can reach: the text router, the reminder parser, the checklist
 * engine, the Slack and Teams inbound parsers, Slack rendering and the whole bot. Nothing may throw, and nothing a
 * user typed may come out of Slack rendering as a live `<!channel>`, mention or link.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInbound } from '../../src/adapters/slack/inbound.ts';
import { renderReply as renderSlack } from '../../src/adapters/slack/render.ts';
import { parseActivity } from '../../src/adapters/teams/inbound.ts';
import { SAY_ACTION } from '../../src/core/action-ids.ts';
import {
  answerQuestion,
  cancelRun,
  currentQuestion,
  progress,
  type RunState,
  runStateSchema,
  skipQuestion,
  startRun,
} from '../../src/core/checklist/engine.ts';
import { createChecklistFeature } from '../../src/core/checklist/feature.ts';
import type { Answer } from '../../src/core/checklist/schema.ts';
import type { Block, Button, Reply } from '../../src/core/model.ts';
import { MAX_REMINDER_INPUT, parseReminder } from '../../src/core/reminders/parse-reminder.ts';
import { type Intent, normaliseText, routeText } from '../../src/core/router.ts';
import { loadChecklistKnowledge } from '../../src/infra/checklist-loader.ts';
import { MemoryDocumentStore } from '../../src/infra/memory-document-store.ts';
import { FakeClock } from '../support/clock.ts';
import { testBot, turnOf } from '../support/bot.ts';

// ---------------------------------------------------------------------------------------------------------------
// Hostile text
// ---------------------------------------------------------------------------------------------------------------

const HOSTILE_TOKENS = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U123>',
  '<@U123|anna>',
  '<#C123|general>',
  '<!subteam^S123|@team>',
  '<https://evil.example|click>',
  '<http://evil.example>',
  '<mailto:a@b.se|mail>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<at>IOP-assistenten</at>',
  '&lt;!channel&gt;',
  '&amp;',
  '&#39;',
  '&nbsp;',
  '{"type":"block_actions"}',
  '{"__proto__":{"polluted":1}}',
  '[1,2,',
  '"}',
  '**bold**',
  '*',
  '_',
  '`',
  '~',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\u200b',
  '\u202e',
  '\ufeff',
  '\ud800',
  '\udfff',
  '😀',
  '👩‍👩‍👧‍👦',
  '🇸🇪',
  'e\u0301',
  '\r\n',
  '\n\n',
  '\t',
  ' ',
  '/iop',
  '/iop ',
  '/',
  'iop',
  'kommun',
  'kommun Ekerö',
  'påminn mig',
  'remind me',
  'imorgon kl 9',
  'om två veckor',
  'varje måndag',
  'every day',
  'den 15:e januari',
  'kl 25:99',
  '31 februari',
  'år 99999',
  'checklista',
  'lang',
  'språk en',
  'glöm-mig',
  'hej',
  '?',
  'Vad är IOP?',
  'constructor',
  'toString',
  '__proto__',
  'hasOwnProperty',
  '0',
  '-1',
  'NaN',
  'Infinity',
  '9'.repeat(30),
];

const token = fc.constantFrom(...HOSTILE_TOKENS);
const hostileText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 5, arbitrary: token },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
      { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
    ),
    { maxLength: 25 },
  )
  .map((parts) => parts.join(''));
/** Prefixes that route text into the command paths instead of the question path. */
const commandish = fc
  .tuple(
    fc.constantFrom(
      '',
      '/iop ',
      '/',
      'iop ',
      'påminn mig ',
      'remind me ',
      '/iop kommun ',
      '/iop påminn ',
      '/iop lang ',
      '/iop checklista ',
    ),
    hostileText,
  )
  .map(([lead, rest]) => lead + rest);
/** Very long input, up to ~20k characters. */
const hugeText = fc
  .tuple(
    fc.constantFrom('', '/iop fråga ', 'påminn mig imorgon kl 9 att ', '/iop kommun '),
    fc.integer({ min: 1_001, max: 20_000 }),
    fc.constantFrom('a', 'å ', '😀', '<!channel>', '\u0000', ' ', 'imorgon ', '\ud800'),
  )
  .map(([lead, n, unit]) => lead + unit.repeat(Math.ceil(n / [...unit].length)));
const anyText = fc.oneof({ weight: 4, arbitrary: commandish }, { weight: 1, arbitrary: hugeText });

// ---------------------------------------------------------------------------------------------------------------
// Router
// ---------------------------------------------------------------------------------------------------------------

function expectValidIntent(intent: Intent): void {
  const isStr = (v: unknown) => typeof v === 'string';
  switch (intent.kind) {
    case 'empty':
    case 'greeting':
    case 'help':
    case 'assessments':
    case 'reminders':
    case 'forget-me':
      expect(Object.keys(intent)).toEqual(['kind']);
      return;
    case 'ask':
      expect(isStr(intent.question) && intent.question.length > 0).toBe(true);
      return;
    case 'checklist':
      expect(intent.checklistId === undefined || (isStr(intent.checklistId) && intent.checklistId.length > 0)).toBe(
        true,
      );
      return;
    case 'remind':
      expect(isStr(intent.text)).toBe(true);
      return;
    case 'set-language':
      expect(isStr(intent.raw)).toBe(true);
      expect([undefined, 'sv', 'en']).toContain(intent.locale);
      return;
    case 'set-municipality':
      expect(isStr(intent.name)).toBe(true);
      return;
    case 'unknown-command':
      expect(isStr(intent.command) && intent.command.length > 0).toBe(true);
      return;
    default: {
      const never: never = intent;
      throw new Error(`not an intent: ${JSON.stringify(never)}`);
    }
  }
}

describe('text router under hostile input', () => {
  it('never throws and always returns a well-formed intent', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expectValidIntent(routeText(text));
      }),
      { numRuns: 3_000 },
    );
  });

  it('routes Object.prototype names as unknown commands (/iop constructor, /iop __proto__)', () => {
    for (const text of ['/iop constructor', '/iop __proto__', '/constructor']) {
      expectValidIntent(routeText(text));
      expect(routeText(text).kind).toBe('unknown-command');
    }
    // Without the slash only a known subcommand is a command; anything else is a question.
    expect(routeText('iop constructor x')).toEqual({ kind: 'ask', question: 'iop constructor x' });
  });

  it('routes what a person would see: control characters and spacing do not change the intent', () => {
    fc.assert(
      fc.property(commandish, (text) => {
        const normalised = normaliseText(text);
        expect(normaliseText(normalised)).toBe(normalised);
        expect(routeText(normalised)).toEqual(routeText(text));
        // No control character or run of whitespace reaches a feature.
        // biome-ignore lint/suspicious/noControlCharactersInRegex: checking their absence is the point
        expect(normalised).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]|\s\s/);
      }),
      { numRuns: 2_000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Reminder parser
// ---------------------------------------------------------------------------------------------------------------

describe('parseReminder under hostile input', () => {
  const now = new Date('2026-11-22T09:00:00Z');
  const zones = fc.constantFrom('Europe/Stockholm', 'UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham');
  const locales = fc.constantFrom('sv' as const, 'en' as const);

  it('never throws, and answers with a well-formed result', () => {
    fc.assert(
      fc.property(commandish, zones, locales, (text, timeZone, locale) => {
        const result = parseReminder(text, { now, timeZone, locale });
        if (result.ok) {
          expect(Number.isNaN(result.due.getTime())).toBe(false);
          expect(result.text.trim()).not.toBe('');
        } else {
          expect(typeof result.error).toBe('string');
        }
      }),
      { numRuns: 1_500 },
    );
  });

  it('rejects over-long input as too-long without reading it', () => {
    fc.assert(
      fc.property(hugeText, locales, (text, locale) => {
        const result = parseReminder(text, { now, timeZone: 'Europe/Stockholm', locale });
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error).toBe('too-long');
      }),
      { numRuns: 100 },
    );
  });

  it('reads input up to the length limit (not too-long) and answers with a well-formed result', () => {
    fc.assert(
      fc.property(
        fc.array(token, { minLength: 1, maxLength: 200 }),
        fc.integer({ min: MAX_REMINDER_INPUT - 20, max: MAX_REMINDER_INPUT }),
        locales,
        (parts, length, locale) => {
          const joined = [...parts.join(' ')];
          const text = Array.from({ length }, (_, i) => joined[i % joined.length]).join('');
          expect([...text]).toHaveLength(length);
          const result = parseReminder(text, { now, timeZone: 'Europe/Stockholm', locale });
          if (result.ok) {
            expect(Number.isNaN(result.due.getTime())).toBe(false);
            expect(result.text.trim()).not.toBe('');
          } else {
            expect(result.error).not.toBe('too-long');
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Checklist engine
// ---------------------------------------------------------------------------------------------------------------

const knowledgeDir = fileURLToPath(new URL('../../knowledge', import.meta.url));
const shipped = await loadChecklistKnowledge(knowledgeDir);
const definitions = [...shipped.checklists.values()];

describe('checklist engine under arbitrary answer and skip sequences', () => {
  const actor = fc.record({ id: fc.constantFrom('slack:T1:U1', 'teams:t:u2', 'x'), name: hostileText });
  // Only the four values the type allows: the action parser is the boundary that rejects anything else (the
  // whole-bot property below forges such presses).
  const answer = fc.constantFrom<string>('yes', 'no', 'unsure', 'skipped');
  type Op =
    | { kind: 'answer'; q: number | string; answer: string; rev?: number }
    | { kind: 'skip'; q?: number | string; rev?: number }
    | { kind: 'cancel' };
  const questionRef = fc.oneof(
    fc.nat(40),
    fc.constantFrom('__proto__', 'constructor', 'toString', '', 'unknown-question'),
    hostileText,
  );
  const rev = fc.option(fc.integer({ min: -3, max: 60 }), { nil: undefined });
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('answer' as const), q: questionRef, answer, rev }) },
    {
      weight: 3,
      arbitrary: fc.record(
        { kind: fc.constant('skip' as const), q: fc.option(questionRef, { nil: undefined }), rev },
        { requiredKeys: ['kind'] },
      ),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const) }) },
  );

  it('never throws, keeps a valid persisted shape, and never counts an unknown question', () => {
    fc.assert(
      fc.property(
        fc.nat(definitions.length - 1),
        fc.nat(definitions.length - 1),
        hostileText,
        fc.array(fc.tuple(op, actor), { maxLength: 60 }),
        (defIndex, otherIndex, caseName, ops) => {
          const def = definitions[defIndex]!;
          // Presses for another checklist's run (stale card from a different checklist) must be refused.
          const other = definitions[otherIndex]!;
          let state: RunState = startRun(def, {
            runId: 'run1',
            caseName,
            locale: 'sv',
            startedBy: { id: 'slack:T1:U1', name: 'Anna' },
            startedAt: '2026-11-22T09:00:00.000Z',
          });
          let minute = 0;
          for (const [o, by] of ops) {
            const at = new Date(Date.UTC(2026, 10, 22, 9, ++minute)).toISOString();
            const qid = (q: number | string) => (typeof q === 'number' ? (def.questions[q]?.id ?? `q${q}`) : q);
            const before = state;
            const result =
              o.kind === 'answer'
                ? answerQuestion(state, o.q === 0 ? other : def, {
                    questionId: qid(o.q),
                    answer: o.answer as Answer,
                    by,
                    at,
                    expectedRevision: o.rev,
                  })
                : o.kind === 'skip'
                  ? skipQuestion(state, def, {
                      questionId: o.q === undefined ? undefined : qid(o.q),
                      by,
                      at,
                      expectedRevision: o.rev,
                    })
                  : cancelRun(state, { by, at });
            const next = result.kind === 'conflict' ? result.current : result.state;
            if (result.kind !== 'updated') expect(next).toBe(before);
            state = next;
            const parsed = runStateSchema.safeParse(state);
            expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
            for (const id of Object.keys(state.answers)) {
              expect(def.questions.some((q) => q.id === id)).toBe(true);
            }
            const p = progress(def, state);
            expect(p.answered + p.skipped + p.remaining).toBe(p.total);
            currentQuestion(def, state);
          }
        },
      ),
      { numRuns: 1_500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Slack and Teams inbound
// ---------------------------------------------------------------------------------------------------------------

const slackFixtureDir = fileURLToPath(new URL('../slack/fixtures', import.meta.url));
const slackFixtures: unknown[] = readdirSync(slackFixtureDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(`${slackFixtureDir}/${f}`, 'utf8')));

const teamsActivity = {
  text: 'Vad är IOP?',
  textFormat: 'plain',
  type: 'message',
  id: '1732266000001',
  timestamp: '2026-11-22T09:00:00.123Z',
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  recipient: { id: '28:00000000-0000-0000-0000-000000000000', name: 'IOP-assistenten' },
  locale: 'sv-SE',
  localTimezone: 'Europe/Stockholm',
  from: { id: '29:abc', name: 'Anna Andersson', aadObjectId: 'b1f7c2d4' },
  conversation: { conversationType: 'personal', tenantId: 'tenant-1', id: 'a:1xyz' },
  entities: [{ type: 'clientInfo', locale: 'sv-SE', timezone: 'Europe/Stockholm' }],
  channelData: { tenant: { id: 'tenant-1' } },
};
const teamsInvoke = {
  ...teamsActivity,
  type: 'invoke',
  name: 'adaptiveCard/action',
  id: 'f:123',
  text: undefined,
  replyToId: '1732266000001',
  value: { action: { type: 'Action.Execute', verb: 'checklist:answer', data: { value: '{"runId":"r"}' } } },
};
const teamsWelcome = {
  ...teamsActivity,
  type: 'conversationUpdate',
  text: undefined,
  membersAdded: [{ id: '28:00000000-0000-0000-0000-000000000000' }],
};

type Json = unknown;
const hostileJson: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.constantFrom<Json>(null, undefined, '', 0, -1, true, [], {}, 'https://evil|x', '1.2.3') },
);

/** A copy of `value` with the thing at a random path replaced, deleted, or a random key added. */
function mutate(value: unknown, path: number[], replacement: Json, mode: number): unknown {
  if (typeof value !== 'object' || value === null) return replacement;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as object) };
  const keys = Object.keys(copy);
  if (keys.length === 0 || path.length === 0) {
    if (mode === 0) return replacement;
    // Not String(replacement): fc.anything() makes objects like { toString: '' } that cannot become a string.
    const key = typeof replacement === 'string' || typeof replacement === 'number' ? String(replacement) : '';
    (copy as Record<string, unknown>)[key.slice(0, 20) || 'k'] = replacement;
    return copy;
  }
  const key = keys[path[0]! % keys.length]!;
  const rec = copy as Record<string, unknown>;
  if (path.length === 1 && mode === 1) delete rec[key];
  else rec[key] = mutate(rec[key], path.slice(1), replacement, mode);
  return copy;
}
const mutation = fc.tuple(fc.array(fc.nat(50), { maxLength: 5 }), hostileJson, fc.nat(2));

describe('Slack inbound parser under malformed payloads', () => {
  it('rejects random JSON values cleanly, without throwing', () => {
    fc.assert(
      fc.property(hostileJson, (body) => {
        const result = parseInbound(body);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(typeof result.reason).toBe('string');
        if (typeof body !== 'object' || body === null || Array.isArray(body)) expect(result.ok).toBe(false);
      }),
      { numRuns: 3_000 },
    );
  });

  it('names a hostile type it cannot read without throwing (a found counterexample)', () => {
    // An object whose toString is not a function cannot become a string: the reason must not try.
    const result = parseInbound({ type: { toString: 0 }, team_id: 'T1', event: { type: 'app_home_opened' } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/unrecognised payload \(type object\)/);
    const action = parseInbound({ type: 'block_actions', user: { id: 'U1' }, actions: [{ type: { toString: 0 } }] });
    expect(typeof action.ok).toBe('boolean');
  });

  it('never throws on real payloads with a field broken, removed or added', () => {
    fc.assert(
      fc.property(fc.constantFrom(...slackFixtures), mutation, (fixture, [path, replacement, mode]) => {
        const body = mutate(fixture, path, replacement, mode);
        const result = parseInbound(body);
        if (result.ok && result.inbound.kind === 'message') expect(typeof result.inbound.text).toBe('string');
        if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 3_000 },
    );
  });
});

describe('Teams inbound parser under malformed activities', () => {
  it('ignores random JSON values with a reason, without throwing', () => {
    fc.assert(
      fc.property(hostileJson, (raw) => {
        const result = parseActivity(raw);
        expect(result.kind).toBe('ignore');
        if (result.kind === 'ignore') expect(typeof result.reason).toBe('string');
      }),
      { numRuns: 3_000 },
    );
  });

  it('never throws on real activities with a field broken, removed or added', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<unknown>(teamsActivity, teamsInvoke, teamsWelcome),
        mutation,
        fc.option(fc.constantFrom('tenant-1', 'other'), { nil: undefined }),
        (activity, [path, replacement, mode], allowedTenant) => {
          const result = parseActivity(mutate(activity, path, replacement, mode), { allowedTenant });
          expect(['turn', 'welcome', 'ignore']).toContain(result.kind);
          if (result.kind !== 'ignore') {
            expect(result.turn.conversation.key.startsWith('teams:')).toBe(true);
            if (allowedTenant) expect(result.turn.conversation.key.startsWith(`teams:${allowedTenant}:`)).toBe(true);
          }
        },
      ),
      { numRuns: 3_000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Slack rendering
// ---------------------------------------------------------------------------------------------------------------

/** Every mrkdwn text and fallback text of the rendered messages (plain_text is never interpreted by Slack). */
function mrkdwnTexts(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) mrkdwnTexts(v, out);
  else if (value && typeof value === 'object') {
    const rec = value as Record<string, unknown>;
    if (rec.type === 'mrkdwn' && typeof rec.text === 'string') out.push(rec.text);
    for (const [k, v] of Object.entries(rec)) if (k !== 'text' || typeof v !== 'string') mrkdwnTexts(v, out);
  }
  return out;
}

function slackTexts(reply: Reply): string[] {
  const messages = renderSlack(reply, { nonce: 'n' });
  return messages.flatMap((m) => [m.text, ...mrkdwnTexts(m.blocks)]);
}

/** Slack reads `<…>` as a mention, special mention or link: no user text may leave a raw `<` behind. */
function expectInert(texts: string[]): void {
  for (const text of texts) {
    expect(text).not.toMatch(/<!channel>|<!here>|<!everyone>|<@|<#|<http|<mailto|<!/);
    expect(text).not.toContain('<');
    expect(text).not.toContain('>');
  }
}

describe('Slack rendering of replies with user text', () => {
  const userText = fc.oneof({ weight: 5, arbitrary: hostileText }, { weight: 1, arbitrary: hugeText });
  const block: fc.Arbitrary<Block> = fc.oneof(
    fc.record({ type: fc.constant('heading' as const), text: userText }),
    fc.record({ type: fc.constant('text' as const), text: userText }),
    fc.record({
      type: fc.constant('fields' as const),
      fields: fc.array(fc.record({ label: hostileText, value: userText }), { maxLength: 12 }),
    }),
    fc.record({ type: fc.constant('context' as const), items: fc.array(userText, { maxLength: 12 }) }),
    fc.record({
      type: fc.constant('buttons' as const),
      buttons: fc.array(
        fc.record({
          label: hostileText,
          actionId: fc.constantFrom('say:text', 'checklist:answer', 'x~2'),
          value: hostileText,
        }),
        { maxLength: 30 },
      ),
    }),
    fc.constant({ type: 'divider' as const }),
  );

  it('never lets user text become <!channel>, a mention or a link', () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 8 }), userText, (blocks, fallbackText) => {
        expectInert(slackTexts({ blocks, fallbackText, placement: { kind: 'reply' } }));
      }),
      { numRuns: 400 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The whole bot
// ---------------------------------------------------------------------------------------------------------------

describe('the bot (memory store) under hostile messages and button presses', () => {
  function fullBot() {
    const clock = new FakeClock();
    const store = new MemoryDocumentStore(clock);
    const checklist = createChecklistFeature({
      store,
      checklists: shipped.checklists,
      ttlMs: 30 * 24 * 60 * 60 * 1000,
      source: (id) => shipped.sources.get(id),
    });
    return testBot({ store, clock, features: [checklist] });
  }

  const step = fc.oneof(
    { weight: 6, arbitrary: anyText.map((text) => ({ kind: 'say' as const, text })) },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('press' as const),
        pick: fc.nat(100),
        value: fc.option(hostileText, { nil: undefined }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('forge' as const),
        actionId: fc.oneof(
          fc.constantFrom(
            'checklist:answer',
            'checklist:skip',
            'checklist:why',
            'checklist:cancel',
            'checklist:continue',
            'checklist:export',
            'checklist:start',
            'checklist:choose',
            'reminder:done',
            'settings:x',
            SAY_ACTION,
            ':',
            '',
          ),
          hostileText,
        ),
        value: fc.oneof(
          hostileText,
          fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
        ),
      }),
    },
  );

  it('answers any sequence of messages and presses without throwing, and Slack renders the replies inertly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('u1', 'u2'),
        async (steps, user) => {
          const { bot, clock } = fullBot();
          let buttons: Button[] = [];
          for (const s of steps) {
            clock.advance(1_000);
            let input: Parameters<typeof turnOf>[0];
            if (s.kind === 'say') input = s.text;
            else if (s.kind === 'press') {
              const button = buttons[s.pick % Math.max(buttons.length, 1)];
              if (!button) continue;
              input = { kind: 'action', actionId: button.actionId, value: s.value ?? button.value, messageId: 'm1' };
            } else input = { kind: 'action', actionId: s.actionId, value: s.value, messageId: 'm1' };
            const replies = await bot.handleTurn(
              turnOf(input, { user: `console:${user}`, conversation: 'console:fuzz' }),
            );
            expect(Array.isArray(replies)).toBe(true);
            const next = replies.flatMap((r) => r.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : [])));
            if (next.length > 0) buttons = next;
            for (const reply of replies) expectInert(slackTexts(reply));
          }
        },
      ),
      { numRuns: 250 },
    );
  });
});
