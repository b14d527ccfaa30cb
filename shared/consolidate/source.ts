// What consolidation reads: the units, the latest revision of every form of the year, and the
// policy. No I/O here: the server hands in a source over its store, the bench one over forms it
// makes up, and the model walks it once per sheet, so no sheet's rows are ever held in memory.
import type { FormId } from "../api/form-id.ts";
import type { CycleSummaryColumns } from "../cycle/results.ts";
import type { TreasuryLine } from "./treasury.ts";
import type { FormKind, SubmissionStatus } from "../glossary.ts";
import type { Issue } from "../issue.ts";
import type { Policy } from "../policy.ts";

export interface UnitInfo {
  code: string;
  name: string;
  confidential: boolean;
}

/** Which form: the contract's form identity (shared/api/form-id.ts). */
export type FormKey = FormId;

/** The latest revision of one submission, as stored: the form as checked and the issues found then. */
export interface StoredForm {
  key: FormKey;
  status: SubmissionStatus;
  revision: number;
  /** The stored body: the parsed form, or raw JSON when it did not fit the schema. */
  form: Record<string, unknown>;
  issues: readonly Issue[];
  updatedAt?: string;
}

export interface ConsolidationInput {
  year: number;
  /** One kind, or every kind when absent. */
  kind?: FormKind;
  policy: Policy;
  /** The bureau's units (the directory); each is expected to send at least one form of each kind in scope. */
  units: readonly UnitInfo[];
  /** Every form key of the year, of every kind (drafts included): which projects a unit has, so what it owes. */
  keys: Iterable<FormKey>;
  /**
   * The latest forms of the year (of `kind`, when given), in a stable order. Called once per pass
   * (three passes), each call walking the forms afresh.
   */
  forms(): AsyncIterable<StoredForm> | Iterable<StoredForm>;
  /** Per unit code: deadlines, rectification and assessment from the bureau's cycle (issue 9), when known. */
  cycle?: ReadonlyMap<string, CycleSummaryColumns>;
  /** Reported against paid, per project with the treasury's data (docs/treasury.md); the 国库支付 sheet when any. */
  treasury?: readonly TreasuryLine[];
}
