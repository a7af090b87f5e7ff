/**
 * One language per person in Teams: the welcome, the prompt starters' answers, suggested actions, card-press
 * notices, file texts and replies all follow the client's language, or the language the person chose with
 * `/iop språk`, never a mix. Over /api/messages with Bot Framework activities, as Teams sends them.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../src/core/i18n/translator.ts';
import type { ConnectorCall } from '../support/bot-connector.ts';
import { actionsOf, button, textOf } from './cards.ts';
import { botAdded, cardAction, personalMessage, TENANT_ID } from './fixtures.ts';
import { startTeamsHarness, type TeamsHarness } from './harness.ts';

const sv = translator('sv');
const en = translator('en');

const SV_WORDS = new Set(['är', 'och', 'att', 'för', 'som', 'ett', 'det', 'vad', 'hur', 'kan', 'med', 'om', 'jag']);
const EN_WORDS = new Set(['is', 'the', 'and', 'to', 'for', 'what', 'how', 'can', 'with', 'of', 'an', 'i', 'must']);

/** Which language a text is in, by its common words (the Swedish name "idéburet …" appears in English too). */
function languageOf(text: string): 'sv' | 'en' | 'unknown' {
  const words = text.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  const svCount = words.filter((w) => SV_WORDS.has(w)).length;
  const enCount = words.filter((w) => EN_WORDS.has(w)).length;
  if (svCount === enCount) return 'unknown';
  return svCount > enCount ? 'sv' : 'en';
}

/** Everything a message shows: its text or card, its buttons and its suggested actions. */
function shown(call: ConnectorCall | undefined): { text: string; buttons: string[]; suggested: string[] } {
  const suggested = (call?.activity as { suggestedActions?: { actions: Array<{ title: string }> } } | undefined)
    ?.suggestedActions?.actions;
  return {
    text: textOf(call),
    buttons: actionsOf(call).map((a) => a.title),
    suggested: (suggested ?? []).map((a) => a.title),
  };
}

