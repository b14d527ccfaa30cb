// Opinions on results in the data folder: `data/opinions/<year>.json` (docs/storage.md).
import { join } from "node:path";
import type { Consultation } from "../../shared/cycle/opinions.ts";
import type { DurableOptions } from "./durable-file.ts";
import { YearDocs } from "./lowdb-year-docs.ts";
import { byCreated, consultationMatches, type ConsultationFilter, type ConsultationWrite, type OpinionStore } from "./opinions.ts";

export class LowOpinions implements OpinionStore {
  private readonly docs: YearDocs<Consultation>;

  constructor(dir: string, options: DurableOptions) {
    this.docs = new YearDocs(join(dir, "opinions"), options);
  }

  create(c: Consultation): Promise<boolean> {
    return this.docs.create(c);
  }

  get(id: string): Promise<Consultation | undefined> {
    return this.docs.get(id);
  }

  async list(filter: ConsultationFilter = {}): Promise<Consultation[]> {
    return (await this.docs.all()).filter((c) => consultationMatches(c, filter)).sort(byCreated);
  }

  update(next: Consultation, expectVersion: number): Promise<ConsultationWrite> {
    return this.docs.replace(next, (current) => current.version === expectVersion);
  }
}
