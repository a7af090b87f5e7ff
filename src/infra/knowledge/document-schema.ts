import '../../core/zod-messages.ts';
import { z } from 'zod';
import { LOCALES } from '../../core/model.ts';
import { DOCUMENT_KINDS, SOURCE_KINDS, SOURCE_STATUSES, type SourceInfo } from '../../core/ports/knowledge-base.ts';

const ID = /^[a-z0-9][a-z0-9-]*$/;

/** A calendar date written as YYYY-MM-DD that exists (no 2024-02-30). */
const isoDate = z
  .string({ message: 'must be a date written YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'is not a real calendar date');

/** When a source was published or decided, as precisely as known: 2018, 2018-06 or 2018-06-07. */
const sourceDate = z
  .string({ message: 'must be a date written YYYY, YYYY-MM or YYYY-MM-DD (in quotes)' })
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be a date written YYYY, YYYY-MM or YYYY-MM-DD');

/** What every source may say about itself besides its title and link. */
const sourceFacts = {
  publisher: z.string().min(1).optional(),
  kind: z.enum(SOURCE_KINDS, { message: `must be one of ${SOURCE_KINDS.join(', ')}` }).optional(),
  date: sourceDate.optional(),
  status: z.enum(SOURCE_STATUSES, { message: `must be one of ${SOURCE_STATUSES.join(', ')}` }).optional(),
};

/** A source written into a document's front matter, for a municipality that does not edit sources.yaml. */
const inlineSourceSchema = z
  .object({
    title: z.string().min(1),
    ...sourceFacts,
    url: z.string().url('must be a URL, e.g. https://…').optional(),
    seed: z.string().optional(),
  })
  .strict();

/**
 * A municipality declared by its own document, so that a new one works without editing municipalities.yaml:
 * `municipality: {id: lerum, name: Lerum, aliases: [lerums kommun], contact: iop@lerum.se}`.
 */
const declaredMunicipalitySchema = z
  .object({
    id: z.string().regex(ID, 'must be a municipality id, e.g. kungalv'),
    name: z.string().min(1, 'must not be empty'),
    aliases: z.array(z.string().min(1)).default([]),
    contact: z.string().min(1).nullable().optional(),
    checklist: z.string().min(1).optional(),
  })
  .strict();
export type DeclaredMunicipality = z.infer<typeof declaredMunicipalitySchema>;

/** Front matter of a knowledge document (Markdown). */
export const frontMatterSchema = z
  .object({
    id: z.string({ message: 'is required' }).regex(ID, 'must be ascii kebab-case, e.g. municipality-kungalv'),
    title: z.string({ message: 'is required' }).min(1, 'must not be empty'),
    language: z.enum(LOCALES, { message: "must be 'sv' or 'en'" }),
    kind: z.enum(DOCUMENT_KINDS, { message: `must be one of ${DOCUMENT_KINDS.join(', ')}` }),
    municipality: z
      .union([z.string().regex(ID, 'must be a municipality id, e.g. kungalv'), declaredMunicipalitySchema])
      .optional(),
    sources: z
      .array(z.union([z.string().min(1), inlineSourceSchema]), {
        message: 'must be a list of source ids from knowledge/sources.yaml, e.g. [kungalv-riktlinje]',
      })
      .min(1, 'must name at least one source'),
    date: isoDate.optional(),
    valid_until: isoDate.optional(),
  })
  .strict()
  .superRefine((doc, ctx) => {
    if ((doc.kind === 'municipality' || doc.kind === 'guideline') && !doc.municipality) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['municipality'],
        message: `is required for kind ${doc.kind} (the municipality id from knowledge/municipalities.yaml)`,
      });
    }
    if (doc.date && doc.valid_until && doc.valid_until < doc.date) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['valid_until'], message: 'is before date' });
    }
  });
export type FrontMatter = z.infer<typeof frontMatterSchema>;
export type InlineSource = z.infer<typeof inlineSourceSchema>;

/** One entry of knowledge/sources.yaml. */
export const sourceEntrySchema = z
  .object({
    id: z.string().regex(ID, 'must be ascii kebab-case'),
    tag: z.string().min(1),
    title: z.string().min(1),
    ...sourceFacts,
    publisher: z.string().min(1),
    url: z.string().url('must be a URL').optional(),
    seed: z.string().optional(),
    reliability: z.enum(['high', 'medium', 'low']),
  })
  .strict();
export type SourceEntry = z.infer<typeof sourceEntrySchema>;

/** Drops the registry-only tag, keeping what a citation needs. */
export function sourceInfo(entry: SourceEntry): SourceInfo {
  const { tag: _tag, ...info } = entry;
  return info;
}
