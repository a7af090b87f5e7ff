import type { ZodIssue } from 'zod';
import { describeIssues } from '../core/checklist/schema.ts';

/** Formats zod issues as `path.to[2].field: message`, one per line, for file-naming error messages. */
export function formatZodIssues(issues: ZodIssue[]): string {
  return describeIssues(issues).join('\n  ');
}
