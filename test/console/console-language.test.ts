import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsoleChat } from '../../src/adapters/console/console-chat.ts';
import type { Bot } from '../../src/core/bot.ts';
import { textReply } from '../../src/core/reply.ts';
import { silentLogger } from '../support/bot.ts';

function consoleChat() {
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk) => {
    printed += String(chunk);
  });
  const chat = createConsoleChat({
    bot: { handleTurn: async () => [] } as unknown as Bot,
    logger: silentLogger,
    input: new PassThrough(),
    output,
    userId: 'u1',
    interactive: false,
    banner: [],
  });
  return { chat, printed: () => printed };
}

describe("the console's own words follow the reply's language", () => {
  it('marks an updated message in the language it is written in', () => {
    const english = consoleChat();
    english.chat.print([
      { ...textReply('Question 2 of 8'), placement: { kind: 'update', messageId: 'c1' }, locale: 'en' },
    ]);
    expect(english.printed()).toContain('(updated message)');
    expect(english.printed()).not.toContain('uppdaterat');
    const swedish = consoleChat();
    swedish.chat.print([{ ...textReply('Fråga 2 av 8'), placement: { kind: 'update', messageId: 'c1' } }]);
    expect(swedish.printed()).toContain('(uppdaterat meddelande)');
  });
});
