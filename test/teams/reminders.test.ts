import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, button, invokeCard, textOf } from './cards.ts';
import {
  ANNA,
  CHANNEL,
  cardAction,
  channelMention,
  channelThread,
  PERSONAL_CONVERSATION,
  personalMessage,
} from './fixtures.ts';
import { startTeamsHarness, type TeamsHarness } from './harness.ts';

describe('a reminder set in Teams', () => {
  let h: TeamsHarness;
  let serviceUrl: string;

  beforeAll(async () => {
    h = await startTeamsHarness({ name: 'teams-reminders' });
    serviceUrl = h.connector.serviceUrl;
  });
  afterAll(() => h.close());

  /** Makes the worker's moment come now: the occurrence is handed to delivery as BullMQ would hand it. */
  async function fallDue(text: RegExp) {
    const pending = await h.runtime.reminders.scheduler.list('teams');
    expect(pending.length).toBeGreaterThan(0);
    for (const occurrence of pending) {
      await h.delivery.handleDue({ ...occurrence, attempt: 1, finalAttempt: false });
    }
    // The occurrences stay queued in BullMQ (due in the future); handled once, they are skipped when they run.
    for (const occurrence of pending) await h.runtime.reminders.scheduler.cancel(occurrence);
    return h.connector.waitFor((calls) => calls.some((c) => text.test(textOf(c))));
  }

  it('is delivered proactively into the personal chat, with a Klar button that works', async () => {
    await h.post(personalMessage(serviceUrl, 'påminn mig om två veckor att ringa Stadsmissionen om hyran'));
    expect(textOf(h.connector.messages().at(-1))).toMatch(/ringa Stadsmissionen om hyran/);
    h.connector.reset();

    const calls = await fallDue(/ringa Stadsmissionen om hyran/);
    const delivered = calls.find((c) => /ringa Stadsmissionen om hyran/.test(textOf(c)));
    // A proactive post: into the conversation, not as a reply to anything.
    expect(delivered?.conversationId).toBe(PERSONAL_CONVERSATION);
    expect(delivered?.activityId).toBeUndefined();
    expect(actionsOf(delivered).map((a) => a.verb)).toEqual(expect.arrayContaining(['reminder:done']));

    const done = button(delivered, /^Klar/);
    const res = await h.post(
      cardAction(serviceUrl, { verb: done.verb, value: done.value, replyToId: delivered?.assignedId ?? '' }),
    );
    expect(res.status).toBe(200);
    const after = JSON.stringify(res.body);
    expect(after).toMatch(/application\/vnd\.microsoft\.(card\.adaptive|activity\.message)/);
    if ((res.body as { type: string }).type === 'application/vnd.microsoft.card.adaptive') {
      expect(actionsOf(invokeCard(res.body)).some((a) => a.verb === 'reminder:done')).toBe(false);
    }
    // Done means gone from the owner's list.
    h.connector.reset();
    await h.post(personalMessage(serviceUrl, '/iop påminnelser'));
    expect(textOf(h.connector.messages().at(-1))).not.toMatch(/ringa Stadsmissionen om hyran/);
  });

  it('is delivered into the channel thread it was set in, mentioning its owner', async () => {
    const mention = channelMention(serviceUrl, 'påminn mig i morgon kl 9 att skicka avtalet till nämnden');
    await h.post(mention);
    h.connector.reset();
    const calls = await fallDue(/skicka avtalet till nämnden/);
    const delivered = calls.find((c) => /skicka avtalet/.test(textOf(c)));
    expect(delivered?.conversationId).toBe(channelThread(mention.id).id);
    expect(delivered?.conversationId.startsWith(CHANNEL)).toBe(true);
    const card = delivered?.activity.attachments?.[0]?.content as { msteams?: { entities?: unknown[] } };
    expect(card.msteams?.entities).toEqual([
      { type: 'mention', text: `<at>${ANNA.name}</at>`, mentioned: { id: ANNA.aadObjectId, name: ANNA.name } },
    ]);
  });
});
