// Problems handed on in the data folder: `data/handovers/<year>.json` (docs/storage.md).
import type { Handover } from "../../shared/cycle/handover.ts";
import type { DurableOptions } from "./durable-file.ts";
import { byDayHanded, handoverMatches, type HandoverFilter, type HandoverStore } from "./handovers.ts";
import { YearDocTable } from "./lowdb-year-docs.ts";

export class LowHandovers extends YearDocTable<Handover, HandoverFilter> implements HandoverStore {
  constructor(dir: string, options: DurableOptions) {
    super(dir, "handovers", options, handoverMatches, byDayHanded);
  }

  /** Adds `h` unless its id is taken (a handover is never changed after). */
  add(h: Handover): Promise<boolean> {
    return this.create(h);
  }
}
