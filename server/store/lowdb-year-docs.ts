// Small documents kept by year in the data folder, `data/<folder>/<year>.json`, each file written
// whole (temp file, fsync, rename) through its own queue; read into memory on first use. The
// lowdb adapters of the opinions and the problems handed on keep their records this way.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { enqueue, setThenWrite, writeFileDurable, type DurableOptions } from "./durable-file.ts";

export class YearDocs<T extends { id: string; year: number }> {
  private loaded: Promise<void> | undefined;
  private readonly byId = new Map<string, T>();

  constructor(
    private readonly dir: string,
    private readonly options: DurableOptions,
  ) {}

  private file(year: number): string {
    return join(this.dir, `${year}.json`);
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      let names: string[];
      try {
        names = await readdir(this.dir);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
        throw err;
      }
      for (const n of names.filter((f) => /^\d{4}\.json$/.test(f))) {
        const doc = JSON.parse(await readFile(join(this.dir, n), "utf8")) as { items: T[] };
        for (const item of doc.items) this.byId.set(item.id, item);
      }
    })();
    return this.loaded;
  }

  private async write(year: number): Promise<void> {
    const items = [...this.byId.values()].filter((x) => x.year === year).sort((a, b) => a.id.localeCompare(b.id));
    await writeFileDurable(this.file(year), JSON.stringify({ items }), this.options);
  }

  async all(): Promise<T[]> {
    await this.load();
    return [...this.byId.values()];
  }

  async get(id: string): Promise<T | undefined> {
    await this.load();
    return this.byId.get(id);
  }

  /** Adds `item` unless its id is taken; durable when it answers true. */
  async create(item: T): Promise<boolean> {
    await this.load();
    return enqueue(this.file(item.year), async () => {
      if (this.byId.has(item.id)) return false;
      await setThenWrite(this.byId, item.id, item, () => this.write(item.year));
      return true;
    });
  }

  /** Replaces the stored item when `holds(current)`; answers the stored one otherwise. */
  async replace(next: T, holds: (current: T) => boolean): Promise<{ ok: true; item: T } | { ok: false; current: T | undefined }> {
    await this.load();
    const known = this.byId.get(next.id);
    if (!known) return { ok: false, current: undefined };
    return enqueue(this.file(known.year), async () => {
      const current = this.byId.get(next.id);
      if (!current || current.year !== next.year || !holds(current)) return { ok: false as const, current };
      await setThenWrite(this.byId, next.id, next, () => this.write(next.year));
      return { ok: true as const, item: next };
    });
  }
}

/**
 * Year documents in `data/<folder>/` found by a filter: `matches` says whether one meets it,
 * `order` sorts what is listed (the opinions and the problems handed on).
 */
export class YearDocTable<T extends { id: string; year: number }, F extends object> extends YearDocs<T> {
  constructor(
    dataDir: string,
    folder: string,
    options: DurableOptions,
    private readonly matches: (doc: T, filter: F) => boolean,
    private readonly order: (a: T, b: T) => number,
  ) {
    super(join(dataDir, folder), options);
  }

  async list(filter: F = {} as F): Promise<T[]> {
    return (await this.all()).filter((d) => this.matches(d, filter)).sort(this.order);
  }
}
