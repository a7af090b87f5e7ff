import type { DocumentStore } from '../core/ports/document-store.ts';

/** The document store as the runtime holds it: the core's port, plus the reachability check readiness asks. */
export interface StateStore extends DocumentStore {
  /** Answers whether the backing service is reachable right now. */
  ping(): Promise<boolean>;
}
