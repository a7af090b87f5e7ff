import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { feedbackComment, parseActivity } from '../../src/adapters/teams/inbound.ts';
import { renderReply } from '../../src/adapters/teams/render.ts';
import type { Answer } from '../../src/core/qa/answer-context.ts';
import { listFeedback } from '../../src/core/qa/feedback.ts';
import { renderAnswer } from '../../src/core/qa/render-answer.ts';
import { ANNA, personalMessage } from './fixtures.ts';
import { startTeamsHarness, type TeamsHarness } from './harness.ts';

const serviceUrl = 'https://smba.trafficmanager.net/emea/';

function answer(overrides: Partial<Answer> = {}): Answer {
  return {
    status: 'answered',
    language: 'sv',
    question: 'Vad är IOP?',
    title: 'Vad är IOP?',
    parts: [{ text: 'IOP är ett avtal mellan kommun och idéburen organisation.' }],
    more: ['iop-def'],
    text: 'IOP är ett avtal mellan kommun och idéburen organisation.',
    sources: [],
    citations: [
      {
        publisher: 'Kungälvs kommun',
        title: 'Riktlinjer för idéburet offentligt partnerskap',
        kind: 'municipal',
        date: '2021-03-04',
        url: 'https://www.kungalv.se/iop',
      },
      { publisher: 'Upphandlingsmyndigheten', title: 'Idéburet offentligt partnerskap', url: 'https://uhm.se/iop' },
    ],
    confidence: 0.9,
    score: 10,
    followUps: ['Vem kan teckna IOP?', 'Hur lång tid gäller ett IOP?', 'Är IOP upphandling?'],
    offerChecklist: true,
    passages: [],
    ...overrides,
  };
}

const feedbackInvoke = (replyToId: string, reaction: 'like' | 'dislike', feedback: unknown) => ({
  ...personalMessage(serviceUrl, ''),
  type: 'invoke',
  name: 'message/submitAction',
  text: undefined,
  replyToId,
  value: { actionName: 'feedback', actionValue: { reaction, feedback } },
});

