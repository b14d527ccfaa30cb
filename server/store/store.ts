// The store (docs/architecture.md): everything the server keeps, behind one async interface. The embedded
// adapter is lowdb on sharded files (`lowdb-store.ts`); a database adapter implements the same
// interface and the routes do not change. Conditional writes (`saveRevision`, `transition`) are
// compare-and-set so two requests racing on one submission cannot both win.
import { type SubmissionStatus, type FormKind } from "../../shared/glossary.ts";
import type { FormId } from "../../shared/api/form-id.ts";
import type { Issue, Severity } from "../../shared/issue.ts";
import type { Library } from "../../shared/library.ts";
import type { LibraryChanges } from "../../shared/library-changes.ts";
import type { FormLights, FormScore } from "../../shared/check.ts";
import type { Notice } from "../../shared/cycle/notice.ts";
import type { Rectification, RectState } from "../../shared/cycle/rectification.ts";
import type { HandoverStore } from "./handovers.ts";
import type { OpinionStore } from "./opinions.ts";
import type { TreasuryStore } from "./treasury.ts";
import type { ExpertStore } from "./experts.ts";
import type { DocumentStore } from "./documents.ts";
import type { AuditEvent } from "./audit-event.ts";
import type { TreasuryFacts } from "../../shared/rules/context.ts";

export type { Notice, Rectification, RectState };

export type { Role } from "../../shared/directory.ts";
import type { Role } from "../../shared/directory.ts";
export type { FormKind } from "../../shared/glossary.ts";
export type Status = SubmissionStatus;

export interface Unit {
  code: string;
  name: string;
  field?: string;
  confidential: boolean;
  /** The street office (街道办) this unit sits under; none: directly under the bureau (docs/offices.md). */
  parent?: string;
}

export interface TokenRecord {
  id: string;
  /** sha256 of the token, hex. The token itself is never stored. */
  hash: string;
  role: Role;
  unit?: string;
  label?: string;
  createdAt: string;
  /** When a request last carried it (recorded at most once a minute, auth.ts). */
  lastUsedAt?: string;
  /** A finance token the admin allowed to publish the library (README, "People while the server runs"). */
  canPublish?: boolean;
  /** Set when revoked: the token is refused from then on, the record kept for the list and audit. */
  revokedAt?: string;
  /** A finance token scoped to a street office: it sees and acts on that office and the units under it only. */
  office?: string;
  /** An expert token: the expert it speaks for (docs/experts.md). */
  expert?: string;
}

export interface LibraryVersion {
  library: Library;
  changes: LibraryChanges;
  by: string;
}

/** Which submission: the form identity of the contract (shared/api/form-id.ts). */
export type SubmissionKey = FormId;

export type Counts = Record<Severity, number>;

/** A saved form: immutable once written. `form` is the body as checked (the parsed form, or the raw JSON when it did not fit the schema). */
export interface Revision {
  revision: number;
  form: Record<string, unknown>;
  by: string;
  at: string;
  libraryVersion: number;
  issues: Issue[];
  counts: Counts;
  score?: FormScore;
  lights?: FormLights;
}

export interface CellComment {
  sheet?: string;
  cell: string;
  comment: string;
}

export interface ReturnComment {
  comment: string;
  cells: CellComment[];
  by: string;
  at: string;
  revision: number;
}

/** A revision in a form's history: older revisions beyond the kept ones are compacted (their form dropped; who, when and the counts stay, and the audit log keeps every save). */
export interface HistoryRevision extends Omit<Revision, "form"> {
  form?: Record<string, unknown>;
}

/** A form's head and its latest revision: what reading a form needs. Its history is read only when asked for (`listRevisions`). */
export interface Submission {
  key: SubmissionKey;
  status: Status;
  revision: number;
  latest: Revision;
  /** The first revision's counts (errors at first save, for the assessment). */
  firstCounts: Counts;
  /** The latest return, kept after resubmission so the unit can still read it. */
  returned?: ReturnComment;
  updatedAt: string;
  statusAt: string;
}

/** What listing needs, kept in memory so a list never reads every file. */
export interface SubmissionMeta {
  key: SubmissionKey;
  status: Status;
  revision: number;
  updatedAt: string;
  statusAt: string;
  counts: Counts;
  libraryVersion: number;
  projectName?: string;
  unitName?: string;
  /** Indicator rows of the latest form. */
  rows: number;
  /** Bytes the form's kept revisions take (about; for the per-unit limit). */
  bytes: number;
  /** The latest form's set of level-3 indicators, hashed (X602 compares these, not parsed forms). */
  fingerprint?: string;
}

export interface SubmissionFilter {
  year?: number;
  unit?: string;
  project?: string;
  kind?: FormKind;
  status?: Status;
}

