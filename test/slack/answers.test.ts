/**
 * Answers from the knowledge as Slack shows them, through the real app and bot: Slack's own feedback thumbs, the
 * knowledge text as Markdown, and every part within Slack's limits.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportFeedback } from '../../src/cli/feedback-command.ts';
import { postEvent, postInteraction } from '../support/slack-requests.ts';
import type { RecordedCall } from '../support/slack-web-api.ts';
import { buttonPress, mentionEvent } from './fixtures.ts';
import { type SlackHarness, startSlackHarness } from './harness.ts';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness('answers');
});
afterAll(() => h.close());
beforeEach(() => h.api.reset());

type Block = { type: string; [key: string]: unknown };
const blocksOf = (call: RecordedCall) => (call.args.blocks as Block[] | undefined) ?? [];

async function ask(question: string): Promise<RecordedCall> {
  const event = mentionEvent({ text: `<@UBOT> ${question}` });
  await postEvent(h.eventsUrl, event);
  await h.settle();
  const [answer] = h.api.callsTo('chat.postMessage');
  if (!answer) throw new Error(`no answer to ${question}`);
  return answer;
}

/** A press on one thumb of a feedback_buttons element, as Slack sends it. */
function feedbackPress(answer: RecordedCall, element: Record<string, unknown>, thumb: 'positive' | 'negative') {
  const button = element[`${thumb}_button`] as { value: string; text: unknown };
  const press = buttonPress({
    actionId: String(element.action_id),
    value: button.value,
    channel: String(answer.args.channel),
    messageTs: String(answer.response?.ts),
    threadTs: String(answer.args.thread_ts),
    responseUrl: h.api.responseUrl('vote'),
  });
  press.actions = [{ ...press.actions[0]!, type: 'feedback_buttons', text: button.text as never, value: button.value }];
  return press;
}

describe('feedback on an answer', () => {
  it("offers Slack's own thumbs, not a row of buttons; a vote reaches the feedback export", async () => {
    const answer = await ask('Vad är IOP?');
    const blocks = blocksOf(answer);
    const feedback = blocks.filter((b) => b.type === 'context_actions');
    expect(feedback).toHaveLength(1);
    expect(blocks.at(-1)).toBe(feedback[0]);
    const [element] = feedback[0]!.elements as Array<Record<string, unknown>>;
    expect(element).toMatchObject({
      type: 'feedback_buttons',
      positive_button: { text: { type: 'plain_text', text: '👍 Bra svar' }, accessibility_label: 'Bra svar' },
      negative_button: { text: { type: 'plain_text', text: '👎 Inte bra' }, accessibility_label: 'Inte bra' },
    });
    const actions = blocks
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements as Array<{ action_id: string }>);
    expect(actions.map((a) => a.action_id)).not.toContain('feedback:up');

    await postInteraction(h.eventsUrl, feedbackPress(answer, element!, 'negative'));
    await h.settle();
    expect(h.api.callsTo('response_url')[0]!.args).toMatchObject({ response_type: 'ephemeral' });
    const { csv } = await exportFeedback(h.runtime.store);
    const votes = csv.split('\r\n').filter((line) => /,down,/.test(line));
    expect(votes).toHaveLength(1);
    expect(votes[0]).toContain('Vad är IOP?');
  });

  it('answers a forged vote politely and records nothing', async () => {
    const answer = await ask('Vad skiljer IOP från föreningsbidrag?');
    const [element] = blocksOf(answer).find((b) => b.type === 'context_actions')!.elements as Array<
      Record<string, unknown>
    >;
    const forged = {
      ...element!,
      positive_button: { text: { type: 'plain_text', text: 'x' }, value: 'checklist:start x' },
    };
    const before = (await exportFeedback(h.runtime.store)).count;
    await postInteraction(h.eventsUrl, feedbackPress(answer, forged, 'positive'));
    await h.settle();
    expect(h.api.callsTo('response_url')).toHaveLength(1);
    expect((await exportFeedback(h.runtime.store)).count).toBe(before);
  });
});

describe('the knowledge text', () => {
  it('is a markdown block under the question it answers, so its lists and links render as written', async () => {
    const answer = await ask('Vad är IOP?');
    const [title, body] = blocksOf(answer);
    expect(title).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
    expect(body).toMatchObject({ type: 'markdown', text: expect.stringMatching(/partnerskap/) });
    expect(answer.args.text).toEqual(expect.stringMatching(/partnerskap/));
  });
});
