/**
 * What happened when stored data could not be read back. Reported once: the store then deletes the document, so
 * it reads as absent from then on.
 */
export interface CorruptDocument {
  collection: string;
  id: string;
  reason: string;
}
