import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Bot } from '../../core/bot.ts';
import type { CoreLogger } from '../../core/ports/logger.ts';
import { answerTurn } from '../../core/answer-turn.ts';
import type { Locale, Reply, Turn, TurnInput } from '../../core/model.ts';
import { translator } from '../../core/i18n/translator.ts';
import { findPressedButton, type PrintedButton, renderReply } from './render.ts';

export interface ConsoleChatOptions {
  bot: Bot;
  logger: CoreLogger;
  input: Readable;
  output: Writable;
  userId: string;
  /** Language for a user who has not chosen one with `/iop språk`. */
  locale?: Locale;
  /** ANSI styling and a prompt: true on a terminal, false when piped. */
  interactive: boolean;
  /** Lines printed before the first prompt (welcome, where state is kept). */
  banner: string[];
}

/** The console adapter: one user, one conversation, buttons as numbered options. */
export interface ConsoleChat {
  /** Resolves when input ends (or /quit) and every reply has been printed. */
  run(): Promise<void>;
  /** Prints replies that did not come from a typed line (reminders falling due). */
  print(replies: Reply[]): void;
  /** Prints replies that arrive on their own (a reminder falling due) and redraws the prompt on a terminal. */
  notify(replies: Reply[]): void;
}

const QUIT = /^\/(quit|exit|avsluta)$/i;

/** Creates the console chat; see design.md for the contract (numbered buttons, piped input). */
export function createConsoleChat(options: ConsoleChatOptions): ConsoleChat {
  const { bot, output, interactive } = options;
  const conversationKey = `console:${options.userId}`;
  let buttons: PrintedButton[] = [];
  let messageCounter = 0;
  let redrawPrompt = () => {};
  // The console's own words follow the language of the latest reply (the user's chosen one, or their message's).
  let locale = options.locale ?? 'sv';

  const write = (line: string) => output.write(`${line}\n`);

  function print(replies: Reply[]): void {
    const batchButtons: PrintedButton[] = [];
    for (const reply of replies) {
      if (reply.locale) locale = reply.locale;
      const messageId = reply.placement.kind === 'update' ? reply.placement.messageId : `c${++messageCounter}`;
      const rendered = renderReply(reply, {
        styled: interactive,
        messageId,
        firstNumber: batchButtons.length + 1,
        updatedLabel: translator(reply.locale ?? locale)('console.updated'),
      });
      for (const line of rendered.lines) write(line);
      write('');
      batchButtons.push(...rendered.buttons);
      const file = reply.attachment;
      if (file) {
        void saveAttachment(
          file.filename,
          file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : file.content,
        );
        if (file.textVersion) void saveAttachment(file.textVersion.filename, file.textVersion.content);
      }
    }
    // Only the latest buttons can be pressed by number; older numbers would be ambiguous.
    if (batchButtons.length > 0) buttons = batchButtons;
  }

  async function saveAttachment(filename: string, content: string | Buffer): Promise<void> {
    const dir = join(tmpdir(), 'iop-assistenten');
    await mkdir(dir, { recursive: true });
    const path = join(dir, filename.replace(/[^\w.-]+/g, '_'));
    await writeFile(path, content);
    write(`📎 ${path}`);
  }

  function toInput(line: string): TurnInput {
    const button = findPressedButton(line, buttons);
    if (button) return { kind: 'action', actionId: button.actionId, value: button.value, messageId: button.messageId };
    return { kind: 'message', text: line };
  }

  async function handleLine(line: string): Promise<void> {
    const turn: Turn = {
      id: `console-${randomUUID()}`,
      conversation: { platform: 'console', key: conversationKey, channelKey: conversationKey, isPrivate: true },
      user: { id: `console:${options.userId}`, name: options.userId, platformLocale: options.locale },
      input: toInput(line),
    };
    const { replies } = await answerTurn(bot, turn, {
      logger: options.logger,
      defaultLocale: options.locale ?? 'sv',
    });
    print(replies);
  }

  async function run(): Promise<void> {
    for (const line of options.banner) write(line);
    write('');
    const rl = createInterface({
      input: options.input,
      output: interactive ? output : undefined,
      terminal: interactive,
    });
    const prompt = () => {
      if (interactive) rl.prompt();
    };
    rl.setPrompt('> ');
    redrawPrompt = () => {
      if (interactive) rl.prompt(true);
    };
    prompt();
    // Lines are handled strictly in order: piped input arrives all at once, but each turn may depend on the last.
    let queue = Promise.resolve();
    let quitting = false;
    await new Promise<void>((resolve) => {
      rl.on('line', (raw) => {
        const line = raw.trim();
        if (quitting) return;
        if (QUIT.test(line)) {
          quitting = true;
          rl.close();
          return;
        }
        queue = queue.then(async () => {
          // Echo piped input so a transcript reads as a conversation.
          if (line && !interactive) write(`> ${line}`);
          if (line) await handleLine(line);
          prompt();
        });
      });
      rl.on('close', () => resolve());
    });
    await queue;
    if (interactive) write(translator(locale)('console.bye'));
  }

  function notify(replies: Reply[]): void {
    if (interactive) output.write('\n');
    print(replies);
    redrawPrompt();
  }

  return { run, print, notify };
}
