import { z } from 'zod';
import { LOCALES } from '../model.ts';
import type { Collection } from '../ports/document-store.ts';
import type { QuestionAnalysis } from './question.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What a thread remembers of its last answered question, so "och i Ekerö då?" can be understood. */
export const qaThreadSchema = z.object({
  /** The words the last answer was searched with (place names removed, earlier context included). */
  topic: z.string(),
  language: z.enum(LOCALES),
  municipalities: z.array(z.string()),
  passageIds: z.array(z.string()),
  at: z.string(),
});
export type QaThread = z.infer<typeof qaThreadSchema>;

/** Keyed by conversation key; a thread's question context is forgotten a week after its last question. */
export const QA_THREADS: Collection<QaThread> = {
  name: 'qa-thread',
  version: 1,
  schema: qaThreadSchema,
  ttlMs: 7 * DAY_MS,
};

/** The search a question stands for, once the thread it was asked in is taken into account. */
export interface ResolvedQuestion {
  /** The question's own words. */
  text: string;
  /** Words carried over from the thread, weighed less. */
  context?: string;
  /** Municipality ids the answer is about (named now, or carried over). */
  municipalities: string[];
  followUp: boolean;
}

/**
 * Decides whether a question continues the thread and what it then means:
 * - a new place and nothing else ("och i Ekerö då?"): the previous topic, about the new place;
 * - a new topic in follow-up phrasing ("what about procurement?"): the new words, steered by the previous topic,
 *   about the same place unless another is named;
 * - anything else stands on its own.
 */
export function resolveQuestion(question: QuestionAnalysis, thread: QaThread | null | undefined): ResolvedQuestion {
  const named = question.municipalities.map((m) => m.id);
  const aside = question.asideText || undefined;
  const standalone: ResolvedQuestion = {
    text: question.focusText,
    ...(aside ? { context: aside } : {}),
    municipalities: named,
    followUp: false,
  };
  if (!thread) return standalone;
  const placeOnly = named.length > 0 && question.topicWords === 0;
  const shortFollowUp = question.followUpCue && question.topicWords <= 3;
  if (placeOnly) return { text: thread.topic, municipalities: named, followUp: true };
  if (!shortFollowUp) return standalone;
  return {
    text: question.focusText,
    context: aside ? `${thread.topic} ${aside}` : thread.topic,
    municipalities: named.length > 0 ? named : thread.municipalities,
    followUp: true,
  };
}
