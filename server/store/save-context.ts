// What a save reads before it decides (docs/storage.md, "A save's reads"): the form as stored, the
// current library, the unit's usage for the limits and its directory entry, the project's approved
// target form (a monitoring or self-evaluation form's identity and X601), the unit's forms with the
// same indicator set (X602) and the treasury's facts (X603, X604). One call, so a database adapter
// answers it in one round trip instead of one statement each.
import type { TreasuryFacts } from "../../shared/rules/treasury.ts";
import type { LibraryVersion, Submission, SubmissionMeta, Unit, UnitUsage } from "./store.ts";

/** Of a form with the same indicator set, what X602 reads (and its revision, to take the fingerprint of a form stored without one). */
export type SameSetForm = Pick<SubmissionMeta, "key" | "revision" | "projectName" | "fingerprint">;

export interface SaveContextOptions {
  /** The new form's indicator-set fingerprint, when known. */
  fingerprint?: string;
  /** The id of the token the save comes with: `tokenLive` says whether it is still there and not revoked. */
  tokenId?: string;
}

export interface SaveContext {
  /** The form as stored (head and latest revision); undefined when it does not exist yet. */
  existing: Submission | undefined;
  /** The current library; undefined before the first is published. */
  library: LibraryVersion | undefined;
  /** The unit's forms of the key's year and its bytes (UnitUsage). */
  usage: UnitUsage;
  /** The unit's directory entry. */
  unit: Unit | undefined;
  /** For a monitoring or self-evaluation form: the project's target form of the year, when approved. */
  approvedTarget: Submission | undefined;
  /**
   * sameIndicatorSet(year, unit, kind, fingerprint) for the fingerprint asked for, or, when none was
   * asked for, the stored form's own (a form saved again mostly keeps its indicator set); undefined
   * when there is neither. The caller whose form has another fingerprint asks sameIndicatorSet.
   */
  sameSet: { fingerprint: string; forms: SameSetForm[] } | undefined;
  /** The treasury's payments of the project (every year) and its budget of the year. */
  treasury: TreasuryFacts;
  /**
   * Whether the token `options.tokenId` exists and is not revoked (absent when none was asked
   * about): a save whose token was taken from memory is checked here, as of its one read (auth.ts).
   */
  tokenLive?: boolean;
}
