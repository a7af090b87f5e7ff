/**
 * Every button action id of the assistant, in one place: `area:verb`, shared by Slack's `action_id` and Teams'
 * `Action.Execute` verbs. The area before the colon picks the feature that handles the press (Feature.actionAreas).
 */

/** Buttons whose action is "say this": example questions, suggested follow-ups, command shortcuts. */
export const SAY_ACTION = 'say:text';

/** Language and municipality choices (help, App Home). The value is the locale or municipality id. */
export const SETTINGS_ACTIONS = {
  lang: 'settings:lang',
  municipality: 'settings:municipality',
} as const;

/** The "forget me" confirmation. */
export const PRIVACY_ACTIONS = {
  forget: 'privacy:forget',
  keep: 'privacy:keep',
} as const;

/** Under an answer. */
export const ANSWER_ACTIONS = {
  /** Feedback buttons; the value is the answer id. */
  feedbackUp: 'feedback:up',
  feedbackDown: 'feedback:down',
  /** "Visa mer": the rest of the sections an answer cut short; the value is their ids, space-separated. */
  more: 'answer:more',
} as const;

/** A checklist run's buttons; values are validated in checklist/actions.ts. */
export const CHECKLIST_ACTIONS = {
  start: 'checklist:start',
  choose: 'checklist:choose',
  answer: 'checklist:answer',
  why: 'checklist:why',
  skip: 'checklist:skip',
  cancel: 'checklist:cancel',
  continue: 'checklist:continue',
  export: 'checklist:export',
} as const;

/** Reminder buttons; values are validated in reminders/actions.ts. */
export const REMINDER_ACTIONS = {
  /** On a delivered reminder: this occurrence is done (a one-off is deleted). */
  done: 'reminder:done',
  /** On a delivered reminder: remind again in an hour, tomorrow 09:00 or in a week. */
  snooze: 'reminder:snooze',
  /** On the confirmation: the next `/iop påminn …` from the owner in this conversation changes this reminder. */
  change: 'reminder:change',
  /** Under the "write the new time" prompt: forget the change, keep the reminder. */
  keep: 'reminder:keep',
  /** On the confirmation: delete the reminder just set. */
  undo: 'reminder:undo',
  /** In the list: delete. */
  cancel: 'reminder:cancel',
  /** Offered by other features (checklist follow-ups, knowledge items): create the reminder in the value. */
  create: 'reminder:create',
} as const;
