import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAskCommand } from '../../src/cli/ask-command.ts';
import { runFeedbackCommand } from '../../src/cli/feedback-command.ts';
import { type FeedbackEntry, feedbackCsv, recordFeedback } from '../../src/core/qa/feedback.ts';
import { RedisDocumentStore } from '../../src/infra/redis-document-store.ts';
import { runCli } from '../support/cli.ts';
import { TEST_REDIS_URL, testRedis, uniquePrefix } from '../support/redis.ts';
import { KNOWLEDGE_DIR } from './support.ts';

// Spawning the binary compiles the sources first, which takes a while on a busy machine.
const SPAWN_TIMEOUT_MS = 90_000;
const config = { KNOWLEDGE_DIR, DEFAULT_LOCALE: 'sv' as const, DEFAULT_MUNICIPALITY: undefined };
const ask = (...args: string[]) => runAskCommand(args, config);

const SOURCE_KEYS = ['title', 'municipality', 'section', 'url', 'file', 'publisher', 'kind', 'date', 'status'];

function entry(overrides: Partial<FeedbackEntry> = {}): FeedbackEntry {
  return {
    kind: 'down',
    question: 'Vad är IOP?',
    answerId: 'a1',
    language: 'sv',
    status: 'answered',
    confidence: 0.9,
    section: 'Idéburet offentligt partnerskap (IOP)',
    at: '2026-11-22T09:00:00.000Z',
    ...overrides,
  };
}

describe('iop-bot ask', () => {
  it('prints the design.md contract with --json', { timeout: SPAWN_TIMEOUT_MS }, async () => {
    const { stdout, code } = await runCli(['ask', 'Vad är skillnaden mellan IOP och föreningsbidrag?', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(['answer', 'confidence', 'declined', 'matched', 'sources']);
    expect(json.matched).toEqual(expect.any(String));
    expect(json.answer).toEqual(expect.stringContaining('föreningsbidrag'));
    expect(json.declined).toBe(false);
    expect(json.confidence).toEqual(expect.any(Number));
    const sources = json.sources as Array<Record<string, unknown>>;
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(Object.keys(source).every((key) => SOURCE_KEYS.includes(key))).toBe(true);
      expect(source.title).toEqual(expect.any(String));
    }
  });

  it('names the question it answers in "matched", and asks back with "clarify" when unsure', async () => {
    const answered = JSON.parse((await ask('Är IOP undantaget från LOU?', '--json')).stdout);
    expect(answered.matched).toBe('Är IOP undantaget från LOU, så att vi slipper upphandla?');
    expect(answered.clarify).toBeUndefined();
    const unsure = JSON.parse(
      (await ask('vi funderar på att stötta en förening som driver en fritidsgård, passar IOP?', '--json')).stdout,
    );
    expect(unsure).toMatchObject({ declined: false, matched: null, sources: [] });
    expect(unsure.clarify.length).toBeGreaterThan(0);
    expect(unsure.clarify.length).toBeLessThanOrEqual(3);
    expect(unsure.answer).toMatch(/Menade du/);
  });

  it('declines an out-of-scope question with no sources', async () => {
    const { stdout, exitCode } = await ask('Hur ansöker jag om bygglov?', '--json');
    expect(exitCode).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ declined: true, sources: [], matched: null });
  });

  it('answers in the language asked for and from the municipality given', async () => {
    const english = JSON.parse((await ask('Vad är IOP?', '--lang', 'en', '--json')).stdout);
    expect(english.answer).toMatch(/partnership/);
    const kungalv = JSON.parse((await ask('vilka kriterier gäller?', '--municipality', 'kungalv', '--json')).stdout);
    expect(kungalv.sources[0]).toMatchObject({ municipality: 'Kungälv' });
  });

  it('prints a readable answer with sources without --json', async () => {
    const { stdout } = await ask('Vad kostar det att registrera sig hos Kammarkollegiet?');
    expect(stdout).toMatch(/Källor:\n {2}- Kammarkollegiet/);
    expect(stdout).toMatch(/Säkerhet: \d\.\d\d/);
  });

  it('explains its usage for a missing question or an unknown municipality', async () => {
    expect(await ask()).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('iop-bot ask') });
    expect(await ask('Vad är IOP?', '--municipality', 'atlantis')).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('atlantis'),
    });
  });
});

