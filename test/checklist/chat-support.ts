/**
 * Drives the checklist through the bot the way an adapter would: replies get message ids, buttons are pressed
 * by label, and the turns come from colleagues in one Slack-like channel.
 */
import { expect } from 'vitest';
import type { Bot } from '../../src/core/bot.ts';
import { createBot } from '../../src/core/bot.ts';
import { createChecklistFeature } from '../../src/core/checklist/feature.ts';
import type { ChecklistDefinition } from '../../src/core/checklist/schema.ts';
import type { Feature } from '../../src/core/feature.ts';
import { createHelpFeature } from '../../src/core/features/help.ts';
import { createPrivacyFeature } from '../../src/core/features/privacy.ts';
import { createSettingsFeature } from '../../src/core/features/settings.ts';
import type { Button, Reply, Turn, TurnInput } from '../../src/core/model.ts';
import type { DocumentStore } from '../../src/core/ports/document-store.ts';
import type { DatedDocument } from '../../src/core/ports/knowledge-base.ts';
import type { Telemetry } from '../../src/core/telemetry.ts';
import { plainText } from '../../src/core/reply.ts';
import { loadChecklistKnowledge } from '../../src/infra/checklist-loader.ts';
import { silentLogger, testMunicipalities } from '../support/bot.ts';
import type { FakeClock } from '../support/clock.ts';
import { withoutUserTextMarks } from '../../src/core/user-text.ts';

const knowledgeDir = new URL('../../knowledge', import.meta.url).pathname;
/** The shipped checklists and source registry, loaded once. */
export const shipped = await loadChecklistKnowledge(knowledgeDir);

/** Who presses: platform-qualified id and display name. */
export interface Person {
  id: string;
  name: string;
}
export const anna: Person = { id: 'slack:T1:U1', name: 'Anna Berg' };
export const bo: Person = { id: 'slack:T1:U2', name: 'Bo Ek' };

/** A channel, and a thread (conversation) in it. */
export const CHANNEL = 'slack:T1:C1';
export const thread = (ts: string) => `${CHANNEL}:${ts}`;

/** A reply as the test adapter posted it, with the id a platform would have given it. */
export interface Posted {
  reply: Reply;
  messageId: string;
}

let turns = 0;
let messages = 0;
let runs = 0;

function withPrivacy(features: Feature[]): Feature[] {
  return [createPrivacyFeature(() => features), ...features];
}

/** A bot with the checklist (wired as in runtime.ts), privacy, help and settings over `store`. */
export function checklistBot(
  store: DocumentStore,
  clock: FakeClock,
  options: {
    ttlMs?: number;
    checklists?: ReadonlyMap<string, ChecklistDefinition>;
    telemetry?: Telemetry;
    datedDocuments?: () => DatedDocument[];
  } = {},
): Bot {
  const checklist = createChecklistFeature({
    store,
    checklists: options.checklists ?? shipped.checklists,
    datedDocuments: options.datedDocuments,
    ttlMs: options.ttlMs,
    source: (id) => shipped.sources.get(id),
    telemetry: options.telemetry,
    newRunId: () => `run${++runs}-${Math.random().toString(36).slice(2, 8)}`,
  });
  return createBot({
    store,
    clock,
    logger: silentLogger,
    municipalities: testMunicipalities,
    settings: { defaultLocale: 'sv', defaultTimeZone: 'Europe/Stockholm' },
    features: withPrivacy([
      checklist,
      createHelpFeature(),
      createSettingsFeature({ store, municipalities: testMunicipalities }),
    ]),
  });
}

/** A conversation participant: types messages and presses buttons in one thread of `channelKey`. */
export function chat(bot: Bot, who: Person, conversation = thread('1'), isPrivate = false, channelKey = CHANNEL) {
  function turn(input: TurnInput, id?: string): Turn {
    return {
      id: id ?? `turn-${++turns}`,
      conversation: { platform: 'slack', key: conversation, channelKey, isPrivate },
      user: { id: who.id, name: who.name },
      input,
    };
  }
  async function send(input: TurnInput, id?: string): Promise<Posted[]> {
    const replies = await bot.handleTurn(turn(input, id));
    return replies.map((reply) => ({
      reply,
      messageId: reply.placement.kind === 'update' ? reply.placement.messageId : `m${++messages}`,
    }));
  }
  return {
    say: (text: string) => send({ kind: 'message', text }),
    /** Presses the button labelled `label` on a posted message. */
    press: (on: Posted | undefined, label: string | RegExp, id?: string) => {
      const button = findButton(on, label);
      return send({ kind: 'action', actionId: button.actionId, value: button.value, messageId: on?.messageId }, id);
    },
    raw: (actionId: string, value: string, messageId?: string) => send({ kind: 'action', actionId, value, messageId }),
  };
}

/** A participant in the main stream of another channel, or of their DM with the bot (`isPrivate`). */
export function chatIn(bot: Bot, who: Person, channelKey: string, isPrivate = false) {
  return chat(bot, who, `${channelKey}:main`, isPrivate, channelKey);
}

/** Every button of a posted message, labelled as a person sees it (people's text without its marks). */
export function buttonsOf(posted: Posted | undefined): Button[] {
  return (posted?.reply.blocks ?? [])
    .flatMap((block) => (block.type === 'buttons' ? block.buttons : []))
    .map((button) => ({ ...button, label: withoutUserTextMarks(button.label) }));
}

/** The button with this label (exact text or pattern); fails the test with the labels on offer otherwise. */
export function findButton(posted: Posted | undefined, label: string | RegExp): Button {
  const buttons = buttonsOf(posted);
  const button = buttons.find((b) => (typeof label === 'string' ? b.label === label : label.test(b.label)));
  expect(button, `no button ${String(label)} among ${buttons.map((b) => b.label).join(', ')}`).toBeDefined();
  return button as Button;
}

/** Plain text of posted replies. */
export function textOf(posted: Posted[] | Posted | undefined): string {
  const list = posted === undefined ? [] : Array.isArray(posted) ? posted : [posted];
  return list.map((p) => plainText(p.reply.blocks)).join('\n');
}

/** The last posted message that asks a question ("Fråga n av m" with answer buttons). */
export function questionIn(posted: Posted[]): Posted | undefined {
  return posted.findLast((p) => buttonsOf(p).some((b) => b.actionId === 'checklist:answer' && b.label === 'Ja'));
}

const LABEL = { yes: 'Ja', no: 'Nej', unsure: 'Osäker' } as const;

/** Answers every question of `def` in order from `first`, and returns the last batch (with the summary). */
export async function answerAll(
  who: ReturnType<typeof chat>,
  first: Posted | undefined,
  def: ChecklistDefinition,
  answers: Record<string, 'yes' | 'no' | 'unsure'>,
): Promise<Posted[]> {
  let question = first;
  let batch: Posted[] = [];
  for (const q of def.questions) {
    expect(textOf(question)).toContain(q.text.sv);
    batch = await who.press(question, LABEL[answers[q.id] ?? 'yes']);
    question = questionIn(batch);
  }
  return batch;
}