export interface KeyProject {
  year: number;
  unit: string;
  project: string;
  key: boolean;
  by: string;
  at: string;
}

/** Preconditions of a conditional write: the revision the caller based it on (`null`: must not exist yet) and the statuses it may be in. */
export interface Expect {
  revision?: number | null;
  statusIn?: readonly Status[];
}

export type WriteResult = { ok: true; submission: Submission } | { ok: false; current: Submission | null };

export interface NewRevision {
  form: Record<string, unknown>;
  by: string;
  at: string;
  libraryVersion: number;
  issues: Issue[];
  score?: FormScore;
  lights?: FormLights;
  /** Indicator rows of the form (0 when unreadable). */
  rows?: number;
  /** See SubmissionMeta.fingerprint. */
  fingerprint?: string;
  /** `JSON.stringify(issues)`, when the caller has it (a save's answer carries the same text): a store may write it as it is. */
  issuesJson?: string;
}

/** What a conditional write also records: the audit events of the change, built from its result and written with it (one record, one transaction), so no change is ever unaudited. */
export type AuditOf = (result: Submission, previousStatus: Status | null) => AuditEvent[];

/** What a save's audit events are built from: known from the precondition before the write, so a database writes revision and events in one statement. */
export interface Saved {
  key: SubmissionKey;
  revision: number;
  status: Status;
  /** The status the form left (null: it is new). */
  from: Status | null;
  at: string;
  counts: Counts;
}

export interface SaveOptions {
  /** Revisions kept whole; older ones are compacted (see HistoryRevision). Default: all. */
  keepRevisions?: number;
  /** The save's audit events, written with it. */
  audit?: (saved: Saved) => AuditEvent[];
}

/** What one unit stores, for the limits (policy.limits). */
export interface UnitUsage {
  /** Its forms of the year asked about. */
  forms: number;
  /** Bytes of all its forms (SubmissionMeta.bytes) and of every version of its documents, all years. */
  bytes: number;
}

export interface Transition {
  to: Status;
  at: string;
  returned?: ReturnComment;
}

export interface AuditFilter {
  /** Exact action names, e.g. `submission.submitted`. */
  actions?: readonly string[];
  /** Targets starting with this, e.g. `2025/` for a year's submissions. */
  targetPrefix?: string;
}

export interface RectificationFilter {
  year?: number;
  unit?: string;
  state?: RectState;
}

export type RectWriteResult = { ok: true; item: Rectification } | { ok: false; current: Rectification | undefined };

/** The indicator library's published versions. */
export interface LibraryStore {
  currentLibrary(): Promise<LibraryVersion | undefined>;
  libraryVersion(version: number): Promise<LibraryVersion | undefined>;
  /** Publishes `entry.library.version`, which must be the current version + 1; otherwise returns false. */
  publishLibrary(entry: LibraryVersion): Promise<boolean>;
}

/** Units and the tokens people use. */
export interface DirectoryStore {
  listUnits(): Promise<Unit[]>;
  getUnit(code: string): Promise<Unit | undefined>;
  putUnit(unit: Unit): Promise<void>;
  addToken(token: TokenRecord): Promise<void>;
  findToken(hash: string): Promise<TokenRecord | undefined>;
  listTokens(): Promise<TokenRecord[]>;
  /** Records a use of the token. */
  touchToken(id: string, at: string): Promise<void>;
  /** Marks the token revoked; false when there is no such token or it was revoked already. */
  revokeToken(id: string, at: string): Promise<boolean>;
}

/** Forms as saved, their revisions and statuses, and finance's key-project (重点项目) marks. */
export interface SubmissionStore {
  getSubmission(key: SubmissionKey): Promise<Submission | undefined>;
  listSubmissions(filter?: SubmissionFilter): Promise<SubmissionMeta[]>;
  /** Forms and bytes of one unit: one lookup, however many forms it has. */
  unitUsage(unit: string, year: number): Promise<UnitUsage>;
  /**
   * The unit's forms of a year and kind whose indicator set has `fingerprint` (X602), and those
   * stored before fingerprints were kept (their `fingerprint` undefined): the caller reads only those.
   */
  sameIndicatorSet(year: number, unit: string, kind: FormKind, fingerprint: string): Promise<SubmissionMeta[]>;
  /** Everything a save of `key` reads before it decides, in one lookup (saveContext, store.ts). */
  saveContext(key: SubmissionKey, options?: SaveContextOptions): Promise<SaveContext>;
  /** Every revision of a form, oldest first (compacted ones without their form); empty when there is no such form. */
  listRevisions(key: SubmissionKey): Promise<HistoryRevision[]>;
  /** Appends a revision and sets the status, if `expect` holds; `options.audit` is written with it. */
  saveRevision(key: SubmissionKey, expect: Expect, revision: NewRevision, status: Status, options?: SaveOptions): Promise<WriteResult>;
  /** Changes the status, if `expect` holds; `audit` is written with it. */
  transition(key: SubmissionKey, expect: Expect, transition: Transition, audit?: AuditOf): Promise<WriteResult>;
  setKeyProject(mark: KeyProject): Promise<void>;
  listKeyProjects(year?: number): Promise<KeyProject[]>;
}

