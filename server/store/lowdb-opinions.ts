// Opinions on results in the data folder: `data/opinions/<year>.json` (docs/storage.md).
import type { Consultation } from "../../shared/cycle/opinions.ts";
import type { DurableOptions } from "./durable-file.ts";
import { YearDocTable } from "./lowdb-year-docs.ts";
import { byCreated, consultationMatches, type ConsultationFilter, type ConsultationWrite, type OpinionStore } from "./opinions.ts";

export class LowOpinions extends YearDocTable<Consultation, ConsultationFilter> implements OpinionStore {
  constructor(dir: string, options: DurableOptions) {
    super(dir, "opinions", options, consultationMatches, byCreated);
  }

  update(next: Consultation, expectVersion: number): Promise<ConsultationWrite> {
    return this.replace(next, (current) => current.version === expectVersion);
  }
}
