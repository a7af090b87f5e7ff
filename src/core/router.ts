import type { Locale } from './model.ts';

/** What a typed message asks for. Free text that is no command is a question for the knowledge base. */
export type Intent =
  | { kind: 'empty' }
  | { kind: 'greeting' }
  | { kind: 'help' }
  | { kind: 'ask'; question: string }
  | { kind: 'checklist'; checklistId?: string }
  | { kind: 'assessments' }
  | { kind: 'remind'; text: string }
  | { kind: 'reminders' }
  | { kind: 'set-language'; locale?: Locale; raw: string }
  | { kind: 'set-municipality'; name: string }
  | { kind: 'forget-me' }
  | { kind: 'unknown-command'; command: string };

type SubcommandKind = Exclude<Intent['kind'], 'empty' | 'greeting' | 'unknown-command'>;

/** `/iop` subcommands with their Swedish aliases (design.md contract). */
const SUBCOMMANDS: Record<string, SubcommandKind> = {
  help: 'help',
  hjälp: 'help',
  hjalp: 'help',
  ask: 'ask',
  fråga: 'ask',
  fraga: 'ask',
  checklist: 'checklist',
  checklista: 'checklist',
  assessments: 'assessments',
  bedömningar: 'assessments',
  bedomningar: 'assessments',
  remind: 'remind',
  påminn: 'remind',
  paminn: 'remind',
  reminders: 'reminders',
  påminnelser: 'reminders',
  paminnelser: 'reminders',
  lang: 'set-language',
  language: 'set-language',
  språk: 'set-language',
  sprak: 'set-language',
  municipality: 'set-municipality',
  kommun: 'set-municipality',
  'forget-me': 'forget-me',
  'glöm-mig': 'forget-me',
  'glom-mig': 'forget-me',
};

const GREETINGS = /^(hej|hejsan|hallå|halla|tjena|tja|god (morgon|dag|kväll)|hello|hi|hey|good (morning|afternoon|evening))\b[\s!.,]*(iop-?assistenten|bot)?[\s!.]*$/i;
const HELP_WORDS = /^(hjälp|hjalp|help|\?|vad kan du( göra)?\??|what can you do\??)$/i;
const REMIND_LEAD = /^(påminn|paminn|remind)\s+(mig|oss|me|us)\b/i;
const CHECKLIST_WORDS = /^(checklista|checklist|starta checklista(n)?|start (the )?checklist)$/i;

function parseLocale(raw: string): Locale | undefined {
  const word = raw.trim().toLowerCase();
  if (['sv', 'svenska', 'swedish', 'sv-se'].includes(word)) return 'sv';
  if (['en', 'engelska', 'english', 'en-gb', 'en-us'].includes(word)) return 'en';
  return undefined;
}

function subcommand(kind: SubcommandKind, rest: string): Intent {
  switch (kind) {
    case 'ask':
      return rest ? { kind: 'ask', question: rest } : { kind: 'help' };
    case 'checklist':
      return rest ? { kind: 'checklist', checklistId: rest.toLowerCase() } : { kind: 'checklist' };
    case 'remind':
      return { kind: 'remind', text: rest };
    case 'set-language':
      return { kind: 'set-language', locale: parseLocale(rest), raw: rest };
    case 'set-municipality':
      return { kind: 'set-municipality', name: rest };
    default:
      return { kind };
  }
}

// Own properties only: "constructor" or "__proto__" must be unknown commands, not Object's members.
function subcommandNamed(word: string): SubcommandKind | undefined {
  const name = word.toLowerCase();
  return Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
}

/**
 * "iop kommun Kungälv" typed without the slash. Officials start questions with "IOP" too ("IOP eller LOV för
 * hemtjänst?"), so only "iop" and a known subcommand is a command, and a subcommand followed by a question
 * ("IOP kommun eller region – vem kan vara part?") is that question.
 */
function typedCommand(text: string): Intent | undefined {
  const [iop = '', first = '', ...words] = text.split(' ');
  if (iop.toLowerCase() !== 'iop') return undefined;
  const kind = subcommandNamed(first);
  const rest = words.join(' ').trim();
  if (!kind || (kind !== 'ask' && /\?$/.test(rest))) return undefined;
  return subcommand(kind, rest);
}

/** Normalises whitespace and control characters so routing sees what a person would see. */
export function normaliseText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Routes a typed message (or slash command text such as `/iop kommun Kungälv`) to an intent. */
export function routeText(input: string): Intent {
  const text = normaliseText(input);
  if (!text) return { kind: 'empty' };
  if (text.startsWith('/')) {
    const command = /^\/iop(?:\s+|$)(.*)$/i.exec(text);
    const body = command ? (command[1] ?? '') : text.slice(1);
    const [first = '', ...rest] = body.split(' ');
    if (!first) return { kind: 'help' };
    const kind = subcommandNamed(first);
    return kind ? subcommand(kind, rest.join(' ').trim()) : { kind: 'unknown-command', command: first };
  }
  const typed = typedCommand(text);
  if (typed) return typed;
  if (GREETINGS.test(text)) return { kind: 'greeting' };
  if (HELP_WORDS.test(text)) return { kind: 'help' };
  if (CHECKLIST_WORDS.test(text)) return { kind: 'checklist' };
  if (REMIND_LEAD.test(text)) return { kind: 'remind', text };
  return { kind: 'ask', question: text };
}
