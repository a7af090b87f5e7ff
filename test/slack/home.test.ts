import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postEvent, postInteraction } from '../support/slack-requests.ts';
import { buttonPress, dmEvent, homeOpenedEvent } from './fixtures.ts';
import { type SlackHarness, startSlackHarness, textOf } from './harness.ts';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness('home');
});
afterAll(() => h.close());
beforeEach(() => h.api.reset());

type ViewBlock = { type: string; block_id?: string; elements?: Array<Record<string, unknown>> };
const viewOf = (args: Record<string, unknown>) => args.view as { type: string; blocks: ViewBlock[] };

describe('App Home', () => {
  it('publishes reminders, unfinished checklists, quick actions and settings when the Home tab opens', async () => {
    expect((await postEvent(h.eventsUrl, homeOpenedEvent({ user: 'U7' }))).status).toBe(200);
    const [publish] = await h.api.waitFor('views.publish');
    expect(publish!.args.user_id).toBe('U7');
    const view = viewOf(publish!.args);
    expect(view.type).toBe('home');
    const text = textOf({ blocks: view.blocks });
    for (const heading of ['IOP-assistenten', 'påminnelser', 'Inställningar']) {
      expect(text).toContain(heading);
    }
    expect(text).toMatch(/Hej! Jag är IOP-assistenten/);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(new Set(view.blocks.map((b) => b.block_id)).size).toBe(view.blocks.length);
    const elements = view.blocks.flatMap((b) => b.elements ?? []);
    expect(elements.filter((e) => e.type === 'button').map((e) => e.action_id)).toEqual(
      expect.arrayContaining(['say:text', 'settings:lang', 'settings:lang~2']),
    );
    const select = elements.find((e) => e.type === 'static_select');
    expect(select).toMatchObject({ action_id: 'settings:municipality' });
    expect((select!.options as unknown[]).length).toBeGreaterThan(0);
  });

  it('publishes a full Home again for a redelivered event', async () => {
    const event = homeOpenedEvent({ user: 'U6' });
    await postEvent(h.eventsUrl, event);
    await postEvent(h.eventsUrl, event, { retryNum: 1 });
    await h.settle();
    const publishes = h.api.callsTo('views.publish');
    expect(publishes).toHaveLength(2);
    for (const p of publishes) expect(textOf({ blocks: viewOf(p.args).blocks })).toMatch(/Hej! Jag är IOP-assistenten/);
  });

  it('lists the reminders and assessments a chat would list', async () => {
    const say = async (text: string) => {
      await postEvent(h.eventsUrl, dmEvent({ text, user: 'U21', channel: 'D21' }));
      await h.settle();
    };
    await say('påminn mig i morgon kl 9 att ringa Röda korset');
    await say('checklista');
    await say('Läxhjälp i Ytterby');
    await postEvent(h.eventsUrl, homeOpenedEvent({ user: 'U21' }));
    await h.settle();
    const [publish] = h.api.callsTo('views.publish');
    const home = textOf({ blocks: viewOf(publish!.args).blocks });
    expect(home).toMatch(/ringa Röda korset/);
    expect(home).toMatch(/Läxhjälp i Ytterby/);
  });

  it("opening the Home tab does not use up the user's turns: a question after 20 opens is answered", async () => {
    for (let open = 0; open < 20; open++) await postEvent(h.eventsUrl, homeOpenedEvent({ user: 'U20' }));
    await h.settle();
    const publishes = h.api.callsTo('views.publish');
    expect(publishes).toHaveLength(20);
    for (const p of publishes) expect(textOf({ blocks: viewOf(p.args).blocks })).toMatch(/Hej! Jag är IOP-assistenten/);
    await postEvent(h.eventsUrl, dmEvent({ text: 'Vad är IOP?', user: 'U20', channel: 'D20' }));
    await h.settle();
    const [answer] = h.api.callsTo('chat.postMessage');
    expect(answer?.args.channel).toBe('D20');
    expect(answer?.args.text).toMatch(/partnerskap/i);
  });

  it('answers a Home button in the Messages tab and redraws the Home in the new language', async () => {
    await postInteraction(
      h.eventsUrl,
      buttonPress({ actionId: 'settings:lang~2', value: 'en', user: 'U8', inHome: true }),
    );
    await h.settle();
    const [post] = h.api.callsTo('chat.postMessage');
    expect(post!.args.channel).toBe('D8');
    expect(post!.args.text).toMatch(/^Done! I will answer in English/);
    const [publish] = h.api.callsTo('views.publish');
    expect(textOf({ blocks: viewOf(publish!.args).blocks })).toContain('Settings');
  });

  it('sets the municipality from the Home menu', async () => {
    const press = buttonPress({ actionId: 'x', value: '', user: 'U9', inHome: true }) as Record<string, unknown>;
    press.actions = [
      {
        type: 'static_select',
        action_id: 'settings:municipality',
        block_id: 'home-x-20',
        selected_option: { text: { type: 'plain_text', text: 'Kungälv', emoji: true }, value: 'kungalv' },
        placeholder: { type: 'plain_text', text: 'Välj kommun', emoji: true },
        action_ts: '1700005555.000001',
      },
    ];
    await postInteraction(h.eventsUrl, press);
    await h.settle();
    expect(h.api.callsTo('chat.postMessage')[0]!.args.text).toMatch(/Kungälv/);
    const view = viewOf(h.api.callsTo('views.publish')[0]!.args);
    const select = view.blocks.flatMap((b) => b.elements ?? []).find((e) => e.type === 'static_select');
    expect(select?.initial_option).toMatchObject({ value: 'kungalv' });
  });
});

