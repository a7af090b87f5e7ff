import type { Collection } from '../core/ports/document-store.ts';
import type { CorruptDocument } from './corrupt-document.ts';

/** The envelope written around every stored document: the collection's version, then the data. */
export function encodeDocument<T>(collection: Collection<T>, data: T): string {
  return JSON.stringify({ v: collection.version, data });
}

/** Reads an envelope back; old versions and invalid shapes are reported as corrupt rather than trusted. */
export function decodeDocument<T>(
  collection: Collection<T>,
  id: string,
  raw: string,
): { ok: true; data: T } | { ok: false; corrupt: CorruptDocument } {
  const corrupt = (reason: string) => ({ ok: false as const, corrupt: { collection: collection.name, id, reason } });
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return corrupt('not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || !('v' in parsed) || !('data' in parsed)) {
    return corrupt('missing version envelope');
  }
  if (parsed.v !== collection.version) return corrupt(`version ${String(parsed.v)}, expected ${collection.version}`);
  const result = collection.schema.safeParse(parsed.data);
  if (!result.success) return corrupt(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return { ok: true, data: result.data };
}
