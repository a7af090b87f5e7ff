import { beforeAll, describe, expect, it } from 'vitest';
import { runAskCommand } from '../../src/cli/ask-command.ts';
import type { MunicipalityDirectory } from '../../src/core/municipalities.ts';
import { answerQuestion } from '../../src/core/qa/answer-question.ts';
import type { KnowledgeBase } from '../../src/core/qa/knowledge-base.ts';
import type { Reply } from '../../src/core/model.ts';
import { loadKnowledge } from '../../src/infra/knowledge/knowledge-loader.ts';
import { turnOf } from '../support/bot.ts';
import { KNOWLEDGE_DIR, qaBot, shippedQaDeps, textOf } from './support.ts';

let knowledge: KnowledgeBase;
let municipalities: MunicipalityDirectory;

beforeAll(async () => {
  ({ knowledge, municipalities } = await shippedQaDeps());
});

const MIRRORS = /lawinsider\.com|5dok\.org|issuu\.com|docplayer\.|pdfslide\.|processratt\.se/;
const SEED_FILE = /\d{3}_[0-9a-f]{16}\.txt/;
// Talk about our own material: where it comes from, what could not be checked. It belongs in comments.
const CAVEATS =
  /kunskapsbas|knowledge base|\bunderlaget|en slutsats av att|a conclusion drawn from|i källorna|in the sources|källorna ger|the sources give|in the material|har inte (gått|kunnat)|could not be|inte bekräftat|not confirmed|2022:1178|lagrade kopior|stored cop|tredjepartswebbplats|third-party website/i;

function sourceLines(replies: Reply[]): string[] {
  return replies.flatMap((r) => r.blocks.flatMap((b) => (b.type === 'context' ? b.items : [])));
}

describe('sources an official can cite', () => {
  it('names publisher and kind for every shipped source, and never links a mirror site', async () => {
    const { sources } = await loadKnowledge(KNOWLEDGE_DIR);
    const incomplete = [...sources.values()].filter((s) => !s.publisher || !s.kind).map((s) => s.id);
    expect(incomplete).toEqual([]);
    expect([...sources.values()].filter((s) => s.url && MIRRORS.test(s.url)).map((s) => s.id)).toEqual([]);
  });

  it('keeps remarks about its own material out of every section an answer can show', () => {
    const remarks = (['sv', 'en'] as const).flatMap((language) =>
      knowledge
        .passages(language)
        .filter((p) => CAVEATS.test(p.text) || CAVEATS.test(p.heading))
        .map((p) => `${p.file}: ${p.heading}`),
    );
    expect(remarks).toEqual([]);
  });

  it('shows a seed record by municipality, title and case number, with kind and date, never its file name', async () => {
    const { bot } = await qaBot();
    const replies = await bot.handleTurn(
      turnOf('Vilka kriterier har Kungälv för IOP?', { conversation: 'console:src-1' }),
    );
    const lines = sourceLines(replies);
    expect(lines.join('\n')).toMatch(
      /Kungälvs kommun: Riktlinjer för idéburet offentligt partnerskap \(KS2019\/2069\) \(kommun eller region, 2017-06-21\)/,
    );
    expect(textOf(replies)).not.toMatch(SEED_FILE);
  });

  it('calls a motion a motion', async () => {
    const { bot } = await qaBot();
    const replies = await bot.handleTurn(turnOf('Vad har hänt i Höör om IOP?', { conversation: 'console:src-2' }));
    expect(sourceLines(replies).join('\n')).toMatch(/Motion \(MP\).*motion, inte beslut/);
  });

  it('gives publisher, kind and date in ask --json, and no file name in its text output', async () => {
    const config = { KNOWLEDGE_DIR, DEFAULT_LOCALE: 'sv' as const, DEFAULT_MUNICIPALITY: undefined };
    const json = JSON.parse((await runAskCommand(['Vilka kriterier har Kungälv för IOP?', '--json'], config)).stdout);
    expect(json.sources[0]).toMatchObject({ publisher: 'Kungälvs kommun', kind: 'municipal', date: '2017-06-21' });
    const text = (await runAskCommand(['Vilka kriterier har Kungälv för IOP?'], config)).stdout;
    expect(text).toMatch(/KS2019\/2069/);
    expect(text).not.toMatch(SEED_FILE);
  });
});

describe('a guideline past its end date', () => {
  const ask = (question: string, today: string, municipality?: string) =>
    answerQuestion(
      { knowledge, municipalities },
      {
        question,
        fallbackLanguage: 'sv',
        today,
        municipality: municipality ? municipalities.get(municipality) : undefined,
      },
    );

  it('says so in one short line when the answer draws on it', () => {
    const answer = ask('vilka kriterier gäller?', '2026-03-01', 'kungalv');
    expect(answer.passages[0]?.municipality).toBe('kungalv');
    const notes = answer.parts.filter((p) => /gällde till 2023-12-31/.test(p.text));
    expect(notes).toHaveLength(1);
    expect(notes[0]?.text.length).toBeLessThan(120);
  });

  it('says nothing while the guideline is valid, or when the answer does not draw on it', () => {
    expect(ask('vilka kriterier gäller?', '2023-06-01', 'kungalv').text).not.toMatch(/gällde till/);
    expect(ask('vad är de minimis-stöd?', '2026-03-01').text).not.toMatch(/gällde till/);
  });
});