describe('Messages tab', () => {
  const SET_PROMPTS = 'assistant.threads.setSuggestedPrompts';

  it("offers four suggested prompts in the user's language when it opens, and publishes no Home", async () => {
    h.api.users.set('UEN2', { locale: 'en-US' });
    await postEvent(h.eventsUrl, homeOpenedEvent({ user: 'U5', tab: 'messages' }));
    await postEvent(h.eventsUrl, homeOpenedEvent({ user: 'UEN2', tab: 'messages', channel: 'DEN2' }));
    await h.settle();
    const calls = h.api.callsTo(SET_PROMPTS).map((c) => c.args);
    expect(calls).toHaveLength(2);
    const [sv, en] = ['D1', 'DEN2'].map((channel) => calls.find((args) => args.channel_id === channel));
    // No thread: in the Messages tab the prompts belong to the DM (Slack ignores a thread_ts there).
    expect(sv).toEqual({
      channel_id: 'D1',
      title: 'Förslag',
      prompts: [
        { title: 'Vad är IOP?', message: 'Vad är IOP?' },
        { title: 'IOP eller föreningsbidrag?', message: 'Vad skiljer IOP från föreningsbidrag?' },
        { title: 'Starta checklista', message: '/iop checklista' },
        { title: 'Mina påminnelser', message: '/iop påminnelser' },
      ],
    });
    expect(en).toMatchObject({ channel_id: 'DEN2', title: 'Suggestions' });
    expect((en!.prompts as Array<{ title: string }>).map((p) => p.title)).toEqual([
      'What is IOP?',
      'IOP or an association grant?',
      'Start checklist',
      'My reminders',
    ]);
    expect(h.api.callsTo('views.publish')).toEqual([]);
  });

  it('opens quietly where Slack refuses the prompts (no AI app feature)', async () => {
    h.api.fail(SET_PROMPTS, { error: 'not_allowed' });
    await postEvent(h.eventsUrl, homeOpenedEvent({ user: 'U5', tab: 'messages' }));
    await h.settle();
    expect(h.api.callsTo(SET_PROMPTS)).toHaveLength(1);
    expect(h.logs.filter((l) => l.level >= 40 && /prompts/.test(l.msg))).toEqual([]);
  });
});