/** The prompt starters of the manifest in one language: what Teams sends when one is pressed. */
function promptStarters(language: 'sv' | 'en'): string[] {
  const dir = new URL('../../manifests/teams/', import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8'));
  const commands = manifest.bots[0].commandLists[0].commands as Array<{ type?: string; prompt?: string }>;
  if (language === 'sv') return commands.flatMap((c) => (c.type === 'prompt' && c.prompt ? [c.prompt] : []));
  const localized = JSON.parse(readFileSync(new URL('en-us.json', dir), 'utf8')) as Record<string, string>;
  return commands.flatMap((c, i) =>
    c.type === 'prompt' ? [localized[`bots[0].commandLists[0].commands[${i}].prompt`] as string] : [],
  );
}

const clientInfo = (locale: string) => ({
  type: 'clientInfo',
  locale,
  country: locale.slice(-2),
  platform: 'Web',
  timezone: 'Europe/Stockholm',
});
/** What marks an activity as coming from a client in `locale`. */
const client = (locale: string) => ({ locale, entities: [clientInfo(locale)] });

describe('Teams speaks the person’s language everywhere', () => {
  let h: TeamsHarness;
  let serviceUrl: string;
  let n = 0;

  beforeAll(async () => {
    h = await startTeamsHarness({ name: 'teams-language' });
    serviceUrl = h.connector.serviceUrl;
  });
  afterAll(() => h.close());
  beforeEach(() => h.connector.reset());

  /** A person of their own (users keep a chosen language across conversations) in a personal chat of their own. */
  function person(locale: string) {
    const id = ++n;
    const from = { id: `29:lang-${id}`, name: `Person ${id}`, aadObjectId: `lang-${id}` };
    const conversation = { conversationType: 'personal', tenantId: TENANT_ID, id: `a:1lang-${id}` };
    return {
      from,
      conversation,
      say: (text: string, locale_ = locale) =>
        h.post(personalMessage(serviceUrl, text, { from, conversation, ...client(locale_) })),
      /** The bot added to a new group chat by this person. */
      addToGroupChat: (overrides: Record<string, unknown> = client(locale)) =>
        h.post(
          botAdded(serviceUrl, 'channel', {
            from,
            conversation: {
              isGroup: true,
              conversationType: 'groupChat',
              tenantId: TENANT_ID,
              id: `19:lang-${++n}@thread.v2`,
            },
            channelData: { tenant: { id: TENANT_ID } },
            ...overrides,
          }),
        ),
    };
  }

  /** The messages sent since the last call, each with the language of everything it shows. */
  function replies() {
    const calls = h.connector.messages().filter((c) => c.activity.type === 'message');
    h.connector.reset();
    return calls.map(shown);
  }

  function expectAllIn(language: 'sv' | 'en', messages: ReturnType<typeof replies>) {
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      expect({ text: message.text, language: languageOf(message.text) }).toMatchObject({ language });
      for (const suggestion of message.suggested) {
        expect({ suggestion, language: languageOf(suggestion) }).not.toMatchObject({
          language: language === 'sv' ? 'en' : 'sv',
        });
      }
    }
  }

  function expectWelcomeIn(language: 'sv' | 'en', messages: ReturnType<typeof replies>) {
    const t = language === 'sv' ? sv : en;
    expect(messages).toHaveLength(1);
    expect(messages[0]?.text).toContain(t('teams.welcome.title'));
    expect(messages[0]?.text).toContain(t('teams.welcome.groupHint'));
  }

  it.each([
    ['sv', 'sv-SE'],
    ['en', 'en-US'],
  ] as const)(
    'in a %s client: the welcome, the prompt starters and the replies are all in it',
    async (language, locale) => {
      const p = person(locale);
      await p.addToGroupChat();
      expectWelcomeIn(language, replies());

      for (const prompt of promptStarters(language)) {
        await p.say(prompt);
        expectAllIn(language, replies());
      }
      // The help card's buttons too (its language button offers the other language, in that language).
      await p.say(language === 'sv' ? '/iop hjälp' : '/iop help');
      const [help] = replies();
      const t = language === 'sv' ? sv : en;
      expect(help?.buttons).toContain(t('help.buttons.checklist'));
    },
  );

  it('welcomes in the client’s language when Teams names it only in the clientInfo entity', async () => {
    const p = person('en-US');
    await p.addToGroupChat({ entities: [clientInfo('en-US')] });
    expectWelcomeIn('en', replies());
  });

  it('after /iop språk en in a Swedish client, everything is in English, until /iop lang sv', async () => {
    const p = person('sv-SE');
    await p.say('/iop språk en');
    expect(replies()[0]?.text).toBe(en('settings.languageSet'));

    // A Swedish prompt starter (the client's), answered in the chosen language.
    await p.say('Vad är IOP?');
    expectAllIn('en', replies());
    await p.addToGroupChat();
    expectWelcomeIn('en', replies());

    // A button press: its notice under the card, and the reply it brings.
    await p.say('/iop hjälp');
    const [help] = h.connector.messages();
    h.connector.reset();
    const whatIs = button(help, en('help.buttons.whatIsIop'));
    const res = await h.post(
      cardAction(
        serviceUrl,
        {
          verb: whatIs.verb,
          value: whatIs.value,
          replyToId: help?.assignedId ?? '',
          conversation: p.conversation,
          from: p.from,
        },
        client('sv-SE'),
      ),
    );
    expect((res.body as { value: string }).value).toBe(en('teams.actionDone'));
    await h.teams.idle();
    expectAllIn('en', replies());

    // Back to Swedish, from an English client this time.
    await p.say('/iop lang sv', 'en-US');
    expect(replies()[0]?.text).toBe(sv('settings.languageSet'));
    await p.say('What is IOP?', 'en-US');
    expectAllIn('sv', replies());
    await p.addToGroupChat(client('en-US'));
    expectWelcomeIn('sv', replies());
  });

  it('answers a file consent card in the chosen language, not the client’s', async () => {
    const p = person('sv-SE');
    await p.say('/iop språk en');
    h.connector.reset();
    const consentAnswer = {
      ...personalMessage(serviceUrl, '', { from: p.from, conversation: p.conversation, ...client('sv-SE') }),
      type: 'invoke',
      name: 'fileConsent/invoke',
      text: undefined,
      replyToId: '1732266000999',
      value: { type: 'fileUpload', action: 'decline', context: { fileId: '6f1c1d7e-3b0a-4e8f-9a51-2c7d8e9f0a1b' } },
    };
    expect((await h.post(consentAnswer)).status).toBe(200);
    await h.teams.idle();
    const settled = h.connector.calls.find((c) => c.method === 'PUT');
    expect(textOf(settled)).toBe(en('teams.file.declined'));
  });
});