describe('Teams native surfaces in personal and group chats', () => {
  it('sends an answer as text with [n] markers and schema.org citations, not a source list', () => {
    const [message, ...rest] = renderReply(renderAnswer(answer(), 'a1'), [], { native: true });
    expect(rest).toEqual([]);
    expect(message?.text).toMatch(/^\*\*Vad är IOP\?\*\*\n\nIOP är ett avtal .* \[1\]\[2\]$/);
    expect(message?.text).not.toContain('https://');
    expect(message?.entities).toEqual([
      {
        type: 'https://schema.org/Message',
        '@type': 'Message',
        '@context': 'https://schema.org',
        '@id': '',
        citation: [
          {
            '@type': 'Claim',
            position: 1,
            appearance: {
              '@type': 'DigitalDocument',
              name: 'Riktlinjer för idéburet offentligt partnerskap',
              abstract: 'Kungälvs kommun · kommun eller region · 2021-03-04',
              url: 'https://www.kungalv.se/iop',
            },
          },
          {
            '@type': 'Claim',
            position: 2,
            appearance: {
              '@type': 'DigitalDocument',
              name: 'Idéburet offentligt partnerskap',
              abstract: 'Upphandlingsmyndigheten',
              url: 'https://uhm.se/iop',
            },
          },
        ],
      },
    ]);
    // Knowledge text, not generated: no "AI generated" label.
    expect(JSON.stringify(message)).not.toContain('AIGeneratedContent');
  });

  it('offers three follow-ups as suggested actions and the rest (Visa mer, the checklist) as card buttons', () => {
    const [message] = renderReply(renderAnswer(answer(), 'a1'), [], { native: true });
    expect(message?.suggestedActions).toEqual({
      actions: [
        { type: 'imBack', title: 'Vem kan teckna IOP?', value: 'Vem kan teckna IOP?' },
        { type: 'imBack', title: 'Hur lång tid gäller ett IOP?', value: 'Hur lång tid gäller ett IOP?' },
        { type: 'imBack', title: 'Är IOP upphandling?', value: 'Är IOP upphandling?' },
      ],
    });
    const card = message?.attachments?.[0]?.content;
    const verbs = JSON.stringify(card?.body);
    expect(verbs).toContain('answer:more');
    expect(verbs).toContain('say:text');
    expect(verbs).not.toContain('feedback:');
  });

  it("uses Teams' own feedback controls instead of 👍/👎 buttons", () => {
    const [message] = renderReply(renderAnswer(answer({ followUps: [], more: [] }), 'a1'), [], { native: true });
    expect(message?.channelData).toEqual({ feedbackLoop: { type: 'default' } });
    expect(JSON.stringify(message)).not.toContain('feedback:up');
  });

  it('asks "Menade du …?" with the candidates as suggested actions', () => {
    const clarify = answer({ status: 'clarify', text: 'Menade du …?', clarify: ['Vad är IOP?', 'Vad är LOU?'] });
    const [message] = renderReply(renderAnswer(clarify, 'a1'), [], { native: true });
    expect(message?.text).toBe('Menade du …?');
    expect(message?.suggestedActions?.actions.map((a) => a.value)).toEqual([
      'Vad är IOP?',
      'Vad är LOU?',
      '/iop checklista',
    ]);
    expect(message?.attachments).toBeUndefined();
  });

  it('keeps the source list and the own buttons in channels, where Teams has neither', () => {
    const [message] = renderReply(renderAnswer(answer(), 'a1'), [], { native: false });
    const body = JSON.stringify(message?.attachments?.[0]?.content);
    expect(body).toContain('https://www.kungalv.se/iop');
    expect(body).toContain('feedback:up');
    expect(message?.entities).toBeUndefined();
    expect(message?.suggestedActions).toBeUndefined();
  });
});

describe("Teams' feedback invoke", () => {
  it('becomes the feedback action with the comment from the JSON the comment box sends', () => {
    const parsed = parseActivity(feedbackInvoke('1732266000999', 'dislike', '{"feedbackText":"Fel kommun"}'));
    expect(parsed).toMatchObject({
      kind: 'feedback',
      messageId: '1732266000999',
      turn: { input: { kind: 'action', actionId: 'feedback:down', comment: 'Fel kommun' } },
    });
    expect(feedbackComment('{"feedbackText":"  "}')).toBeUndefined();
    expect(feedbackComment('bara text')).toBe('bara text');
    expect(parseActivity(feedbackInvoke('', 'like', '')).kind).toBe('ignore');
  });

  describe('end to end', () => {
    let h: TeamsHarness;
    beforeAll(async () => {
      h = await startTeamsHarness({ name: 'teams-native-feedback' });
    });
    afterAll(() => h.close());
    beforeEach(() => h.connector.reset());

    it('records a rating with its comment against the answer the rated message carried', async () => {
      const url = h.connector.serviceUrl;
      await h.post(personalMessage(url, 'Vad är IOP?'));
      const [posted] = h.connector.messages();
      expect(posted?.activity.channelData).toMatchObject({ feedbackLoop: { type: 'default' } });
      const invoke = { ...feedbackInvoke(posted?.assignedId ?? '', 'dislike', '{"feedbackText":"För kort"}') };
      const res = await h.post({ ...invoke, serviceUrl: url, from: ANNA });
      expect(res.status).toBe(200);
      // Teams thanks the person itself: nothing is posted.
      expect(h.connector.messages()).toHaveLength(1);
      const votes = (await listFeedback(h.runtime.store)).filter((e) => e.kind === 'down');
      expect(votes).toEqual([expect.objectContaining({ question: 'Vad är IOP?', comment: 'För kort' })]);
    });
  });
});
