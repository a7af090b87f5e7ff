/**
 * Where checklist runs live: one document per run, a pointer per conversation to its unfinished run, the
 * "what is the case called?" prompt a user is answering, and indexes per user and per channel for
 * `/iop bedömningar`. Everything is in the DocumentStore, so a run survives a restart of the bot.
 */
import { z } from 'zod';
import type { Collection, DocumentStore } from '../ports/document-store.ts';
import { type Actor, type RunResult, type RunState, runStateSchema } from './engine.ts';
import { kebabIdSchema } from './schema.ts';
import { type DocumentRef, loadPrefetched, type Prefetched } from '../prefetch.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Default lifetime of a run after its last change (CHECKLIST_TTL_DAYS). */
export const DEFAULT_CHECKLIST_TTL_MS = 30 * DAY_MS;
// Long enough to look up the organisation's name, short enough that a forgotten prompt does not swallow a
// question asked the next day.
const PENDING_TTL_MS = 60 * 60 * 1000;

/** A run and where it was started. */
export const storedRunSchema = z.object({
  run: runStateSchema,
  channelKey: z.string().min(1),
  conversationKey: z.string().min(1),
});
/** A run as stored. */
export type StoredRun = z.infer<typeof storedRunSchema>;

const pointerSchema = z.object({ runId: z.string().min(1) });

/** A start that waits for the case name; the user's next message in the channel is taken as the name. */
export const pendingStartSchema = z.object({ checklistId: kebabIdSchema, requestedAt: z.string() });
/** A start that waits for the case name. */
export type PendingStart = z.infer<typeof pendingStartSchema>;

/** What happened when an engine operation was applied to a stored run; `refused` left it untouched. */
export type RunChange =
  | { kind: 'missing' }
  | { kind: 'refused' }
  | { kind: 'applied'; before: StoredRun; result: RunResult };

/** Persistence of checklist runs (see the module comment). */
export interface RunStore {
  load(runId: string): Promise<StoredRun | null>;
  create(stored: StoredRun): Promise<void>;
  /**
   * Applies an engine operation with compare-and-set: concurrent presses are serialised, none is lost. `allowed`
   * sees the stored run first (where it lives, who started it); when it says no, nothing is applied.
   */
  apply(
    runId: string,
    operation: (run: RunState) => RunResult,
    allowed: (stored: StoredRun) => boolean,
  ): Promise<RunChange>;
  /** The unfinished run a conversation points at, if any. */
  activeIn(conversationKey: string): Promise<StoredRun | null>;
  pointTo(conversationKey: string, runId: string): Promise<void>;
  /** Clears the conversation's pointer if it still points at `runId`. */
  unpoint(conversationKey: string, runId: string): Promise<void>;
  /** Remembers the run for the user's and the channel's assessment lists. */
  remember(runId: string, refs: { userId?: string; channelKey?: string }): Promise<void>;
  listForUser(userId: string): Promise<StoredRun[]>;
  listForChannel(channelKey: string): Promise<StoredRun[]>;
  /** The case-name prompt the user was given here, if any; from `prefetched` when the bot read it already. */
  pending(key: string, prefetched?: Prefetched): Promise<PendingStart | null>;
  /** The prompt's document, for Feature.prefetch. */
  pendingRef(key: string): DocumentRef;
  setPending(key: string, pending: PendingStart): Promise<void>;
  /** Removes the prompt and returns it, to exactly one of several racing callers. */
  takePending(key: string): Promise<PendingStart | null>;
  /**
   * Privacy: replaces the user with `anonymous` in every run they started or answered (the assessments stay for
   * their colleagues) and forgets their list. Returns how many runs were changed.
   */
  forgetUser(userId: string, anonymous: Actor): Promise<number>;
}

/** The run with every mention of `userId` replaced by `anonymous`. */
export function anonymise(run: RunState, userId: string, anonymous: Actor): RunState {
  const swap = (who: Actor) => (who.id === userId ? anonymous : who);
  const answers = Object.fromEntries(
    Object.entries(run.answers).map(([id, recorded]) => [id, { ...recorded, by: swap(recorded.by) }]),
  );
  const next: RunState = { ...run, startedBy: swap(run.startedBy), answers };
  if (run.cancelledBy) next.cancelledBy = swap(run.cancelledBy);
  return next;
}

