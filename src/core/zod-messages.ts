// The words zod uses for the problems a deployer or a content owner meets most: a missing field and a misspelt
// one. zod 4's own ("Invalid input: expected object, received undefined") say less about what to do. Imported
// for its effect by every module that defines a schema read from a file or the environment.
import { z } from 'zod';

/** A value as a message may show it; never String() of a hostile object (`{ toString: 0 }` throws). */
function described(value: unknown): string {
  if (typeof value === 'string') return `'${value.slice(0, 60)}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return Array.isArray(value) ? 'an array' : typeof value;
}

z.config({
  customError: (issue) => {
    if (issue.code === 'invalid_type' && issue.input === undefined) return 'Required';
    if (issue.code === 'unrecognized_keys') {
      return `Unrecognized key(s) in object: ${issue.keys.map((key) => `'${key}'`).join(', ')}`;
    }
    if (issue.code === 'invalid_value' && issue.values.length > 1) {
      const expected = issue.values.map((v) => `'${String(v)}'`).join(' | ');
      return `Invalid enum value. Expected ${expected}, received ${described(issue.input)}`;
    }
    return undefined;
  },
});
