/**
 * Forged button presses over the real Slack protocol: a signed `block_actions` that carries a run id of a
 * checklist in another channel is refused, ephemerally, and neither changes nor reveals the run.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postEvent, postInteraction } from '../support/slack-requests.ts';
import type { RecordedCall } from '../support/slack-web-api.ts';
import { buttonPress, mentionEvent, threadReplyEvent } from './fixtures.ts';
import { buttonsOf, type SlackHarness, startSlackHarness, textOf } from './harness.ts';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness('checklist-access');
});
afterAll(() => h.close());
beforeEach(() => h.api.reset());

const CASE = 'Hemliga föreningen – stödsamtal';
const posted = (call: RecordedCall) => String(call.response?.ts);
const button = (call: RecordedCall, label: RegExp) => {
  const found = buttonsOf(call.args).find((b) => label.test(b.label));
  if (!found) throw new Error(`no button ${label} in ${buttonsOf(call.args).map((b) => b.label)}`);
  return found;
};

/** Starts a run in channel C7 by U1; returns the intro and the first question as posted. */
async function startRun(): Promise<{ intro: RecordedCall; question: RecordedCall }> {
  const start = mentionEvent({ channel: 'C7', text: '<@UBOT> checklista', user: 'U1' });
  await postEvent(h.eventsUrl, start);
  await h.settle();
  await postEvent(h.eventsUrl, threadReplyEvent({ channel: 'C7', threadTs: start.event.ts, text: CASE, user: 'U1' }));
  await h.settle();
  const [, intro, question] = h.api.callsTo('chat.postMessage');
  expect(textOf(question!.args)).toMatch(/Fråga 1 av \d+/);
  h.api.reset();
  return { intro: intro!, question: question! };
}

describe('a checklist run pressed from elsewhere in Slack', () => {
  it('refuses forged presses from another channel and a DM, ephemerally, and changes and reveals nothing', async () => {
    const { intro, question } = await startRun();
    const yes = button(question, /^Ja$/);
    const { runId } = JSON.parse(yes.value) as { runId: string };
    const forged = [
      yes,
      button(question, /^Hoppa över$/),
      button(question, /^Varför frågar vi\?$/),
      button(question, /^Avbryt$/),
      { actionId: 'checklist:continue', value: JSON.stringify({ runId }) },
      { actionId: 'checklist:export', value: JSON.stringify({ runId }) },
    ];
    const places = [
      { channel: 'C9', user: 'U5' },
      { channel: 'D5', user: 'U5' },
    ];
    let sent = 0;
    for (const place of places) {
      for (const press of forged) {
        await postInteraction(
          h.eventsUrl,
          buttonPress({
            actionId: press.actionId,
            value: press.value,
            channel: place.channel,
            user: place.user,
            responseUrl: h.api.responseUrl(`forged-${++sent}`),
          }),
        );
      }
    }
    await h.settle();

    const answers = h.api.callsTo('response_url');
    expect(answers).toHaveLength(sent);
    for (const answer of answers) {
      expect(answer.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(textOf(answer.args)).toMatch(/Den checklistan hör till en annan konversation/);
    }
    // Nothing was posted, updated or uploaded anywhere, and the case name went nowhere.
    expect(h.api.calls.map((c) => c.method).filter((m) => m !== 'response_url' && m !== 'users.info')).toEqual([]);
    expect(JSON.stringify(h.api.calls)).not.toContain('Hemliga föreningen');

    // The run is as it was: the first question still takes its first answer, in the run's thread.
    await postInteraction(
      h.eventsUrl,
      buttonPress({
        actionId: yes.actionId,
        value: yes.value,
        channel: 'C7',
        user: 'U1',
        messageTs: posted(question),
        threadTs: posted(intro),
      }),
    );
    await h.settle();
    const [update] = h.api.callsTo('chat.update');
    expect(update!.args).toMatchObject({ channel: 'C7', ts: posted(question) });
    expect(textOf(update!.args)).toMatch(/Svar: \*Ja\* \(Person U1\)/);
    const [next] = h.api.callsTo('chat.postMessage');
    expect(next!.args.thread_ts).toBe(posted(intro));
    expect(textOf(next!.args)).toMatch(/Fråga 2 av \d+/);
  });

  it('sends the starter’s export from another channel to her DM, not into that channel', async () => {
    const { question } = await startRun();
    const { runId } = JSON.parse(button(question, /^Ja$/).value) as { runId: string };
    await postInteraction(
      h.eventsUrl,
      buttonPress({
        actionId: 'checklist:export',
        value: JSON.stringify({ runId }),
        channel: 'C9',
        user: 'U1',
        responseUrl: h.api.responseUrl('export'),
      }),
    );
    await h.settle();
    const [complete] = h.api.callsTo('files.completeUploadExternal');
    expect(complete!.args.channel_id).toBe('D1');
    const [docx, markdown] = h.api.callsTo('file_upload');
    expect(String(docx!.args.content)).toContain('word/document.xml');
    expect(String(markdown!.args.content)).toContain('Hemliga föreningen');
    expect(h.api.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C9')).toEqual([]);
  });
});
