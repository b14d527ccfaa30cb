// Review that cannot misfire: every unit's forms, filtered and sorted; open one into its own sheet
// (a second form does not overwrite the first: Workbook.insert places it); return it with comments
// at cells or approve it, both only while it is submitted; approve several at once; withdraw an
// approval (撤销审核) with a reason; revisions with who, when and status, and a diff between any two.
// A refusal is shown beside the button that failed, in the pane's language, statuses in words.
import { beijingMinute } from "../../../shared/beijing.ts";
import { Badge, Button, Checkbox, Field, Input, MessageBar, MessageBarBody, Select, Text, Textarea, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from "react";
import { diffForms, type FieldChange } from "../../../shared/form-diff.ts";
import { formKinds, kindTerms, statusTerms, type FormKind, type SubmissionStatus } from "../../../shared/glossary.ts";
import { TermSelect, WordSelect } from "../components/TermSelect.tsx";
import type { Library } from "../../../shared/library.ts";
import type { Workbook } from "../../excel/workbook.ts";
import { firstCell, type Marks } from "../../excel/index.ts";
import { ApiError, OfflineError, keyPath, type CellCommentDto, type Me, type RevisionInfo, type OpenedSubmission, type SubmissionSummary } from "../api.ts";
import { inLang, type Lang, type MessageKey, type T } from "../messages.ts";
import { librarySheetName, metaSheetName, planFor } from "../sheets.ts";
import { paneStyles } from "../styles.ts";
import { placeIssues } from "../../../shared/sheet/place.ts";
import type { FinanceTabProps } from "./tab.ts";
import { TextField } from "../components/TextField.tsx";
import { ErrorLine } from "../components/ErrorLine.tsx";
import { Table } from "../components/Table.tsx";

// the project's documents (docs/documents.md): loaded when a form is opened for review
const Documents = lazy(() => import("../components/Documents.tsx"));

/** What review needs of the workbook. */
export type ReviewWorkbook = Pick<Workbook, "insert" | "mark" | "select" | "selection">;

const useStyles = makeStyles({
  ...paneStyles,
  selected: { background: tokens.colorNeutralBackground1Selected },
  listScroll: { maxHeight: "50vh", overflowY: "auto" },
  line: { display: "flex", gap: "4px", alignItems: "flex-start" },
  before: { color: tokens.colorPaletteRedForeground1, textDecorationLine: "line-through" },
  after: { color: tokens.colorPaletteGreenForeground1 },
});

const statusColour: Record<SubmissionStatus, "danger" | "success" | "brand" | "informative"> = {
  returned: "danger",
  approved: "success",
  submitted: "brand",
  draft: "informative",
};

/** A form's status in words, coloured: the list, the open form, its revisions. */
function StatusBadge({ status, lang, size = "small", ...data }: { status: SubmissionStatus; lang: Lang; size?: "small" | "medium" } & { [attribute: `data-${string}`]: string }) {
  return (
    <Badge size={size} appearance="tint" color={statusColour[status]} {...data}>
      {statusTerms[status][lang]}
    </Badge>
  );
}

/** The orders of the review list, in the reviewer's words. */
const sortWords = { submitted: "sortSubmitted", project: "sortProject", errors: "sortErrors", unit: "sortUnit" } as const satisfies Record<string, MessageKey>;
type Sort = keyof typeof sortWords;

/** What the overview asks the list to show when a bar or slice is clicked. */
export interface ReviewFocus {
  year?: number;
  kind?: FormKind;
  status?: SubmissionStatus | "";
  units?: readonly string[];
  onlyErrors?: boolean;
  /** shown above the list, e.g. the chart bar clicked */
  label?: string;
}

export interface ReviewProps extends FinanceTabProps {
  me: Me;
  wb: ReviewWorkbook | undefined;
  forms: SubmissionSummary[];
  library: Library | undefined;
  refresh: () => Promise<void>;
  focus?: ReviewFocus | undefined;
  onClearFocus?: () => void;
}

/** A time in Beijing time, to the minute; nothing for no time. */
export function beijingTime(iso: string | undefined): string {
  return iso ? beijingMinute(iso) : "";
}

/** A refusal as the reviewer should read it: the status in words, what to do. */
export function reviewError(err: unknown, t: T, lang: Lang): string {
  if (err instanceof ApiError) {
    const d = (err.details ?? {}) as { status?: SubmissionStatus; revision?: number };
    const status = d.status && statusTerms[d.status] ? statusTerms[d.status][lang] : undefined;
    if (err.code === "not_submitted" && status) return t("notSubmittedNow", { status });
    if (err.code === "not_approved" && status) return t("notApprovedNow", { status });
    if (err.code === "stale_revision" && d.revision) return t("staleNow", { v: d.revision });
    return inLang(err.message, lang);
  }
  if (err instanceof OfflineError) return t("offline");
  return err instanceof Error ? err.message : String(err);
}

export default function Review(props: ReviewProps) {
  const { t, lang, api, me, wb, forms, library, guarded, notify, focus } = props;
  const s = useStyles();
  const [kind, setKind] = useState<FormKind | "">("");
  const [status, setStatus] = useState<SubmissionStatus | "">("submitted");
  const [year, setYear] = useState("");
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState<Sort>("submitted");
  const [onlyErrors, setOnlyErrors] = useState(false);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [batch, setBatch] = useState<{ ok: number; failed: { name: string; why: string }[] }>();
  const [open, setOpen] = useState<{ detail: OpenedSubmission; sheet: string }>();
  const [comment, setComment] = useState("");
  const [cellText, setCellText] = useState("");
  const [cells, setCells] = useState<CellCommentDto[]>([]);
  const [reason, setReason] = useState("");
  const [actionError, setActionError] = useState<{ action: string; text: string }>();
  const [revs, setRevs] = useState<RevisionInfo[]>();
  const [from, setFrom] = useState(0);
  const [to, setTo] = useState(0);
  const [diff, setDiff] = useState<{ from: number; to: number; changes: FieldChange[] }>();
  const marks = useRef<Marks | undefined>(undefined);
  const detailRef = useRef<HTMLDivElement>(null);
  const canAct = me.role === "finance";
  const openKey = open ? keyPath(open.detail) : undefined;
  useEffect(() => {
    if (openKey) detailRef.current?.scrollIntoView?.({ block: "start", behavior: "smooth" });
  }, [openKey]);

  // A click in the overview sets the filters to what the bar or slice stands for.
  useEffect(() => {
    if (!focus) return;
    setKind(focus.kind ?? "");
    setYear(focus.year ? String(focus.year) : "");
    setStatus(focus.status ?? "");
    setOnlyErrors(focus.onlyErrors === true);
    setQuery("");
  }, [focus]);

  const focusUnits = focus?.units ? new Set(focus.units) : undefined;
  const byKind = forms.filter((f) => (!kind || f.kind === kind) && (!year || String(f.year) === year.trim()) && (!focusUnits || focusUnits.has(f.unit)));
  const counts = (["submitted", "returned", "approved", "draft"] as SubmissionStatus[]).map((st) => ({ st, n: byKind.filter((f) => f.status === st).length }));
  const q = query.trim().toLowerCase();
  const shown = useMemo(() => {
    const list = byKind.filter(
      (f) =>
        (!status || f.status === status) &&
        (!onlyErrors || (f.counts?.error ?? 0) > 0) &&
        (!q || [f.unit, f.unitName, f.project, f.projectName].some((x) => x?.toLowerCase().includes(q))),
    );
    const by: Record<Sort, (a: SubmissionSummary, b: SubmissionSummary) => number> = {
      submitted: (a, b) => (b.statusAt ?? b.updatedAt ?? "").localeCompare(a.statusAt ?? a.updatedAt ?? ""),
      project: (a, b) => a.project.localeCompare(b.project) || a.unit.localeCompare(b.unit),
      errors: (a, b) => (b.counts?.error ?? 0) - (a.counts?.error ?? 0) || (b.counts?.warning ?? 0) - (a.counts?.warning ?? 0),
      unit: (a, b) => a.unit.localeCompare(b.unit) || a.project.localeCompare(b.project),
    };
    return [...list].sort(by[sort]);
  }, [byKind, status, onlyErrors, q, sort]);
  const pickable = shown.filter((f) => f.status === "submitted");
  const pickedShown = pickable.filter((f) => picked.has(keyPath(f)));

  async function openForm(f: SubmissionSummary) {
    const detail = await api.submission(f);
    setOpen(undefined);
    setCells([]);
    setComment("");
    setReason("");
    setActionError(undefined);
    setRevs(undefined);
    setDiff(undefined);
    let sheet = "";
    if (wb && library) {
      // Placed beside the forms already open: a second form gets its own sheet.
      const placed = (await wb.insert(planFor(f.kind, detail.form, library, detail.revision))).plan;
      sheet = placed.sheets.find((p) => (p.visibility ?? "visible") === "visible" && p.name !== metaSheetName && p.name !== librarySheetName)?.name ?? placed.sheets[0]!.name;
      detail.issues = placeIssues(placed, sheet, detail.issues);
      marks.current = await wb.mark(detail.issues, sheet);
      notify({ intent: "success", text: t("opened") });
    }
    setOpen({ detail, sheet });
  }

  async function addAtSelection() {
    if (!wb || !cellText.trim()) return;
    const sel = await wb.selection();
    const cell = firstCell(sel.address);
    setCells((cs) => [...cs.filter((c) => !(c.cell === cell && c.sheet === sel.sheet)), { sheet: sel.sheet || open?.sheet || "", cell, comment: cellText.trim() }]);
    setCellText("");
    notify({ intent: "info", text: t("addedAt", { cell }) });
  }

  /** Runs a review action; a refusal is kept beside its button, and the list refreshed (the form may have moved on). */
  async function act(action: string, fn: () => Promise<void>) {
    setActionError(undefined);
    await guarded(action, async () => {
      try {
        await fn();
      } catch (err) {
        setActionError({ action, text: reviewError(err, t, lang) });
        // The form moved on (approved, returned, saved again elsewhere): show it as it is now, so
        // the buttons that no longer apply are disabled.
        const now = err instanceof ApiError ? ((err.details ?? {}) as { status?: SubmissionStatus; revision?: number }) : {};
        if (now.status && statusTerms[now.status]) {
          setOpen((o) => (o ? { ...o, detail: { ...o.detail, status: now.status!, ...(now.revision ? { revision: now.revision } : {}) } } : o));
        }
        await props.refresh().catch(() => undefined);
      }
    });
  }

  async function doReturn() {
    if (!open) return;
    if (!comment.trim()) throw new Error(t("needComment"));
    await api.returnForm(open.detail, { comment: comment.trim(), ...(cells.length ? { cells } : {}) }, open.detail.revision);
    notify({ intent: "success", text: t("returnedOk") });
    setOpen(undefined);
    await props.refresh();
  }

  async function doApprove() {
    if (!open) return;
    await api.approve(open.detail, open.detail.revision);
    notify({ intent: "success", text: t("approvedOk") });
    setOpen(undefined);
    await props.refresh();
  }

  async function doWithdraw() {
    if (!open) return;
    if (!reason.trim()) throw new Error(t("needReason"));
    const after = await api.withdrawApproval(open.detail, reason.trim(), open.detail.revision);
    notify({ intent: "success", text: t("withdrawnOk") });
    setReason("");
    setOpen({ ...open, detail: { ...open.detail, status: after.status, revision: after.revision } });
    await props.refresh();
  }

  async function approvePicked() {
    const list = pickedShown;
    const failed: { name: string; why: string }[] = [];
    let ok = 0;
    for (const f of list) {
      try {
        await api.approve(f, f.revision);
        ok++;
      } catch (err) {
        failed.push({ name: `${f.unitName ?? f.unit} · ${f.projectName ?? f.project}`, why: reviewError(err, t, lang) });
      }
    }
    setPicked(new Set());
    setBatch({ ok, failed });
    await props.refresh();
  }

  async function showRevisions() {
    if (!open) return;
    const list = await api.revisions(open.detail);
    setRevs(list);
    setTo(list[list.length - 1]?.revision ?? 0);
    setFrom(list[Math.max(0, list.length - 2)]?.revision ?? 0);
    setDiff(undefined);
  }

  async function compare() {
    if (!open) return;
    const [a, b] = await Promise.all([api.revision(open.detail, from), api.revision(open.detail, to)]);
    setDiff({ from, to, changes: diffForms(a.form, b.form) });
  }

  async function toggleKey(f: SubmissionSummary, key: boolean) {
    await api.markKeyProject(f, key);
    notify({ intent: "success", text: key ? t("markedKey") : t("unmarkedKey") });
    await props.refresh();
    if (open && keyPath(open.detail) === keyPath(f)) setOpen({ ...open, detail: { ...open.detail, keyProject: key } });
  }

  const errorsFound = open?.detail.issues.filter((i) => i.severity === "error") ?? [];
  const warnings = open?.detail.issues.filter((i) => i.severity === "warning") ?? [];
  const submitted = open?.detail.status === "submitted";
  const errorBeside = <ErrorLine error={actionError?.text} data-testid="action-error" data-action={actionError?.action} />;

  return (
    <div className={s.col} data-testid="review">
      {!canAct && (
        <MessageBar intent="info">
          <MessageBarBody>{t("onlyFinanceActs")}</MessageBarBody>
        </MessageBar>
      )}
      {focus?.label && (
        <MessageBar intent="info" data-testid="review-focus">
          <MessageBarBody>{focus.label}</MessageBarBody>
          <Button size="small" appearance="transparent" onClick={props.onClearFocus} aria-label={t("dismiss")}>
            ×
          </Button>
        </MessageBar>
      )}
      <div className={s.row}>
        <TermSelect terms={kindTerms} keys={formKinds} lang={lang} any={t("allKinds")} value={kind} onChange={setKind} data-testid="filter-kind" style={{ flex: 1 }} />
        <TermSelect terms={statusTerms} lang={lang} any={t("allStatuses")} value={status} onChange={setStatus} data-testid="filter-status" style={{ flex: 1 }} />
        <Input value={year} onChange={(_, d) => setYear(d.value)} placeholder={t("year")} style={{ width: 80, minWidth: 0 }} data-testid="filter-year" />
      </div>
      <div className={s.row}>
        <Input value={query} onChange={(_, d) => setQuery(d.value)} placeholder={t("unitFilter")} style={{ flex: 1 }} data-testid="filter-query" />
        <Button size="small" onClick={() => void guarded("refresh", props.refresh)}>
          {t("refresh")}
        </Button>
      </div>
      <div className={s.row}>
        <Field label={t("sortBy")} orientation="horizontal" style={{ flex: 1 }}>
          <WordSelect words={sortWords} t={t} value={sort} onChange={setSort} data-testid="sort" />
        </Field>
        <Checkbox checked={onlyErrors} onChange={(_, d) => setOnlyErrors(d.checked === true)} label={t("onlyErrors")} data-testid="only-errors" />
      </div>
      <div className={s.row} data-testid="status-counts">
        {counts.map(({ st, n }) => (
          <Button key={st} size="small" appearance={status === st ? "primary" : "secondary"} onClick={() => setStatus(status === st ? "" : st)} data-status={st}>
            {statusTerms[st][lang]} {n}
          </Button>
        ))}
        <Text className={s.small}>{t("total", { n: byKind.length })}</Text>
      </div>
      {canAct && pickable.length > 0 && (
        <div className={s.row} data-testid="batch">
          <Checkbox
            checked={pickedShown.length === 0 ? false : pickedShown.length === pickable.length ? true : "mixed"}
            onChange={(_, d) => setPicked(d.checked === true ? new Set(pickable.map(keyPath)) : new Set())}
            label={t("selectAllShown")}
            data-testid="pick-all"
          />
          <Button appearance="primary" size="small" disabled={props.busy || pickedShown.length === 0} onClick={() => void guarded("batch", approvePicked)} data-testid="approve-selected">
            {t("approveSelected", { n: pickedShown.length })}
          </Button>
        </div>
      )}
      {batch && (
        <MessageBar intent={batch.failed.length ? "warning" : "success"} layout="multiline" data-testid="batch-result">
          <MessageBarBody>
            {batch.failed.length ? t("batchDone", { ok: batch.ok, bad: batch.failed.length }) : t("batchDone", { ok: batch.ok, bad: 0 }).replace(/[；;].*$/, "")}
            {batch.failed.length > 0 && (
              <ul style={{ margin: "4px 0 0", paddingLeft: 18 }}>
                {batch.failed.map((f, i) => (
                  <li key={i}>
                    {f.name}: {f.why}
                  </li>
                ))}
              </ul>
            )}
          </MessageBarBody>
          <Button size="small" appearance="transparent" onClick={() => setBatch(undefined)} aria-label={t("dismiss")}>
            ×
          </Button>
        </MessageBar>
      )}
      {shown.length === 0 ? (
        <Text className={s.small}>{t("noMatches")}</Text>
      ) : (
        <ul className={mergeClasses(s.list, s.listScroll)} data-testid="finance-forms">
          {shown.map((f) => (
            <li key={keyPath(f)} className={s.line}>
              {canAct && f.status === "submitted" && (
                <Checkbox
                  checked={picked.has(keyPath(f))}
                  onChange={(_, d) =>
                    setPicked((p) => {
                      const n = new Set(p);
                      if (d.checked === true) n.add(keyPath(f));
                      else n.delete(keyPath(f));
                      return n;
                    })
                  }
                  aria-label={`${f.unitName ?? f.unit} ${f.projectName ?? f.project}`}
                  data-pick={keyPath(f)}
                />
              )}
              <button
                className={`${s.item} ${open && keyPath(open.detail) === keyPath(f) ? s.selected : ""}`}
                disabled={props.busy}
                onClick={() => void guarded("open", () => openForm(f))}
                data-key={keyPath(f)}
              >
                <div>
                  <b>{f.unitName ?? f.unit}</b> · {f.projectName ?? f.project} {f.keyProject ? "★" : ""}
                </div>
                <div className={s.small}>
                  {kindTerms[f.kind][lang]} · {f.year} · {f.project} · {t("revision")} {f.revision}
                  {f.counts ? ` · ${t("findingsCount", { e: f.counts.error, w: f.counts.warning })}` : ""}
                  {f.status === "submitted" && f.statusAt ? ` · ${t("submittedAt", { at: beijingTime(f.statusAt) })}` : ""}{" "}
                  <StatusBadge status={f.status} lang={lang} />
                </div>
              </button>
            </li>
          ))}
        </ul>
      )}
      {open && (
        <div className={s.col} data-testid="review-detail" ref={detailRef}>
          <div className={s.h}>
            {open.detail.form.unit.name} · {open.detail.form.project.name} · {kindTerms[open.detail.kind][lang]}{" "}
            <StatusBadge status={open.detail.status} lang={lang} size="medium" data-testid="detail-status" />
          </div>
          <Text className={s.small}>
            {open.sheet ? `${open.sheet} · ` : ""}
            {t("findingsCount", { e: errorsFound.length, w: warnings.length })}
            {open.detail.score ? ` · ${t("score")} ${open.detail.score.total.toFixed(1)}` : ""}
          </Text>
          <ul className={s.list} data-testid="review-findings">
            {[...errorsFound, ...warnings].slice(0, 30).map((i, n) => (
              <li key={n}>
                <button className={s.item} disabled={!i.cell || !wb} onClick={() => i.cell && void guarded("select", () => wb!.select(i.cell!, open.sheet))}>
                  <span className={s.small}>
                    {i.rule} {i.cell ?? ""}
                  </span>{" "}
                  {i.message[lang]}
                </button>
              </li>
            ))}
          </ul>
          <Checkbox
            checked={!!open.detail.keyProject}
            disabled={!canAct || props.busy}
            label={t("keyProject")}
            onChange={(_, d) => void guarded("key", () => toggleKey(open.detail, d.checked === true))}
            data-testid="key-project"
          />
          {open.detail.status === "approved" ? (
            <>
              <TextField label={t("withdrawReason")} value={reason} onChange={setReason} multiline data-testid="withdraw-reason" />
              <div className={s.row}>
                <Button disabled={!canAct || props.busy} onClick={() => void act("withdraw", doWithdraw)} data-testid="withdraw">
                  {t("withdraw")}
                </Button>
              </div>
            </>
          ) : (
            <>
              {!submitted && (
                <Text className={s.small} data-testid="why-disabled">
                  {t("onlySubmittedActs", { status: statusTerms[open.detail.status][lang] })}
                </Text>
              )}
              <Field label={t("returnComment")}>
                <Textarea value={comment} disabled={!submitted} onChange={(_, d) => setComment(d.value)} data-testid="return-comment" />
              </Field>
              <Field label={t("cellComment")}>
                <div className={s.row}>
                  <Input value={cellText} disabled={!submitted} onChange={(_, d) => setCellText(d.value)} style={{ flex: 1 }} data-testid="cell-comment" />
                  <Button size="small" disabled={!wb || !submitted || !cellText.trim() || props.busy} onClick={() => void guarded("cell", addAtSelection)} data-testid="add-cell-comment">
                    {t("addAtSelection")}
                  </Button>
                </div>
              </Field>
              {cells.length > 0 && (
                <ul className={s.list} data-testid="cell-comments">
                  {cells.map((c, i) => (
                    <li key={i} className={s.small}>
                      <b>{c.cell}</b> {c.comment}{" "}
                      <Button size="small" appearance="transparent" onClick={() => setCells((cs) => cs.filter((_, j) => j !== i))}>
                        {t("remove")}
                      </Button>
                    </li>
                  ))}
                </ul>
              )}
              <div className={s.row}>
                <Button disabled={!canAct || props.busy || !submitted} onClick={() => void act("return", doReturn)} data-testid="return">
                  {t("returnForm")}
                </Button>
                <Button appearance="primary" disabled={!canAct || props.busy || !submitted} onClick={() => void act("approve", doApprove)} data-testid="approve">
                  {t("approveForm")}
                </Button>
              </div>
            </>
          )}
          {errorBeside}
          <Suspense fallback={null}>
            <Documents
              key={`${open.detail.year}/${open.detail.unit}/${open.detail.project}`}
              t={t}
              lang={lang}
              api={api}
              project={{ year: open.detail.year, unit: open.detail.unit, project: open.detail.project }}
              canUpload={canAct}
            />
          </Suspense>
          <div className={s.row}>
            <Button size="small" appearance="subtle" onClick={() => void guarded("revisions", showRevisions)} data-testid="show-revisions">
              {t("showRevisions")}
            </Button>
          </div>
          {revs && (
            <div className={s.col} data-testid="revisions">
              <Table
                rows={revs}
                rowKey={(r) => r.revision}
                row={(r) => ({ "data-revision": r.revision })}
                columns={[
                  { cell: (r) => `${t("revision")} ${r.revision}` },
                  { cell: (r) => beijingTime(r.at) },
                  { cell: (r) => r.by.replace(/#.*$/, "") },
                  { cell: (r) => <StatusBadge status={r.status} lang={lang} /> },
                ]}
              />
              {revs.length > 1 && (
                <div className={s.row}>
                  {(
                    [
                      ["compareFrom", from, setFrom, "diff-from"],
                      ["compareTo", to, setTo, "diff-to"],
                    ] as const
                  ).map(([label, value, set, testId]) => (
                    <Field key={testId} label={t(label)} orientation="horizontal">
                      <Select value={String(value)} onChange={(_, d) => set(Number(d.value))} data-testid={testId}>
                        {revs.map((r) => (
                          <option key={r.revision} value={r.revision}>
                            {r.revision}
                          </option>
                        ))}
                      </Select>
                    </Field>
                  ))}
                  <Button size="small" disabled={from === to || props.busy} onClick={() => void guarded("diff", compare)} data-testid="compare">
                    {t("compare")}
                  </Button>
                </div>
              )}
              {diff &&
                (diff.changes.length === 0 ? (
                  <Text className={s.small}>{t("noDiff")}</Text>
                ) : (
                  <Table
                    rows={diff.changes.slice(0, 200)}
                    rowKey={(c) => c.path}
                    columns={[
                      { head: t("diffField"), cell: (c) => c.label[lang] },
                      { head: `${t("diffBefore")} (${diff.from})`, cell: (c) => c.before ?? t("empty"), className: () => s.before },
                      { head: `${t("diffAfter")} (${diff.to})`, cell: (c) => c.after ?? t("empty"), className: () => s.after },
                    ]}
                    data-testid="diff"
                  />
                ))}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
