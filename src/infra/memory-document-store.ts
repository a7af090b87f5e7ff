import type { StateStore } from './state-store.ts';
import type { Clock } from '../core/ports/clock.ts';
import type { Collection } from '../core/ports/document-store.ts';
import type { CorruptDocument } from './corrupt-document.ts';
import { decodeDocument, encodeDocument } from './stored-document.ts';

interface Entry {
  value: string;
  expiresAt: number | null;
}

/**
 * DocumentStore in process memory, for the console without Redis and for core tests. Documents are kept
 * encoded, so they go through the same validation as Redis data and no caller can mutate stored state in place.
 */
export class MemoryDocumentStore implements StateStore {
  private readonly entries = new Map<string, Entry>();
  private readonly sets = new Map<string, { members: Set<string>; expiresAt: number | null }>();

  constructor(
    private readonly clock: Clock,
    private readonly onCorrupt?: (corrupt: CorruptDocument) => void,
  ) {}

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= this.clock.now().getTime()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private expiry(ttlMs: number | undefined): number | null {
    return ttlMs ? this.clock.now().getTime() + ttlMs : null;
  }

  /** Writes a raw value; lets tests plant corrupt data the way a broken deployment would. */
  putRaw(collection: string, id: string, value: string): void {
    this.entries.set(`doc:${collection}:${id}`, { value, expiresAt: null });
  }

  async load<T>(collection: Collection<T>, id: string): Promise<T | null> {
    return this.read(collection, id);
  }

  private read<T>(collection: Collection<T>, id: string): T | null {
    const entry = this.live(`doc:${collection.name}:${id}`);
    if (!entry) return null;
    const decoded = decodeDocument(collection, id, entry.value);
    if (decoded.ok) return decoded.data;
    this.onCorrupt?.(decoded.corrupt);
    this.entries.delete(`doc:${collection.name}:${id}`);
    return null;
  }

  async update<T>(collection: Collection<T>, id: string, mutate: (current: T | null) => T | null): Promise<T | null> {
    // Read and write happen in one synchronous stretch, so no other update can interleave.
    const current = this.read(collection, id);
    const next = mutate(current);
    const key = `doc:${collection.name}:${id}`;
    if (next === null) this.entries.delete(key);
    else this.entries.set(key, { value: encodeDocument(collection, next), expiresAt: this.expiry(collection.ttlMs) });
    return next;
  }

  async put<T>(collection: Collection<T>, id: string, value: T): Promise<void> {
    await this.update(collection, id, () => value);
  }

  async delete(collection: Collection<unknown>, id: string): Promise<void> {
    this.entries.delete(`doc:${collection.name}:${id}`);
  }

  async claimOnce(scope: string, id: string, ttlMs: number): Promise<boolean> {
    return this.claim(scope, id, ttlMs);
  }

  private claim(scope: string, id: string, ttlMs: number): boolean {
    const key = `claim:${scope}:${id}`;
    if (this.live(key)) return false;
    this.entries.set(key, { value: '1', expiresAt: this.expiry(ttlMs) });
    return true;
  }

  async releaseClaim(scope: string, id: string): Promise<void> {
    this.entries.delete(`claim:${scope}:${id}`);
  }

  private liveSet(index: string) {
    const set = this.sets.get(index);
    if (set && set.expiresAt !== null && set.expiresAt <= this.clock.now().getTime()) {
      this.sets.delete(index);
      return undefined;
    }
    return set;
  }

  async indexAdd(index: string, member: string, ttlMs?: number): Promise<void> {
    const set = this.liveSet(index) ?? { members: new Set<string>(), expiresAt: null };
    set.members.add(member);
    if (ttlMs) set.expiresAt = this.expiry(ttlMs);
    this.sets.set(index, set);
  }

  async indexRemove(index: string, member: string): Promise<void> {
    this.liveSet(index)?.members.delete(member);
  }

  async indexMembers(index: string): Promise<string[]> {
    return [...(this.liveSet(index)?.members ?? [])].sort();
  }

  async claimAndCount(
    scope: string,
    id: string,
    ttlMs: number,
    window: { counter: string; windowMs: number },
  ): Promise<{ claimed: false } | { claimed: true; count: number }> {
    // Claim and count in one synchronous stretch, as the Redis script does atomically.
    if (!this.claim(scope, id, ttlMs)) return { claimed: false };
    const key = `window:${window.counter}`;
    const entry = this.live(key);
    const count = (entry ? Number(entry.value) : 0) + 1;
    this.entries.set(key, { value: String(count), expiresAt: entry?.expiresAt ?? this.expiry(window.windowMs) });
    return { claimed: true, count };
  }

  async ping(): Promise<boolean> {
    return true;
  }
}
