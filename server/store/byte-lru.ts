// A least-recently-used cache bounded by bytes, not by entries: both adapters keep recent
// revisions in one, so the server's memory stays flat however large forms or their number grow
// (a count bound let 2,000 forms of 10,000 rows exhaust the heap). Sizes are the caller's estimate
// (the JSON length of what is kept); an entry larger than the whole budget is not kept at all.
export class ByteLru<V> {
  private readonly map = new Map<string, { value: V; bytes: number }>();
  private total = 0;

  constructor(readonly budget: number) {}

  get(key: string): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    this.map.delete(key);
    this.map.set(key, hit);
    return hit.value;
  }

  set(key: string, value: V, bytes: number): void {
    this.delete(key);
    if (bytes > this.budget) return;
    this.map.set(key, { value, bytes });
    this.total += bytes;
    for (const [k, e] of this.map) {
      if (this.total <= this.budget) break;
      this.map.delete(k);
      this.total -= e.bytes;
    }
  }

  /**
   * Whether a value read on a miss should be kept: only when its key was missed once before,
   * lately. A form read once (a sweep through a year's forms, one look at one) then neither pushes
   * out the entries in use nor, pushed out itself later, leaves its parsed form in the old
   * generation until a full collection finds it; it dies young instead (docs/storage.md, "Memory").
   */
  admit(key: string): boolean {
    if (this.missed.delete(key)) return true;
    if (this.missed.size >= MISSES_KEPT) this.missed.delete(this.missed.values().next().value!);
    this.missed.add(key);
    return false;
  }

  /** Keys missed once lately (admit), oldest first. */
  private readonly missed = new Set<string>();

  delete(key: string): void {
    const hit = this.map.get(key);
    if (!hit) return;
    this.map.delete(key);
    this.total -= hit.bytes;
  }

  /** Bytes held now. */
  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.map.size;
  }
}

/** Keys admit remembers. */
const MISSES_KEPT = 16_384;

/** Default budget of a store's revision cache: 64 MiB of JSON, about as much in the heap (a parsed form of 84 rows takes 0.95× its JSON's bytes, the demo's of 7 rows 1.01×). */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;
