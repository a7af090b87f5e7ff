import type { Collection, DocumentStore } from './ports/document-store.ts';

/** A document a feature will read while handling a turn. */
export interface DocumentRef<T = unknown> {
  collection: Collection<T>;
  id: string;
}

/**
 * Documents read together with the turn's admission, in one round trip to the store instead of one each.
 * `get` answers `undefined` for a document that was not fetched (then the feature loads it itself) and `null`
 * for one that was fetched and does not exist.
 */
export interface Prefetched {
  get<T>(collection: Collection<T>, id: string): T | null | undefined;
}

export function prefetchedDocuments(refs: DocumentRef[], values: unknown[]): Prefetched {
  const found = new Map(refs.map((ref, i) => [`${ref.collection.name}\n${ref.id}`, values[i] ?? null]));
  return {
    get: <T>(collection: Collection<T>, id: string) => found.get(`${collection.name}\n${id}`) as T | null | undefined,
  };
}

/** The document as fetched at the start of the turn, or loaded from the store now when it was not. */
export function loadPrefetched<T>(
  store: DocumentStore,
  prefetched: Prefetched | undefined,
  collection: Collection<T>,
  id: string,
): Promise<T | null> {
  const value = prefetched?.get(collection, id);
  return value === undefined ? store.load(collection, id) : Promise.resolve(value);
}
