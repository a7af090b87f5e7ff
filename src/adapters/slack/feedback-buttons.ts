/**
 * The core's 👍/👎 pair under an answer as Slack's own feedback control: a `feedback_buttons` element in a
 * `context_actions` block. Slack sends one action id for both thumbs and the pressed button's value, so each value
 * carries the core's action id in front of the core's value (the answer id); `coreActionOf` undoes that.
 */
import type { types } from '@slack/bolt';
import { ANSWER_ACTIONS } from '../../core/action-ids.ts';
import type { Button } from '../../core/model.ts';
import { withoutUserTextMarks } from '../../core/user-text.ts';

/** The action id of the feedback element (Slack's; the core never sees it). */
export const FEEDBACK_ACTION_ID = 'feedback:vote';

const VOTES: readonly string[] = [ANSWER_ACTIONS.feedbackUp, ANSWER_ACTIONS.feedbackDown];
// Slack's limits for a feedback button: text and accessibility label 75 characters, value 2,000.
const MAX_LABEL = 75;
const MAX_VALUE = 2000;

type FeedbackButton = types.FeedbackButtons['positive_button'];

function feedbackButton(button: Button): FeedbackButton {
  const label = withoutUserTextMarks(button.label).slice(0, MAX_LABEL);
  // Screen readers get the words; the emoji is what people see.
  const words = label.replace(/^(?:\p{Extended_Pictographic}|\u{FE0F}|\s)+/u, '') || label;
  return {
    text: { type: 'plain_text', text: label },
    accessibility_label: words,
    value: `${button.actionId} ${button.value}`,
  };
}

/** The context_actions block for a buttons block that is exactly the core's 👍/👎 pair; undefined for any other. */
export function feedbackBlock(buttons: Button[]): types.ContextActionsBlock | undefined {
  const [up, down, ...rest] = buttons;
  if (rest.length > 0 || up?.actionId !== ANSWER_ACTIONS.feedbackUp || down?.actionId !== ANSWER_ACTIONS.feedbackDown)
    return undefined;
  if (`${up.actionId} ${up.value}`.length > MAX_VALUE || `${down.actionId} ${down.value}`.length > MAX_VALUE)
    return undefined;
  return {
    type: 'context_actions',
    elements: [
      {
        type: 'feedback_buttons',
        action_id: FEEDBACK_ACTION_ID,
        positive_button: feedbackButton(up),
        negative_button: feedbackButton(down),
      },
    ],
  };
}

/**
 * The core's action for a press of the feedback element: its vote and the answer id. A value that names no vote
 * (not one we rendered) becomes an action the core does not know, which it answers politely.
 */
export function coreFeedbackAction(value: string): { actionId: string; value: string } {
  const space = value.indexOf(' ');
  const actionId = space > 0 ? value.slice(0, space) : '';
  if (!VOTES.includes(actionId)) return { actionId: `${FEEDBACK_ACTION_ID}:unknown`, value: '' };
  return { actionId, value: value.slice(space + 1) };
}