/** Builds the run store; `ttlMs` is how long a run is kept after its last change. */
export function createRunStore(store: DocumentStore, ttlMs: number = DEFAULT_CHECKLIST_TTL_MS): RunStore {
  const runs: Collection<StoredRun> = { name: 'checklist-run', version: 1, schema: storedRunSchema, ttlMs };
  const pointers: Collection<z.infer<typeof pointerSchema>> = {
    name: 'checklist-active',
    version: 1,
    schema: pointerSchema,
    ttlMs,
  };
  const pendingStarts: Collection<PendingStart> = {
    name: 'checklist-pending',
    version: 1,
    schema: pendingStartSchema,
    ttlMs: PENDING_TTL_MS,
  };
  const userIndex = (userId: string) => `checklist-user:${userId}`;
  const channelIndex = (channelKey: string) => `checklist-channel:${channelKey}`;

  async function list(index: string): Promise<StoredRun[]> {
    const found: StoredRun[] = [];
    for (const runId of await store.indexMembers(index)) {
      const stored = await store.load(runs, runId);
      // The run expired (TTL) or was unreadable: forget it here too.
      if (stored) found.push(stored);
      else await store.indexRemove(index, runId);
    }
    return found.sort((a, b) => b.run.updatedAt.localeCompare(a.run.updatedAt));
  }

  return {
    load: (runId) => store.load(runs, runId),
    create: async (stored) => {
      await store.update(runs, stored.run.runId, () => stored);
    },
    apply: async (runId, operation, allowed) => {
      // Where a run lives and who started it never change, so checking before the write is as good as checking
      // in it, and a refused press writes nothing (not even a later expiry). The read also primes the store's
      // revision, so the write after it is a single compare-and-set.
      const found = await store.load(runs, runId);
      if (!found) return { kind: 'missing' };
      if (!allowed(found)) return { kind: 'refused' };
      let change: RunChange = { kind: 'missing' };
      await store.update(runs, runId, (current) => {
        // `update` may call this again after losing a race, so the change is taken from the last call.
        if (!current) {
          change = { kind: 'missing' };
          return null;
        }
        const result = operation(current.run);
        change = { kind: 'applied', before: current, result };
        return result.kind === 'updated' ? { ...current, run: result.state } : current;
      });
      return change;
    },
    activeIn: async (conversationKey) => {
      const pointer = await store.load(pointers, conversationKey);
      if (!pointer) return null;
      const stored = await store.load(runs, pointer.runId);
      return stored?.run.status === 'active' ? stored : null;
    },
    pointTo: async (conversationKey, runId) => {
      await store.update(pointers, conversationKey, () => ({ runId }));
    },
    unpoint: async (conversationKey, runId) => {
      await store.update(pointers, conversationKey, (current) => (current?.runId === runId ? null : current));
    },
    remember: async (runId, refs) => {
      if (refs.userId) await store.indexAdd(userIndex(refs.userId), runId, ttlMs);
      if (refs.channelKey) await store.indexAdd(channelIndex(refs.channelKey), runId, ttlMs);
    },
    listForUser: (userId) => list(userIndex(userId)),
    listForChannel: (channelKey) => list(channelIndex(channelKey)),
    pending: (key, prefetched) => loadPrefetched(store, prefetched, pendingStarts, key),
    pendingRef: (key) => ({ collection: pendingStarts, id: key }),
    setPending: async (key, pending) => {
      await store.update(pendingStarts, key, () => pending);
    },
    takePending: async (key) => {
      let taken: PendingStart | null = null;
      await store.update(pendingStarts, key, (current) => {
        taken = current;
        return null;
      });
      return taken;
    },
    forgetUser: async (userId, anonymous) => {
      let changed = 0;
      for (const runId of await store.indexMembers(userIndex(userId))) {
        let mentioned = false;
        await store.update(runs, runId, (current) => {
          if (!current) return null;
          const run = anonymise(current.run, userId, anonymous);
          mentioned = JSON.stringify(run) !== JSON.stringify(current.run);
          return { ...current, run };
        });
        if (mentioned) changed++;
        await store.indexRemove(userIndex(userId), runId);
      }
      return changed;
    },
  };
}
