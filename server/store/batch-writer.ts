// Group commit, written once for both adapters: items arriving while a batch is being written go
// together in the next one, so many saves share one fsync (lowdb's journal) or one statement and
// commit (PostgreSQL's saves, their reads, its audit insert). Each caller's promise settles only after the write that holds its
// item has finished: nothing is acknowledged before it is durable.
export class BatchWriter<T> {
  private pending: { item: T; done: () => void; fail: (e: unknown) => void }[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly maxBatch = Number.POSITIVE_INFINITY,
    /**
     * From idle, wait for the event loop's turn to end before the first batch, so the items that
     * requests read in the same turn push go together (otherwise the first goes alone). Costs the
     * first item a turn; for a write whose per-batch cost is high (a statement and its commit).
     */
    private readonly gather = false,
    /**
     * Awaited before each batch is taken, so the items arriving meanwhile go in it too (PostgreSQL's
     * saves' writes wait for the read under way, whose saves will write next: underWay).
     */
    private readonly before?: () => Promise<void>,
  ) {}

  private current: Promise<void> | undefined;

  /** The batch being written now, if any: it settles once the batch's callers have been answered (their continuations queued). */
  underWay(): Promise<void> | undefined {
    return this.current;
  }

  push(item: T): Promise<void> {
    return new Promise((done, fail) => {
      this.pending.push({ item, done, fail });
      this.running ??= this.run();
    });
  }

  /** Resolves when everything pushed so far is written (or failed). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Runs `task` between two batches, with no batch in flight (e.g. a journal rotation). */
  between<R>(task: () => Promise<R>): Promise<R> {
    return new Promise<R>((ok, fail) => {
      this.betweenTasks.push(async () => {
        try {
          ok(await task());
        } catch (err) {
          fail(err);
        }
      });
      this.running ??= this.run();
    });
  }

  private betweenTasks: (() => Promise<void>)[] = [];

  private async run(): Promise<void> {
    if (this.gather) await new Promise<void>((turn) => setImmediate(turn));
    while (this.pending.length > 0 || this.betweenTasks.length > 0) {
      for (const t of this.betweenTasks.splice(0)) await t();
      if (this.pending.length === 0) continue;
      if (this.before) await this.before();
      const batch = this.pending.splice(0, this.maxBatch);
      let answered!: () => void;
      this.current = new Promise<void>((settle) => (answered = settle));
      try {
        await this.write(batch.map((b) => b.item));
        for (const b of batch) b.done();
      } catch (err) {
        for (const b of batch) b.fail(err);
      } finally {
        this.current = undefined;
        answered();
      }
    }
    this.running = null;
  }
}