describe('feedback export', () => {
  const prefix = uniquePrefix('qa-cli');
  const redis = testRedis(prefix);
  const dirs: string[] = [];
  afterAll(async () => {
    await redis.cleanup();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('writes CSV with a header, quoting, and no formulas a spreadsheet would run', () => {
    const csv = feedbackCsv([
      entry({ question: 'Hej, "IOP"\noch LOU?' }),
      entry({ kind: 'unanswered', question: '=HYPERLINK("http://x")', status: 'declined', section: undefined }),
    ]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('at,kind,question,answer_id,language,status,confidence,section,municipality,comment');
    expect(csv).toContain('"Hej, ""IOP""\noch LOU?"');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
  });

  it('says once, plainly, that Redis cannot be reached', { timeout: SPAWN_TIMEOUT_MS }, async () => {
    const down = await runCli(['feedback', 'export'], { env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/Cannot reach Redis at redis:\/\/127\.0\.0\.1:1: .*[^.]\. Is it running\?/);
    // Not also as the client library's "Unhandled error event" with a stack.
    expect(down.stderr).not.toMatch(/Unhandled error event/);
  });

  it('exports what the assistant stored in Redis, to a file or to stdout', { timeout: SPAWN_TIMEOUT_MS }, async () => {
    const store = new RedisDocumentStore(redis.redis, { prefix });
    await recordFeedback(store, 'a1-vote', entry());
    await recordFeedback(store, 'a2-unanswered', entry({ kind: 'unanswered', answerId: 'a2', question: 'Bygglov?' }));
    const dir = await mkdtemp(join(tmpdir(), 'iop-feedback-'));
    dirs.push(dir);
    const out = join(dir, 'feedback.csv');
    const env = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix };
    const written = await runCli(['feedback', 'export', '--raw', '--out', out], { env });
    expect(written).toMatchObject({ code: 0, stderr: expect.stringContaining('2') });
    const csv = await readFile(out, 'utf8');
    expect(csv.trim().split('\r\n')).toHaveLength(3);
    expect(csv).toContain(',down,Vad är IOP?,a1,');
    expect(csv).toContain(',unanswered,Bygglov?,a2,');
    const toStdout = await runFeedbackCommand(['export', '--raw'], {
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      DEFAULT_LOCALE: 'sv',
    });
    expect(toStdout.stdout).toBe(csv);
  });

  it('groups what a content owner can act on, for Swedish Excel, without small talk; report sums it up', async () => {
    const store = new RedisDocumentStore(redis.redis, { prefix: `${prefix}:digest` });
    const gap = { kind: 'unanswered' as const, status: 'declined' as const, section: undefined };
    await recordFeedback(store, 'b1', entry({ ...gap, answerId: 'b1', question: 'Får vi ge lokalbidrag?' }));
    await recordFeedback(store, 'b2', entry({ ...gap, answerId: 'b2', question: 'får vi ge lokalbidrag' }));
    await recordFeedback(store, 'b3', entry({ ...gap, answerId: 'b3', question: 'tack!' }));
    await recordFeedback(store, 'b4', entry({ kind: 'low-confidence', answerId: 'b4', question: 'Hur länge gäller en IOP?' }));
    await recordFeedback(store, 'b5', entry({ kind: 'clarified', answerId: 'b5', question: 'avtal?', chosen: 'Hur skrivs ett IOP-avtal?' }));
    await recordFeedback(store, 'b6', entry({ kind: 'down', answerId: 'b6', section: 'Vad är IOP?', comment: 'för långt' }));
    const config = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: `${prefix}:digest`, DEFAULT_LOCALE: 'sv' as const };
    const { stdout: csv } = await runFeedbackCommand(['export'], config);
    expect(csv.startsWith('\uFEFFvad;fråga;antal;')).toBe(true);
    expect(csv).toContain('obesvarad;Får vi ge lokalbidrag?;2;');
    expect(csv).not.toContain('tack!');
    expect(csv).toContain('osäkert svar;Hur länge gäller en IOP?;1;');
    expect(csv).toContain('Hur skrivs ett IOP-avtal?');
    expect(csv).toContain('för långt');
    const comma = await runFeedbackCommand(['export', '--separator', ','], config);
    expect(comma.stdout).toContain('obesvarad,Får vi ge lokalbidrag?,2,');
    const report = await runFeedbackCommand(['report'], config);
    expect(report.stdout).toMatch(/2 × Får vi ge lokalbidrag\?/);
    expect(report.stdout).toMatch(/👎 1 👍 0 {2}Vad är IOP\?/);
    expect(report.stdout).toMatch(/avtal\? → Hur skrivs ett IOP-avtal\?/);
  });

  it('says why there is nothing to export without REDIS_URL', async () => {
    const { exitCode, stderr } = await runFeedbackCommand(['export'], {
      REDIS_URL: undefined,
      REDIS_PREFIX: 'iop',
      DEFAULT_LOCALE: 'sv',
    });
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(/REDIS_URL/);
  });
});