/** The year's cycle: notices (通知) with deadlines and rectification items (整改). */
export interface CycleStore {
  /** Stores a new notice; false when its id is taken. */
  createNotice(notice: Notice): Promise<boolean>;
  getNotice(id: string): Promise<Notice | undefined>;
  /** Ordered by deadline, then id. */
  listNotices(year?: number): Promise<Notice[]>;
  /** Records that the notice's deadline has been announced: true for the first caller only (one server announces). */
  markNoticeOverdue(id: string, at: string): Promise<boolean>;
  /** Stores a new item; false when its id is taken. */
  createRectification(item: Rectification): Promise<boolean>;
  getRectification(id: string): Promise<Rectification | undefined>;
  /** Ordered by opening time, then id. */
  listRectifications(filter?: RectificationFilter): Promise<Rectification[]>;
  /** Replaces the item if its stored version is `expectVersion` (compare-and-set). */
  updateRectification(next: Rectification, expectVersion: number): Promise<RectWriteResult>;
}

/** The audit log: who did what, when. */
export interface AuditStore {
  appendAudit(event: AuditEvent): Promise<void>;
  listAudit(limit?: number): Promise<AuditEvent[]>;
  /** Every audit event matching the filter, oldest first (the whole log, not the last `limit`). */
  findAudit(filter: AuditFilter): Promise<AuditEvent[]>;
}

/**
 * Storage, as its roles: code that needs one role takes that interface (a route reading the
 * library takes a LibraryStore), so what it may touch shows in its signature. The two adapters
 * (lowdb-store.ts, postgres/pg-store.ts) implement all of them.
 */
export interface Store extends LibraryStore, DirectoryStore, SubmissionStore, CycleStore, AuditStore {
  /** The treasury's payments and the approved budgets (treasury.ts). */
  readonly treasury: TreasuryStore;
  /** Experts, the items assigned them and their review sheets (experts.ts). */
  readonly experts: ExpertStore;
  /** Drafts sent for opinions, with the answers (opinions.ts). */
  readonly opinions: OpinionStore;
  /** Problems handed on to supervision departments (handovers.ts). */
  readonly handovers: HandoverStore;
  /** A project's documents: evaluation plans, reports and self-evaluation reports, versioned (documents.ts). */
  readonly documents: DocumentStore;
  close(): Promise<void>;
}

export function keyString(k: SubmissionKey): string {
  return `${k.year}/${k.unit}/${k.project}/${k.kind}`;
}

export function matches(k: SubmissionKey, status: Status, f: SubmissionFilter): boolean {
  return (
    (f.year === undefined || k.year === f.year) &&
    (f.unit === undefined || k.unit === f.unit) &&
    (f.project === undefined || k.project === f.project) &&
    (f.kind === undefined || k.kind === f.kind) &&
    (f.status === undefined || status === f.status)
  );
}

export function auditMatches(e: AuditEvent, f: AuditFilter): boolean {
  return (f.actions === undefined || f.actions.includes(e.action)) && (f.targetPrefix === undefined || (e.target ?? "").startsWith(f.targetPrefix));
}

export function rectMatches(r: Rectification, f: RectificationFilter): boolean {
  return (f.year === undefined || r.year === f.year) && (f.unit === undefined || r.unit === f.unit) && (f.state === undefined || r.state === f.state);
}

/** Whether a submission in its current state satisfies `expect`. */
export function holds(current: Submission | undefined, expect: Expect): boolean {
  if (expect.revision !== undefined) {
    if (expect.revision === null ? current !== undefined : current?.revision !== expect.revision) return false;
  }
  if (expect.statusIn && current && !expect.statusIn.includes(current.status)) return false;
  return true;
}

// What a save reads (Store.saveContext) before it decides (docs/storage.md, "A save's reads"): the form as stored, the
// current library, the unit's usage for the limits and its directory entry, the project's approved
// target form (a monitoring or self-evaluation form's identity and X601), the unit's forms with the
// same indicator set (X602) and the treasury's facts (X603, X604). One call, so a database adapter
// answers it in one round trip instead of one statement each.
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
