// Problems handed on in the data folder: `data/handovers/<year>.json` (docs/storage.md).
import { join } from "node:path";
import type { Handover } from "../../shared/cycle/handover.ts";
import type { DurableOptions } from "./durable-file.ts";
import { byDayHanded, handoverMatches, type HandoverFilter, type HandoverStore } from "./handovers.ts";
import { YearDocs } from "./lowdb-year-docs.ts";

export class LowHandovers implements HandoverStore {
  private readonly docs: YearDocs<Handover>;

  constructor(dir: string, options: DurableOptions) {
    this.docs = new YearDocs(join(dir, "handovers"), options);
  }

  add(h: Handover): Promise<boolean> {
    return this.docs.create(h);
  }

  async list(filter: HandoverFilter = {}): Promise<Handover[]> {
    return (await this.docs.all()).filter((h) => handoverMatches(h, filter)).sort(byDayHanded);
  }
}
