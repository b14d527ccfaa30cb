// The server's API (docs/api.md) as plain functions, typed from the contract in shared/api (the
// server's routes validate and answer with the same schemas). A request that cannot reach the
// server throws OfflineError; an answer with an error status throws ApiError with the server's
// error body and its code.
import type { ConsultationView, HandoverView } from "../../shared/api/opinions.ts";
import type { AnswerInput, ConsultationInput, ReplyInput } from "../../shared/cycle/opinions.ts";
import type { HandoverInput } from "../../shared/cycle/handover.ts";
import type {
  AssessmentView,
  CellComment,
  ConfirmedDisclosure,
  ConsolidatedJson,
  DisclosurePreview,
  DocumentList,
  DocumentVersion,
  ErrorCode,
  FormId,
  ProjectId,
  ImportResult,
  KeyProjectMark,
  LibraryChangesView,
  Me,
  NoticeBody,
  NoticeView,
  OverviewView,
  PublicYearBody,
  RectView,
  ResultsMine,
  RevokedToken,
  PublishBody,
  PublishResult,
  RevisionDetail,
  RevisionInfo,
  SaveResult,
  SubmissionDetail,
  SubmissionListItem,
  ValidateResult,
} from "../../shared/api/index.ts";
import { formIdOf, formIdPath, formIdString } from "../../shared/api/form-id.ts";
import { ErrorBodySchema } from "../../shared/api/errors.ts";
import type { UnitSchema } from "../../shared/api/session.ts";
import type { CreatedToken, TokenInput, TokenView, UnitInput, UnitPatch } from "../../shared/directory.ts";
import { FormSchema, type Form, type FormInput } from "../../shared/form.ts";
import type { FormKind, SubmissionStatus } from "../../shared/glossary.ts";
import { documentTypes, type DocumentKind } from "../../shared/documents.ts";
import type { Library } from "../../shared/library.ts";
import type { z } from "zod";
import { refused } from "./refused.ts";
import type { NoticeInput } from "../../shared/cycle/notice.ts";
import type { RectOpenInput } from "../../shared/cycle/rectification.ts";
import type { BudgetListSchema } from "../../shared/api/treasury.ts";
import type { ConsultationListSchema, HandoverListSchema } from "../../shared/api/opinions.ts";
import type { NoticeListSchema, RectAcceptSchema, RectAnswerSchema, RectListSchema, RectReopenSchema } from "../../shared/api/cycle.ts";
import type { ConfirmDisclosureBodySchema } from "../../shared/api/disclosure.ts";
import type { KeyProjectBodySchema, ReturnBodySchema, RevisionListSchema, SubmissionListSchema, WithdrawBodySchema } from "../../shared/api/submissions.ts";
import type { TokenListSchema, UnitListSchema } from "../../shared/api/session.ts";

/** What an endpoint answers, as its schema in the contract says. */
type Body<S extends z.ZodType> = z.output<S>;
/** What an endpoint takes, as its schema in the contract parses it. */
type Sent<S extends z.ZodType> = z.input<S>;

export type { ConsultationView, HandoverView };
export type { CellComment, DisclosurePreview, DocumentList, DocumentVersion, AssessmentView, ImportResult, Me, NoticeView, OverviewView, RectView, ResultsMine, RevisionDetail, RevisionInfo, SaveResult, SubmissionDetail };
/** A form's identity (shared/api/form-id.ts). */
export type SubmissionKey = FormId;
/** A line of the forms list; submit, return and approve answer the same fields without the names and the mark. */
export type SubmissionSummary = SubmissionListItem;
export type CellCommentDto = CellComment;
export type LibraryChanges = LibraryChangesView;
export type DirectoryUnit = z.infer<typeof UnitSchema>;
/** A submission whose form reads as a form (Api.submission). */
export type OpenedSubmission = Omit<SubmissionDetail, "form"> & { form: Form };
export const keyPath = formIdPath;
export const keyOfForm: (form: Pick<FormInput, "year" | "kind" | "unit" | "project">) => FormId = formIdOf;

export class OfflineError extends Error {
  constructor(cause?: unknown) {
    super("server unreachable");
    this.cause = cause;
  }
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** the server's code, or `http_<status>` when the answer had no error body (not the server) */
    readonly code: ErrorCode | `http_${number}`,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export type Fetch = typeof fetch;

export class Api {
  private libraryCache: { etag: string; library: Library } | undefined;

  constructor(
    readonly base: string,
    readonly token: string,
    private readonly fetcher: Fetch = (...a) => fetch(...a),
  ) {}

  /** The API path under the server address, keeping a path the address has (`https://host/jixiao`: behind a proxy). */
  url(path: string): string {
    return new URL(path.replace(/^\/+/, ""), this.base.endsWith("/") ? this.base : `${this.base}/`).href;
  }

