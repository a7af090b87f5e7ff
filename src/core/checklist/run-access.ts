/**
 * Where a run may be used. A run id travels in every button value, and a button value comes back from the
 * platform (a crafted payload can carry any run id), so the id alone proves nothing: a run belongs to the channel
 * it was started in. Any thread of that channel will do — in Slack and Teams channels the questions are posted in
 * the intro's thread, a conversation of its own — and everyone who can see the channel can see the run anyway.
 */
import type { Turn } from '../model.ts';
import type { StoredRun } from './run-store.ts';

/** What a turn wants to do with a run: change or show it (`act`), or take away its summary (`export`). */
export type RunUse = 'act' | 'export';

/** True when the turn happens in the channel the run was started in. */
export function isRunHome(stored: StoredRun, turn: Turn): boolean {
  return stored.channelKey === turn.conversation.channelKey;
}

/** Whether `turn` may use the run: only in its channel; its starter may also export it from elsewhere. */
export function mayUseRun(stored: StoredRun, turn: Turn, use: RunUse): boolean {
  if (isRunHome(stored, turn)) return true;
  return use === 'export' && stored.run.startedBy.id === turn.user.id;
}
