/**
 * The platform-neutral vocabulary of the assistant: what comes in (Turn), what goes out (Reply).
 * Adapters translate to and from these shapes; nothing here knows about Slack, Teams or Redis.
 */

export const LOCALES = ['sv', 'en'] as const;
/** A language the assistant speaks. */
export type Locale = (typeof LOCALES)[number];

export const PLATFORMS = ['slack', 'teams', 'console'] as const;
/** Where a turn came from. */
export type Platform = (typeof PLATFORMS)[number];

/** Whom a turn is from. `id` is platform-qualified (e.g. `slack:T1:U1`) so it is unique across platforms. */
export interface TurnUser {
  id: string;
  name?: string;
  /** Language the platform reports for the user (Slack profile locale, Teams activity.locale). */
  platformLocale?: Locale;
  /** IANA time zone the platform reports (Slack profile tz, Teams localTimezone). */
  platformTimeZone?: string;
}

/**
 * Where a turn happened. `key` is the stable composite key of the thread
 * (`slack:<team>:<channel>:<thread_ts>`, `teams:<tenant>:<base64url(conversationId)>`, `console:<session>`).
 * `channelKey` identifies the surrounding channel (shared by all threads in it).
 * `reference` is opaque platform data an adapter needs to post there later (reminders); the core stores it as is.
 */
export interface ConversationAddress {
  platform: Platform;
  key: string;
  channelKey: string;
  /** True for 1:1 conversations (DM, personal chat, console). */
  isPrivate: boolean;
  reference?: Record<string, unknown>;
}

/** What the user did: typed a message, or pressed a button. */
export type TurnInput =
  | { kind: 'message'; text: string }
  | {
      kind: 'action';
      actionId: string;
      value: string;
      /** Platform id of the message that carried the button, so the reply can update it. */
      messageId?: string;
      /** What the person wrote with the press, where the platform asks for it (Teams' feedback comment box). */
      comment?: string;
    };

/** One inbound interaction, already translated by an adapter. */
export interface Turn {
  /** Delivery id, the same for every redelivery of one user action, so each is answered once (Slack: the
   * message ts, the command's trigger_id or the action_ts; Teams: the activity id). */
  id: string;
  conversation: ConversationAddress;
  user: TurnUser;
  input: TurnInput;
}

/** A button; `actionId` is `area:verb` and is shared by Slack action_id and Teams Action.Execute verb. */
export interface Button {
  label: string;
  actionId: string;
  value: string;
  style?: 'primary' | 'danger';
}

/**
 * A source as a platform can show it beside the text it supports (Teams citation pills): its title, a short
 * abstract (publisher, kind, date) and its link.
 */
export interface Citation {
  title: string;
  abstract: string;
  url?: string;
}

/**
 * What a row of buttons is for, so a platform with its own surface for it can use that instead: `suggestions`
 * are "say this" buttons (follow-up questions, "Menade du …?"), `feedback` the 👍/👎 under an answer (value: the
 * answer id). Platforms without such surfaces show the buttons.
 */
export type ButtonsRole = 'suggestions' | 'feedback';

/**
 * Light formatting allowed in text blocks: `*bold*`, `_italic_`, `• ` lists, line breaks. Adapters translate.
 * A text's `cites` are 1-based positions in the reply's `context.citations`; a context block with `citations`
 * is the source list, which a platform with citation pills may show as those instead of as its `items`.
 */
export type Block =
  | { type: 'heading'; text: string }
  | {
      type: 'text';
      text: string;
      /**
       * Quoted from the knowledge files: trusted Markdown (lists, links, tables) around the light formatting, which
       * a platform with a Markdown surface renders as written. Never set on text that holds a person's words.
       */
      markdown?: true;
      /** Numbers (1-based) of the reply's citations this text draws on, for platforms that show citation markers. */
      cites?: number[];
    }
  | { type: 'fields'; fields: Array<{ label: string; value: string }> }
  | { type: 'context'; items: string[]; citations?: Citation[] }
  | { type: 'buttons'; buttons: Button[]; role?: ButtonsRole }
  | { type: 'divider' };

/**
 * Where a reply goes.
 * - `reply`: in the turn's thread (or starting a thread under the triggering message in a channel).
 * - `top-level`: a new message in the channel; later replies in the same batch go into its thread.
 * - `update`: replace the message with platform id `messageId` (e.g. the question a button was pressed on).
 * - `private`: visible only to the user who acted (Slack ephemeral, Teams falls back to a reply).
 */
export type Placement =
  | { kind: 'reply' }
  | { kind: 'top-level' }
  | { kind: 'update'; messageId: string }
  | { kind: 'private' };

/** A file's name, type and text. */
export interface TextFile {
  filename: string;
  mimeType: string;
  content: string;
}

/** A file the user can download (checklist summary export). */
export interface Attachment extends TextFile {
  /** `base64`: `content` holds the file's bytes (a Word document); otherwise it is the file's text. */
  encoding?: 'base64';
  /** The same content as a text file (Markdown): also offered, and what a platform that cannot send this file shows. */
  textVersion?: TextFile;
  /**
   * What the file is about, as a person named it (a checklist run's case name, marked with userText): for a
   * platform that words the message around the file itself, because it sends the file differently.
   */
  subject?: string;
}

/** One message the assistant sends. `fallbackText` is the plain-text version for notifications and screen readers. */
export interface Reply {
  blocks: Block[];
  fallbackText: string;
  placement: Placement;
  attachment?: Attachment;
  /** Users to notify (platform-qualified ids, as in TurnUser.id). */
  mentions?: string[];
  /** The language the reply is written in, for an adapter's own words around it ("(uppdaterat meddelande)"). */
  locale?: Locale;
  /**
   * A shorter form of the same reply, for a surface short of room that folds what is left out behind a toggle
   * (a Teams card that updates itself in a chat): an answered question as one line with its change buttons, a
   * result as its recommendation, reasons and doubtful answers. Every button of it is also in `blocks`.
   */
  compact?: Block[];
}
