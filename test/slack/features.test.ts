import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../support/clock.ts';
import { postCommand, postEvent, postInteraction } from '../support/slack-requests.ts';
import type { RecordedCall } from '../support/slack-web-api.ts';
import { buttonPress, mentionEvent, slashCommand, threadReplyEvent } from './fixtures.ts';
import { buttonsOf, type SlackHarness, startSlackHarness, textOf } from './harness.ts';

const clock = new FakeClock(new Date('2026-11-22T09:00:00Z'));
let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness('features', { clock });
});
afterAll(() => h.close());
beforeEach(() => h.api.reset());

const posted = (call: RecordedCall) => String(call.response?.ts);
const button = (call: RecordedCall, label: RegExp) => {
  const found = buttonsOf(call.args).find((b) => label.test(b.label));
  if (!found)
    throw new Error(
      `no button ${label} in ${buttonsOf(call.args)
        .map((b) => b.label)
        .join(', ')}`,
    );
  return found;
};

describe('a checklist run by button presses in a channel thread', () => {
  it('asks for the case name, opens the run in the channel, and updates each answered question', async () => {
    const start = mentionEvent({ channel: 'C2', text: '<@UBOT> checklista' });
    await postEvent(h.eventsUrl, start);
    await h.settle();
    const [prompt] = h.api.callsTo('chat.postMessage');
    expect(prompt!.args).toMatchObject({ channel: 'C2', thread_ts: start.event.ts });
    expect(textOf(prompt!.args)).toMatch(/Vad heter ärendet/);

    // The name is typed as a reply in the thread, without a mention.
    await postEvent(
      h.eventsUrl,
      threadReplyEvent({ channel: 'C2', threadTs: start.event.ts, text: 'Röda korset – läxhjälp' }),
    );
    await h.settle();
    const [, intro, first] = h.api.callsTo('chat.postMessage');
    expect(intro!.args.thread_ts).toBeUndefined();
    expect(textOf(intro!.args)).toMatch(/Röda korset – läxhjälp/);
    expect(first!.args.thread_ts).toBe(posted(intro!));
    expect(textOf(first!.args)).toMatch(/Fråga 1 av \d+/);

    let question = first!;
    for (let i = 0; i < 20 && buttonsOf(question.args).some((b) => b.label === 'Ja'); i++) {
      const yes = button(question, /^Ja$/);
      const before = h.api.callsTo('chat.postMessage').length;
      await postInteraction(
        h.eventsUrl,
        buttonPress({
          actionId: yes.actionId,
          value: yes.value,
          channel: 'C2',
          messageTs: posted(question),
          threadTs: posted(intro!),
        }),
      );
      await h.settle();
      const update = h.api.callsTo('chat.update').at(-1)!;
      expect(update.args).toMatchObject({ channel: 'C2', ts: posted(question) });
      expect(textOf(update.args)).toMatch(/Ja/);
      expect(textOf(update.args)).toMatch(/Person U1/);
      const next = h.api.callsTo('chat.postMessage').slice(before);
      expect(next.length).toBeGreaterThan(0);
      for (const call of next) expect(call.args.thread_ts).toBe(posted(intro!));
      question = next.at(-1)!;
    }
    const summary = question;
    expect(textOf(summary.args)).toMatch(/Röda korset – läxhjälp/);

    // The summary's export arrives as a Word document and a Markdown file in the run's thread (files.uploadV2).
    const exportButton = buttonsOf(summary.args).find((b) => b.actionId.startsWith('checklist:export'));
    expect(exportButton).toBeDefined();
    await postInteraction(
      h.eventsUrl,
      buttonPress({
        actionId: exportButton!.actionId,
        value: exportButton!.value,
        channel: 'C2',
        messageTs: posted(summary),
        threadTs: posted(intro!),
      }),
    );
    await h.settle();
    const [complete] = h.api.callsTo('files.completeUploadExternal');
    expect(complete!.args).toMatchObject({ channel_id: 'C2', thread_ts: posted(intro!) });
    const [docx, markdown] = h.api.callsTo('file_upload');
    expect(String(docx!.args.content)).toContain('word/document.xml');
    expect(String(markdown!.args.content)).toMatch(/Röda korset – läxhjälp/);
  });
});

describe('a checklist started with /iop in a channel', () => {
  it('posts the prompt in the channel; the name given in its thread starts the run', async () => {
    await postCommand(
      h.eventsUrl,
      slashCommand({ text: 'checklista', channel: 'C4', responseUrl: h.api.responseUrl('c4') }),
    );
    await h.settle();
    const [prompt] = h.api.callsTo('chat.postMessage');
    expect(prompt!.args.thread_ts).toBeUndefined();
    expect(textOf(prompt!.args)).toMatch(/Vad heter ärendet/);
    await postEvent(
      h.eventsUrl,
      threadReplyEvent({ channel: 'C4', threadTs: posted(prompt!), text: 'Stadsmissionen – matkasse' }),
    );
    await h.settle();
    const [, intro, first] = h.api.callsTo('chat.postMessage');
    expect(textOf(intro!.args)).toMatch(/Stadsmissionen – matkasse/);
    expect(first!.args.thread_ts).toBe(posted(intro!));
  });
});

describe('a reminder set, delivered and snoozed in Slack', () => {
  it('is delivered into the thread it was set in, mentioning the owner, and snoozes by button', async () => {
    const set = mentionEvent({ channel: 'C3', text: '<@UBOT> påminn mig i morgon kl 9 att ringa Anna <!channel>' });
    await postEvent(h.eventsUrl, set);
    await h.settle();
    const [confirmation] = h.api.callsTo('chat.postMessage');
    expect(confirmation!.args).toMatchObject({ channel: 'C3', thread_ts: set.event.ts });
    expect(textOf(confirmation!.args)).toMatch(/måndag 23 november 2026 kl\. 09:00/);

    const [pending] = (await h.runtime.reminders.scheduler.list('slack')).filter(
      (o) => o.dueAt.toISOString() === '2026-11-23T08:00:00.000Z',
    );
    expect(pending).toBeDefined();
    clock.advance(23 * 60 * 60 * 1000);
    const outcome = await h.delivery!.handleDue({ ...pending!, attempt: 1, finalAttempt: false });
    expect(outcome).toMatchObject({ kind: 'delivered' });
    const delivered = h.api.callsTo('chat.postMessage').at(-1)!;
    expect(delivered.args).toMatchObject({ channel: 'C3', thread_ts: set.event.ts });
    expect(String(delivered.args.text)).toMatch(/^<@U1> /);
    expect(textOf(delivered.args)).toContain('ringa Anna @channel');
    expect(JSON.stringify(delivered.args)).not.toContain('<!channel>');

    const snooze = button(delivered, /1 timme|timme/);
    await postInteraction(
      h.eventsUrl,
      buttonPress({
        actionId: snooze.actionId,
        value: snooze.value,
        channel: 'C3',
        messageTs: posted(delivered),
        threadTs: set.event.ts,
      }),
    );
    await h.settle();
    const update = h.api.callsTo('chat.update').at(-1)!;
    expect(update.args).toMatchObject({ channel: 'C3', ts: posted(delivered) });
    expect(textOf(update.args)).toMatch(/kl\. 10:00/);
    // (The occurrence we delivered by hand stays queued; the worker would skip it as stale.)
    const next = (await h.runtime.reminders.scheduler.list('slack')).find(
      (o) => o.reminderId === pending!.reminderId && o.occurrence === 1,
    );
    expect(next?.dueAt.toISOString()).toBe('2026-11-23T09:00:00.000Z');
  });
});
