import type { ZodIssue } from 'zod';

/** Formats zod issues as `path.to[2].field: message`, one per line, for file-naming error messages. */
export function formatZodIssues(issues: ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path
        .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
        .join('');
      return `${path || '(root)'}: ${issue.message}`;
    })
    .join('\n  ');
}
