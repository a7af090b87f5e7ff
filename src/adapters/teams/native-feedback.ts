import type { Turn } from '../../core/model.ts';
import type { AnswerMessages } from './answer-messages.ts';
import type { Inbound } from './inbound.ts';

/**
 * The vote behind a rating with Teams' own feedback controls, as the same feedback action the 👍/👎 buttons
 * send (with the comment), or null when the rated message is not an answer we remember. Teams thanks the person
 * itself and wants an empty invoke response, so the core's own thanks are not delivered.
 */
export async function feedbackTurn(
  parsed: Extract<Inbound, { kind: 'feedback' }>,
  answers: AnswerMessages,
): Promise<Turn | null> {
  const { turn, messageId } = parsed;
  const answerId = await answers.recall(turn.conversation.key, messageId);
  if (!answerId || turn.input.kind !== 'action') return null;
  return { ...turn, input: { ...turn.input, value: answerId } };
}
