import { z } from 'zod';
import { LOCALES } from '../model.ts';
import type { Collection, DocumentStore } from '../ports/document-store.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** An answer as it was given, so a later 👍/👎 on it can be tied to the question. No user id. */
export const qaAnswerSchema = z.object({
  question: z.string(),
  language: z.enum(LOCALES),
  status: z.enum(['answered', 'declined']),
  confidence: z.number(),
  /** The section the answer was built on, for content owners reading the export. */
  section: z.string().optional(),
  municipality: z.string().optional(),
  at: z.string(),
});
export type QaAnswerRecord = z.infer<typeof qaAnswerSchema>;

/** Answers can be rated for 30 days. */
export const QA_ANSWERS: Collection<QaAnswerRecord> = {
  name: 'qa-answer',
  version: 1,
  schema: qaAnswerSchema,
  ttlMs: 30 * DAY_MS,
};

/** A vote on an answer, or a question the assistant could not answer. No user id, on purpose. */
export const feedbackEntrySchema = qaAnswerSchema.extend({
  /** `low-confidence`: answered, but unsure; `clarified`: the asker picked `chosen` from a "Menade du …?". */
  kind: z.enum(['up', 'down', 'unanswered', 'low-confidence', 'clarified']),
  answerId: z.string(),
  chosen: z.string().optional(),
  /** What the asker wrote with a 👎, where the platform lets them. */
  comment: z.string().optional(),
});
export type FeedbackEntry = z.infer<typeof feedbackEntrySchema>;

/** Kept for a year after it was given, for content owners to see what fails. */
export const FEEDBACK: Collection<FeedbackEntry> = {
  name: 'qa-feedback',
  version: 1,
  schema: feedbackEntrySchema,
  ttlMs: 365 * DAY_MS,
};

/** The "Menade du …?" a conversation was last asked, so the candidate the asker then picks can be recorded. */
export const pendingClarifySchema = z.object({
  question: z.string(),
  candidates: z.array(z.string()),
  language: z.enum(LOCALES),
  municipality: z.string().optional(),
});
export type PendingClarify = z.infer<typeof pendingClarifySchema>;

/** Kept for an hour: a choice made later is a new question, not an answer to the question back. */
export const QA_CLARIFY: Collection<PendingClarify> = {
  name: 'qa-clarify',
  version: 1,
  schema: pendingClarifySchema,
  ttlMs: 60 * 60 * 1000,
};

/** Index of every stored feedback entry id, for the export. */
export const FEEDBACK_INDEX = 'qa-feedback';

/** Stores one entry under `id` and lists it for the export. */
export async function recordFeedback(store: DocumentStore, id: string, entry: FeedbackEntry): Promise<void> {
  await store.update(FEEDBACK, id, () => entry);
  await store.indexAdd(FEEDBACK_INDEX, id, FEEDBACK.ttlMs);
}

/** Every stored entry, oldest first; ids whose entry has expired are dropped from the index on the way. */
export async function listFeedback(store: DocumentStore): Promise<FeedbackEntry[]> {
  const entries: FeedbackEntry[] = [];
  for (const id of await store.indexMembers(FEEDBACK_INDEX)) {
    const entry = await store.load(FEEDBACK, id);
    if (entry) entries.push(entry);
    else await store.indexRemove(FEEDBACK_INDEX, id);
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

const COLUMNS = [
  'at',
  'kind',
  'question',
  'answer_id',
  'language',
  'status',
  'confidence',
  'section',
  'municipality',
  'comment',
] as const;

/**
 * One CSV field (RFC 4180). Text a spreadsheet would run as a formula (a question typed as "=HYPERLINK(…)")
 * gets a leading apostrophe, since the export is opened by content owners in Excel.
 */
function csvField(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The feedback as CSV with a header row, lines ending in CRLF as RFC 4180 says. */
export function feedbackCsv(entries: FeedbackEntry[]): string {
  const rows = entries.map((e) =>
    [e.at, e.kind, e.question, e.answerId, e.language, e.status, e.confidence, e.section, e.municipality, e.comment]
      .map(csvField)
      .join(','),
  );
  return `${[COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
