// The group-commit writer both stores share (server/store/batch-writer.ts; docs/storage.md): items
// arriving while a batch is written go together in the next, each caller answered after its batch.
import { describe, expect, it } from "vitest";
import { BatchWriter } from "../../server/store/batch-writer.ts";

/** A writer whose batches are recorded, each written after a turn of the event loop (as a statement's round trip). */
function recorded(gather: boolean, fail?: (items: string[]) => boolean) {
  const batches: string[][] = [];
  const writer = new BatchWriter<string>(
    async (items) => {
      batches.push(items);
      await new Promise((turn) => setImmediate(turn));
      if (fail?.(items)) throw new Error(`refused ${items.join(",")}`);
    },
    3,
    gather,
  );
  return { writer, batches };
}

describe("BatchWriter", () => {
  it("from idle writes the first item alone, and the ones arriving meanwhile together, at most maxBatch", async () => {
    const { writer, batches } = recorded(false);
    await Promise.all(["a", "b", "c", "d", "e"].map((x) => writer.push(x)));
    expect(batches).toEqual([["a"], ["b", "c", "d"], ["e"]]);
  });

  it("with gather, waits for the turn to end first, so items pushed in one turn go together", async () => {
    const { writer, batches } = recorded(true);
    await Promise.all(["a", "b", "c", "d", "e"].map((x) => writer.push(x)));
    expect(batches).toEqual([["a", "b", "c"], ["d", "e"]]);
  });

  it("answers each caller only after its batch is written, and fails the callers of a batch that failed", async () => {
    const { writer } = recorded(true, (items) => items.includes("bad"));
    const done: string[] = [];
    const results = await Promise.all(
      ["x", "bad", "y", "z"].map((x) =>
        writer.push(x).then(
          () => (done.push(x), "ok"),
          (err: Error) => err.message,
        ),
      ),
    );
    expect(results).toEqual(["refused x,bad,y", "refused x,bad,y", "refused x,bad,y", "ok"]);
    expect(done).toEqual(["z"]);
    await writer.idle();
  });

  it("with before, waits for what it says (here another writer's batch under way), and the items arriving meanwhile join the batch", async () => {
    const log: string[] = [];
    const roundTrip = () => new Promise((turn) => setImmediate(turn));
    // reads, whose callers each push a write when answered (a save: its read, then its write)
    const reads = new BatchWriter<string>(async (items) => {
      log.push(`read ${items.join(",")}`);
      await roundTrip();
    });
    const writes = new BatchWriter<string>(
      async (items) => {
        log.push(`write ${items.join(",")}`);
        await roundTrip();
      },
      10,
      false,
      async () => {
        const read = reads.underWay();
        if (!read) return;
        await read;
        await roundTrip();
      },
    );
    const save = async (x: string) => {
      await reads.push(x);
      await writes.push(x);
    };
    const first = save("a");
    await roundTrip();
    await roundTrip();
    // "a" is written while "b" and "c" are read; "d" and "e" are read while "b" and "c" wait for the turn
    const rest = ["b", "c", "d", "e"].map((x) => save(x));
    await Promise.all([first, ...rest]);
    expect(reads.underWay()).toBeUndefined();
    expect(log.filter((l) => l.startsWith("write"))).toEqual(["write a", "write b,c,d,e"]);
  });
});