  async raw(method: string, path: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}): Promise<Response> {
    let res: Response;
    try {
      res = await this.fetcher(this.url(path), {
        method,
        headers: { Authorization: `Bearer ${this.token}`, ...init.headers },
        body: init.body,
      });
    } catch (err) {
      throw new OfflineError(err);
    }
    if (res.status === 502 || res.status === 503 || res.status === 504) throw new OfflineError(res.status);
    if (res.status === 401) refused();
    return res;
  }

  async json<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const res = await this.raw(method, path, {
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: body === undefined ? headers : { "Content-Type": "application/json", ...headers },
    });
    return readJson<T>(res);
  }

  me(): Promise<Me> {
    return this.json("GET", "/api/me");
  }

  async library(): Promise<Library> {
    const res = await this.raw("GET", "/api/library", { headers: this.libraryCache ? { "If-None-Match": this.libraryCache.etag } : {} });
    if (res.status === 304 && this.libraryCache) return this.libraryCache.library;
    const library = await readJson<Library>(res);
    this.libraryCache = { etag: res.headers.get("ETag") ?? String(library.version), library };
    return library;
  }

  changes(since: number): Promise<LibraryChanges> {
    return this.json("GET", `/api/library/changes?since=${since}`);
  }

  async submissions(query: { year?: number; unit?: string; kind?: FormKind; status?: SubmissionStatus } = {}): Promise<SubmissionSummary[]> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") params.set(k, String(v));
    const q = params.size ? `?${params}` : "";
    return (await this.json<Body<typeof SubmissionListSchema>>("GET", `/api/submissions${q}`)).submissions;
  }

  /**
   * One form, to open in the workbook. The server keeps a draft as the unit sent it even when it
   * cannot be read as a form; such a draft cannot be laid out, so it is refused here, by name.
   */
  async submission(k: SubmissionKey): Promise<OpenedSubmission> {
    const detail = await this.json<SubmissionDetail>("GET", keyPath(k));
    const read = FormSchema.safeParse(detail.form);
    if (!read.success) {
      throw new Error(`服务器上的表单 ${formIdString(k)} 无法读取，请重新保存 / The server's form ${formIdString(k)} cannot be read: save it again`);
    }
    return { ...detail, form: read.data };
  }

  /** PUT with If-Match (none for a new form); 409 → ApiError with the current revision in details. */
  save(form: FormInput, basedOn?: number): Promise<SaveResult> {
    return this.json("PUT", keyPath(keyOfForm(form)), form, basedOn === undefined ? {} : { "If-Match": `"${basedOn}"` });
  }

  submit(k: SubmissionKey, revision?: number): Promise<SubmissionSummary> {
    return this.json("POST", `${keyPath(k)}/submit`, undefined, revision === undefined ? {} : { "If-Match": `"${revision}"` });
  }

  /** 撤回: the unit takes its submitted form back (before finance acts) to change it. */
  recall(k: SubmissionKey, revision?: number): Promise<SubmissionSummary> {
    return this.json("POST", `${keyPath(k)}/recall`, undefined, revision === undefined ? {} : { "If-Match": `"${revision}"` });
  }

  // --- finance (docs/api.md): return, approve, key projects, publish, consolidated, disclosure ---

  returnForm(k: SubmissionKey, body: Sent<typeof ReturnBodySchema>, revision?: number): Promise<SubmissionSummary> {
    return this.json("POST", `${keyPath(k)}/return`, body, revision === undefined ? {} : { "If-Match": `"${revision}"` });
  }

  approve(k: SubmissionKey, revision?: number): Promise<SubmissionSummary> {
    return this.json("POST", `${keyPath(k)}/approve`, undefined, revision === undefined ? {} : { "If-Match": `"${revision}"` });
  }

  /** 撤销审核: an approved form back to submitted, with a reason (audited). */
  withdrawApproval(k: SubmissionKey, reason: string, revision?: number): Promise<SubmissionSummary> {
    return this.json("POST", `${keyPath(k)}/withdraw`, { reason } satisfies Sent<typeof WithdrawBodySchema>, revision === undefined ? {} : { "If-Match": `"${revision}"` });
  }

  async revisions(k: SubmissionKey): Promise<RevisionInfo[]> {
    return (await this.json<Body<typeof RevisionListSchema>>("GET", `${keyPath(k)}/revisions`)).revisions;
  }

  revision(k: SubmissionKey, n: number): Promise<RevisionDetail> {
    return this.json("GET", `${keyPath(k)}/revisions/${n}`);
  }

  /** Marks a project key (重点项目) for disclosure, or unmarks it. */
  markKeyProject(k: ProjectId, isKey: boolean): Promise<KeyProjectMark> {
    return this.json("POST", `/api/projects/${k.year}/${encodeURIComponent(k.unit)}/${encodeURIComponent(k.project)}/key`, { key: isKey } satisfies Sent<typeof KeyProjectBodySchema>);
  }

  // --- a project's documents (docs/documents.md) ---

  documents(p: ProjectId): Promise<DocumentList> {
    return this.json("GET", documentsPath(p));
  }

  /** The next version of a document; the server decides what the file is by its bytes, and cleans its name. */
  async uploadDocument(p: ProjectId, kind: DocumentKind, file: Blob, name: string): Promise<DocumentVersion> {
    const res = await this.raw("POST", `${documentsPath(p)}/${kind}?name=${encodeURIComponent(name)}`, { body: file, headers: { "Content-Type": "application/octet-stream" } });
    return readJson<DocumentVersion>(res);
  }

  async documentFile(v: DocumentVersion): Promise<Blob> {
    const res = await this.raw("GET", `${documentsPath(v)}/${v.kind}/${v.version}`);
    if (!res.ok) await readJson(res);
    return res.blob();
  }

  /** PUT /api/library: admin only (a finance token gets 403). */
  publishLibrary(body: PublishBody): Promise<PublishResult> {
    return this.json("PUT", "/api/library", body);
  }

  overview(year: number, kind?: FormKind): Promise<OverviewView> {
    return this.json("GET", `/api/overview?year=${year}${kind ? `&kind=${kind}` : ""}`);
  }

  /** The approved budget of one of the unit's projects, when the bureau imported it (docs/treasury.md). */
  async approvedBudget(year: number, project: string): Promise<Body<typeof BudgetListSchema>["budgets"][number] | undefined> {
    return (await this.json<Body<typeof BudgetListSchema>>("GET", `/api/budgets?year=${year}&project=${encodeURIComponent(project)}`)).budgets[0];
  }

  // --- the bureau's cycle: notices, rectification items, the results notice, the assessment ---

  /** The notices of a year, or of every year; a unit sees those addressed to it. */
  async notices(year?: number): Promise<NoticeView[]> {
    return (await this.json<Body<typeof NoticeListSchema>>("GET", `/api/notices${year === undefined ? "" : `?year=${year}`}`)).notices;
  }

  issueNotice(input: NoticeInput): Promise<NoticeBody> {
    return this.json("POST", "/api/notices", input);
  }

  /** The rectification items of a year, or of every year; a unit sees its own. */
  async rectifications(year?: number): Promise<RectView[]> {
    return (await this.json<Body<typeof RectListSchema>>("GET", `/api/rectifications${year === undefined ? "" : `?year=${year}`}`)).rectifications;
  }

  /** The unit's answer to an item: the measures taken and the evidence. */
  answerRectification(id: string, answer: Sent<typeof RectAnswerSchema>): Promise<RectView> {
    return this.json("POST", `/api/rectifications/${encodeURIComponent(id)}/answer`, answer);
  }

  /** A unit's own line of the results notice, once finance has issued it. */
  myResults(year: number): Promise<ResultsMine> {
    return this.json("GET", `/api/results/mine?year=${year}`);
  }

  openRectification(input: RectOpenInput): Promise<RectView> {
    return this.json("POST", "/api/rectifications", input);
  }

  acceptRectification(id: string, comment?: string): Promise<RectView> {
    return this.json("POST", `/api/rectifications/${encodeURIComponent(id)}/accept`, (comment ? { comment } : {}) satisfies Sent<typeof RectAcceptSchema>);
  }

  reopenRectification(id: string, comment: string, deadline?: string): Promise<RectView> {
    return this.json("POST", `/api/rectifications/${encodeURIComponent(id)}/reopen`, { comment, ...(deadline ? { deadline } : {}) } satisfies Sent<typeof RectReopenSchema>);
  }

  async resultsXlsx(year: number, scope: "full" | "public" = "full"): Promise<ArrayBuffer> {
    const res = await this.raw("GET", `/api/results?year=${year}&format=xlsx&scope=${scope}`);
    if (!res.ok) await readJson(res);
    return res.arrayBuffer();
  }

  assessment(year: number): Promise<AssessmentView> {
    return this.json("GET", `/api/assessment?year=${year}`);
  }

  // --- opinions on results (征求意见) and problems handed on (问题移送): docs/opinions.md ---

  async opinions(year?: number): Promise<ConsultationView[]> {
    return (await this.json<Body<typeof ConsultationListSchema>>("GET", `/api/opinions${year === undefined ? "" : `?year=${year}`}`)).opinions;
  }

  sendDraft(input: ConsultationInput): Promise<ConsultationView> {
    return this.json("POST", "/api/opinions", input);
  }

  answerDraft(id: string, input: AnswerInput): Promise<ConsultationView> {
    return this.json("POST", `/api/opinions/${encodeURIComponent(id)}/answer`, input);
  }

  replyToObjection(id: string, input: ReplyInput): Promise<ConsultationView> {
    return this.json("POST", `/api/opinions/${encodeURIComponent(id)}/reply`, input);
  }

  finaliseDraft(id: string): Promise<ConsultationView> {
    return this.json("POST", `/api/opinions/${encodeURIComponent(id)}/finalise`, {});
  }

  async handovers(year: number): Promise<HandoverView[]> {
    return (await this.json<Body<typeof HandoverListSchema>>("GET", `/api/handovers?year=${year}`)).handovers;
  }

  handOn(input: HandoverInput): Promise<HandoverView> {
    return this.json("POST", "/api/handovers", input);
  }

  // --- admin: units and tokens while the server runs ---

  async units(): Promise<DirectoryUnit[]> {
    return (await this.json<Body<typeof UnitListSchema>>("GET", "/api/units")).units;
  }

  addUnit(unit: Omit<UnitInput, "confidential"> & { confidential?: boolean }): Promise<DirectoryUnit> {
    return this.json("POST", "/api/units", unit);
  }

  patchUnit(code: string, patch: UnitPatch): Promise<DirectoryUnit> {
    return this.json("PATCH", `/api/units/${encodeURIComponent(code)}`, patch);
  }

  async tokens(): Promise<TokenView[]> {
    return (await this.json<Body<typeof TokenListSchema>>("GET", "/api/tokens")).tokens;
  }

  createToken(input: TokenInput): Promise<CreatedToken> {
    return this.json("POST", "/api/tokens", input);
  }

  revokeToken(id: string): Promise<RevokedToken> {
    return this.json("DELETE", `/api/tokens/${encodeURIComponent(id)}`);
  }

  consolidated(year: number, kind?: FormKind): Promise<ConsolidatedJson> {
    return this.json("GET", `/api/consolidated?${consolidatedQuery(year, kind, "json")}`);
  }

  async consolidatedXlsx(year: number, kind?: FormKind): Promise<ArrayBuffer> {
    const res = await this.raw("GET", `/api/consolidated?${consolidatedQuery(year, kind, "xlsx")}`);
    if (!res.ok) await readJson(res);
    return res.arrayBuffer();
  }

  disclosure(year: number): Promise<PublicYearBody> {
    return this.json("GET", `/api/disclosure?year=${year}&format=json`);
  }

  /** Finance: what would go public now and what redaction takes out (nothing is public before confirm). */
  disclosurePreview(year: number): Promise<DisclosurePreview> {
    return this.json("GET", `/api/disclosure/preview?year=${year}`);
  }

  /** Finance: makes the previewed disclosure public; refused (409) when the data changed after the preview. */
  confirmDisclosure(year: number, hash: string): Promise<ConfirmedDisclosure> {
    return this.json("POST", "/api/disclosure/confirm", { year, hash } satisfies Sent<typeof ConfirmDisclosureBodySchema>);
  }

  /** Public: the links need no token. */
  disclosureUrl(year: number, format: "csv" | "xlsx" | "json"): string {
    return this.url(`/api/disclosure?year=${year}&format=${format}`);
  }

  validate(form: unknown): Promise<ValidateResult> {
    return this.json("POST", "/api/validate", form);
  }

  /** A saved form as a workbook naming its revision, to fill outside Excel and upload again. */
  async submissionXlsx(k: SubmissionKey): Promise<Blob> {
    const res = await this.raw("GET", `${keyPath(k)}/xlsx`);
    if (!res.ok) await readJson(res);
    return res.blob();
  }

  async template(kind: FormKind): Promise<Blob> {
    const res = await this.raw("GET", `/api/templates/${kind}?format=xlsx`);
    if (!res.ok) await readJson(res);
    return res.blob();
  }

  /** Checks a workbook; with `save`, also saves the caller's own forms in it as drafts. */
  async importXlsx(file: Blob, save = false): Promise<ImportResult> {
    const res = await this.raw("POST", save ? "/api/import?save=1" : "/api/import", {
      body: file,
      headers: { "Content-Type": documentTypes.xlsx.contentType },
    });
    return readJson<ImportResult>(res);
  }
}

function documentsPath(p: ProjectId): string {
  return `/api/documents/${p.year}/${encodeURIComponent(p.unit)}/${encodeURIComponent(p.project)}`;
}

function consolidatedQuery(year: number, kind: FormKind | undefined, format: "json" | "xlsx"): string {
  const q = new URLSearchParams({ year: String(year), format });
  if (kind) q.set("kind", kind);
  return q.toString();
}

async function readJson<T>(res: Response): Promise<T> {
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    // the server's one error shape (shared/api/errors.ts); anything else is not the server speaking
    const parsed = ErrorBodySchema.safeParse(body);
    const e = parsed.success ? parsed.data.error : undefined;
    throw new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? (text.slice(0, 200) || res.statusText), e?.details);
  }
  return body as T;
}

