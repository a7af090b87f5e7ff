import { describe, expect, it } from 'vitest';
import { slackConversationKey, slackUserId, slackUserOf } from '../../src/adapters/slack/conversation-key.ts';
import { parseInbound, slackTurnOf } from '../../src/adapters/slack/inbound.ts';
import { buttonPress, mentionEvent, slashCommand } from './fixtures.ts';

function turnInbound(body: unknown) {
  const parsed = parseInbound(body);
  const kind = parsed.ok ? parsed.inbound.kind : 'malformed';
  if (!parsed.ok || kind === 'ignore' || kind === 'home' || kind === 'messages-tab')
    throw new Error(`not a turn: ${JSON.stringify(parsed)}`);
  return parsed.inbound as Extract<typeof parsed.inbound, { kind: 'message' | 'command' | 'action' }>;
}

describe('Slack inbound', () => {
  it('parses a payload once: the receiver and the listener get the same result for the same body', () => {
    const body = mentionEvent();
    const first = parseInbound(body);
    expect(first.ok).toBe(true);
    expect(parseInbound(body)).toBe(first);
    // An equal but different body (a redelivery) is parsed on its own.
    expect(parseInbound(structuredClone(body))).not.toBe(first);
  });

  it('turns a mention into the core’s turn, keyed by the thread through the codec', () => {
    const body = mentionEvent({ text: '<@UBOT> vad är IOP?' });
    const { turn, team, user, destination } = slackTurnOf(turnInbound(body), { botUserId: 'UBOT' });
    const { event } = body as { event: { channel: string; ts: string } };
    expect(turn.input).toEqual({ kind: 'message', text: 'vad är IOP?' });
    expect(turn.conversation.key).toBe(slackConversationKey({ team, channel: event.channel, threadTs: event.ts }));
    expect(destination).toMatchObject({ channel: event.channel, threadTs: event.ts, user });
  });

  it('answers a slash command in a new thread and a button press where it was pressed', () => {
    const command = slackTurnOf(
      turnInbound(slashCommand({ text: 'hjälp', responseUrl: 'https://hooks.slack.test/r' })),
    );
    expect(command.turn.conversation.key).toMatch(/:main$/);
    expect(command.destination.startsThread).toBe(true);
    const press = slackTurnOf(turnInbound(buttonPress({ actionId: 'say:text', value: 'hej', threadTs: '1.000100' })));
    expect(press.turn.input).toMatchObject({ kind: 'action', actionId: 'say:text', value: 'hej' });
    expect(press.turn.conversation.key).toMatch(/:1\.000100$/);
  });

  it('keeps user ids qualified by platform and reads them back', () => {
    expect(slackUserId('T1', 'U1')).toBe('slack:T1:U1');
    expect(slackUserOf(slackUserId('T1', 'U1'))).toBe('U1');
    expect(slackUserOf('teams:t:U1')).toBeUndefined();
  });
});
