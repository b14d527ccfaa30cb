// The unit's side of the pane, minus the drawing: the form being worked on (which sheet holds it,
// its revision and status), the check, the outbox of saves, the server's events, the one-step
// undo of the pane's own sheet writes, and the banner. The tabs render what this hook holds.
import type { Explanation } from "../../../shared/sheet/parse.ts";
import { useCallback, useEffect, useRef, useState } from "react";
import type { FormLights, FormScore } from "../../../shared/check.ts";
import type { Form } from "../../../shared/form.ts";
import type { FormKind, SubmissionStatus } from "../../../shared/glossary.ts";
import type { Issue } from "../../../shared/issue.ts";
import type { Indicator, Library } from "../../../shared/library.ts";
import type { WorkbookPlan } from "../../../shared/sheet/plan.ts";
import type { Marks, Snapshot } from "../../excel/index.ts";
import type { Workbook } from "../../excel/workbook.ts";
import { Api, ApiError, OfflineError, keyOfForm, keyPath, type LibraryChanges, type Me, type SubmissionKey, type SubmissionSummary } from "../api.ts";
import { useGuarded } from "../busy.ts";
import type { BannerState } from "../components/Banner.tsx";
import { deprecatedReplacements, newFormSkeleton, rowCells } from "../formsheet.ts";
import { withApprovedBudget } from "../../../shared/treasury/budgets.ts";
import type { Lang, T } from "../messages.ts";
import { Outbox, type QueuedSave } from "../outbox.ts";
import { when } from "../conflict.ts";
import { ApprovedLockedDetailsSchema, FormHasErrorsDetailsSchema } from "../../../shared/api/submissions.ts";
import { SubmissionStatusEventSchema } from "../../../shared/api/events.ts";
import { loadJson } from "../saved.ts";
import type { SearchIndex } from "../search.ts";
import { metaSheetName } from "../../../shared/sheet/layout.ts";
import { subscribe } from "../sse.ts";
import { keys, memoryStore, type KeyValueStore } from "../storage.ts";
import { forgetMarks, loadMarks, marksOnSheets, saveMarks } from "../marks-store.ts";
import { workbookIdOf } from "../../../shared/sheet/workbook-id.ts";
import { indicatorGrid, nextEmpty, pickTarget, type PickTarget } from "./pick-row.ts";

export type UnitTab = "forms" | "picker" | "check" | "year";

export interface Current {
  key: SubmissionKey;
  sheet: string;
  revision?: number;
  status?: SubmissionStatus;
  projectName?: string;
  /** the project's field: the picker lists its indicators first */
  field?: string;
}

export interface CheckState {
  issues: Issue[];
  score?: FormScore;
  lights?: FormLights;
  form?: Form;
  sheet: string;
  at: string;
  /** what the check read from the sheet, and from where ("what was read") */
  explain?: Explanation;
}

export interface NewFormFields {
  kind: FormKind;
  year: number;
  code: string;
  name: string;
  field: string;
  attribute: "new" | "continuing";
  servesPublic: boolean;
}

export interface Returned {
  comment: string;
  cells: { cell: string; comment: string }[];
  /** the sheet the form lives in, as the workbook's metadata says */
  sheet: string;
}

export interface Undoable {
  label: string;
  form?: string;
  snapshot: Snapshot;
}

/** What the unit's side works with: the words, the language, the server, who signed in, the pane's storage and the workbook. */
export interface UnitContext {
  t: T;
  lang: Lang;
  api: Api;
  me: Me;
  store: KeyValueStore;
  workbook: Workbook;
}

export interface UnitFormOptions extends UnitContext {
  go: (tab: UnitTab) => void;
}

const engine = () => import("./engine.ts");

const firstFormSheet = (plan: WorkbookPlan) => plan.sheets.find((p) => (p.visibility ?? "visible") === "visible" && p.name !== metaSheetName)?.name ?? plan.sheets[0]!.name;

export function useUnitForm({ t, lang, api, me, store, workbook, go }: UnitFormOptions) {
  const [library, setLibrary] = useState<Library>();
  const [index, setIndex] = useState<SearchIndex>();
  const [online, setOnline] = useState(true);
  const [outbox, setOutbox] = useState<Outbox>();
  const [queue, setQueue] = useState<readonly QueuedSave[]>([]);
  const [current, setCurrentState] = useState<Current>();
  const [forms, setForms] = useState<SubmissionSummary[]>([]);
  const [check, setCheck] = useState<CheckState>();
  const [banner, setBanner] = useState<BannerState>();
  const [changes, setChanges] = useState<LibraryChanges>();
  const [returned, setReturned] = useState<Returned>();
  const [undoable, setUndoable] = useState<Undoable>();
  const [askReplace, setAskReplace] = useState<{ indicator: Indicator; target: PickTarget; sheet: string }>();
  const marks = useRef<Marks | undefined>(undefined);
  const libraryRef = useRef<Library | undefined>(undefined);
  libraryRef.current = library;
  const currentRef = useRef<Current | undefined>(undefined);
  currentRef.current = current;

  const formId = (c: Current | undefined) => (c ? keyPath(c.key) : undefined);

  const setCurrent = useCallback(
    (c: Current | undefined) => {
      setCurrentState(c);
      currentRef.current = c;
      void (c ? store.set(keys.current, JSON.stringify(c)) : store.remove(keys.current));
    },
    [store],
  );

  /** a banner about the current form (on any tab unless given) */
  const say = useCallback((b: Omit<BannerState, "form"> & { form?: string | null }) => {
    const { form, ...rest } = b;
    const about = form === null ? undefined : (form ?? formId(currentRef.current));
    setBanner({ ...rest, ...(about ? { form: about } : {}) });
  }, []);

  const fail = useCallback(
    (err: unknown) => {
      if (err instanceof OfflineError) {
        setOnline(false);
        say({ intent: "warning", text: t("offline"), form: null });
      } else say({ intent: "error", text: t("failedAction") + (err instanceof Error ? err.message : String(err)) });
    },
    [t, say],
  );
  const { busy, guarded } = useGuarded(fail);

  const loadLibrary = useCallback(async () => {
    const lib = await api.library();
    setLibrary(lib);
    // pinyin-pro carries a dictionary: loaded on demand, indexed once per version
    const { buildIndex } = await import("../search.ts");
    setIndex(buildIndex(lib));
    return lib;
  }, [api]);

  const refreshForms = useCallback(async () => {
    const list = await api.submissions();
    setForms(list);
    setOnline(true);
    return list;
  }, [api]);

  // start: storage, outbox, library, forms
  useEffect(() => {
    let stop = () => {};
    void (async () => {
      // a store that fails to read leaves an empty outbox and no current form, said in the notice
      const box = await Outbox.open(store, keys.outbox).catch((err: unknown) => {
        fail(err);
        return Outbox.open(memoryStore(), keys.outbox);
      });
      setOutbox(box);
      setQueue([...box.list()]);
      stop = box.onChange((items) => setQueue([...items]));
      const saved = await loadJson<Current>(store, keys.current).catch(() => undefined);
      if (saved) setCurrent(saved);
      try {
        await loadLibrary();
        await refreshForms();
      } catch (err) {
        fail(err);
      }
    })();
    return () => stop();
  }, []);

  const flush = useCallback(async () => {
    if (!outbox) return;
    const report = await outbox.flush((form, basedOn) => api.save(form, basedOn));
    setOnline(!report.offline);
    const cur = currentRef.current;
    for (const { item, result } of report.sent) {
      if (cur && item.key === keyPath(cur.key)) {
        setCurrent({ ...cur, revision: result.revision, status: result.status });
        say({ intent: "success", text: t("saved", { rev: result.revision }) });
      }
    }
    // A save refused for good says so on the form it was for: an approved form is final (it says
    // since when, and who can reopen it), unlike an edit conflict, which waits in the conflict bar.
    for (const item of report.failed) {
      const now = currentRef.current;
      if (!now || item.key !== keyPath(now.key) || !item.error) continue;
      if (item.error.code === "approved_locked") {
        const d = ApprovedLockedDetailsSchema.safeParse(item.error.details);
        // it can never go: not left counted as waiting (the sheet keeps what was typed)
        await outbox.dismiss(item.id);
        setCurrent({ ...now, status: "approved", ...(d.success ? { revision: d.data.revision } : {}) });
        say({ intent: "error", text: d.success && d.data.statusAt ? t("approvedLockedAt", { at: when(d.data.statusAt) }) : t("approvedLocked"), tab: "check" });
      } else say({ intent: "error", text: item.error.message, tab: "check" });
    }
    if (report.sent.length || report.failed.length) void refreshForms().catch(() => undefined);
    return report;
  }, [outbox, api, t, lang, refreshForms, setCurrent, say]);

  // when offline with saves waiting, try again every 10 s and when the browser says it is back
  useEffect(() => {
    if (!outbox || queue.length === 0) return;
    const again = () => void flush();
    const timer = setInterval(again, 10_000);
    window.addEventListener("online", again);
    return () => {
      clearInterval(timer);
      window.removeEventListener("online", again);
    };
  }, [outbox, queue.length, flush]);

  /** The sheet a form lives in: the workbook's metadata says, whatever the sheet is called. */
  const sheetOf = useCallback(async (cur: Current) => (await workbook.formSheet({ kind: cur.key.kind, unit: cur.key.unit, project: cur.key.project, year: cur.key.year })) ?? cur.sheet, [workbook]);

  const showReturned = useCallback(
    async (cur: Current, comments?: { comment: string; cells?: { cell: string; comment: string }[] }) => {
      const c = comments ?? (await api.submission(cur.key)).comments;
      if (!c) return;
      const sheet = await sheetOf(cur);
      const cells = (c.cells ?? []).map((x) => ({ cell: x.cell, comment: x.comment }));
      setReturned({ comment: c.comment, cells, sheet });
      if (cells.length) await workbook.comments(cells, sheet);
      go("check");
    },
    [api, workbook, sheetOf, go],
  );

  // server events: library updates, status changes of this unit's forms
  useEffect(() => {
    return subscribe(
      api.url("/api/events"),
      api.token,
      (e) => {
        if (e.event === "library.published") {
          const since = libraryRef.current?.version ?? 0;
          void api
            .changes(since)
            .then(async (ch) => {
              setChanges(ch);
              await loadLibrary();
            })
            .catch(fail);
        } else if (e.event === "submission.status") {
          const read = SubmissionStatusEventSchema.shape.data.safeParse(JSON.parse(e.data));
          if (!read.success) return;
          const d = read.data;
          void refreshForms().catch(() => undefined);
          const cur = currentRef.current;
          if (cur && keyPath(cur.key) === keyPath(d)) {
            const next = { ...cur, status: d.status, revision: d.revision };
            setCurrent(next);
            if (d.status === "returned") {
              // "submitted" must not stand above a returned form
              setBanner((b) => (b && b.intent === "success" ? undefined : b));
              void showReturned(next).catch(fail);
            }
          }
        }
      },
      (connected) => connected && setOnline(true),
    );
  }, [api]);

  /** A new form in the workbook; `from` is a stored form to start from (an approved target, last year's). */
  async function insertNew(fields: NewFormFields, from?: Form) {
    if (!library || !me.unit) return;
    const project = { code: fields.code, name: fields.name, field: fields.field, attribute: fields.attribute, servesPublic: fields.servesPublic };
    // a new form starts from the budget the bureau approved, when it imported one (docs/treasury.md);
    // without it (or the server unreachable for it) the amounts stay blank for the unit to type
    const budget = from ? undefined : await api.approvedBudget(fields.year, fields.code).catch(() => undefined);
    const form = from ?? withApprovedBudget(newFormSkeleton({ kind: fields.kind, year: fields.year, unit: { code: me.unit.code, name: me.unit.name }, project }), budget);
    const { planFor } = await engine();
    const { plan, undo } = await workbook.insert(planFor(fields.kind, form, library));
    const sheet = firstFormSheet(plan);
    // the render replaced the sheet's fills: the marks kept for this workbook are void
    marks.current = undefined;
    await forgetMarks(store, workbookIdOf(plan.sheets.find((p) => p.name === metaSheetName)?.values));
    setCheck(undefined);
    setReturned(undefined);
    const cur: Current = { key: keyOfForm(form), sheet, projectName: form.project.name, field: form.project.field };
    setCurrent(cur);
    setUndoable({ label: t("undoInsert"), form: formId(cur), snapshot: undo });
    say({ intent: "success", text: from ? t("startedFrom") : t("inserted") });
    go("picker");
  }

  async function openForm(summary: SubmissionSummary) {
    if (!library) return;
    const detail = await api.submission(summary);
    const { planFor, placeIssues } = await engine();
    const { plan, undo } = await workbook.insert(planFor(summary.kind, detail.form, library, detail.revision));
    const sheet = firstFormSheet(plan);
    const cur: Current = { key: keyOfForm(detail.form), sheet, revision: detail.revision, status: detail.status, projectName: detail.form.project.name, field: detail.form.project.field };
    marks.current = undefined;
    await forgetMarks(store, workbookIdOf(plan.sheets.find((p) => p.name === metaSheetName)?.values));
    // a stored form's findings have paths only: placed on the sheet just written, they select at once
    const issues = placeIssues(plan, sheet, detail.issues);
    setCheck({ issues, ...(detail.score ? { score: detail.score } : {}), ...(detail.lights ? { lights: detail.lights } : {}), form: detail.form, sheet, at: "" });
    setCurrent(cur);
    setReturned(undefined);
    setUndoable({ label: t("undoOpen"), form: formId(cur), snapshot: undo });
    setBanner(undefined);
    if (detail.status === "returned" && detail.comments) await showReturned(cur, detail.comments);
    go("check");
  }

  async function runCheck(): Promise<CheckState | undefined> {
    const lib = libraryRef.current;
    if (!lib) return undefined;
    const cur = currentRef.current;
    const preferred = cur ? await sheetOf(cur) : undefined;
    const { checkSheets, formSheetOf } = await engine();
    const read = await workbook.read([metaSheetName, ...(preferred ? [preferred] : [])]);
    const sheet = formSheetOf(read, preferred);
    const result = checkSheets(read, sheet, lib);
    // this workbook's marks (browser storage is shared by every workbook), on sheets it still has
    const workbookId = workbookIdOf(read.grids.find((g) => g.sheet === metaSheetName)?.grid);
    marks.current ??= await loadMarks(store, workbookId);
    marks.current = await workbook.mark(result.issues, result.sheet, marksOnSheets(marks.current, read.sheets));
    await saveMarks(store, workbookId, marks.current);
    const state: CheckState = {
      issues: result.issues,
      sheet: result.sheet,
      at: new Date().toLocaleTimeString(),
      ...(result.form ? { form: result.form } : {}),
      ...(result.score ? { score: result.score } : {}),
      ...(result.lights ? { lights: result.lights } : {}),
      ...(result.explain ? { explain: result.explain } : {}),
    };
    setCheck(state);
    if (result.form && (!cur || keyPath(cur.key) !== keyPath(keyOfForm(result.form)))) {
      setCurrent({ key: keyOfForm(result.form), sheet: result.sheet, projectName: result.form.project.name, field: result.form.project.field });
    } else if (cur && cur.sheet !== result.sheet) setCurrent({ ...cur, sheet: result.sheet });
    return state;
  }

  async function save() {
    // A submitted form changes only after the unit recalls it (撤回): the server refuses the save.
    // An approved form is final: only finance's 撤销审核 reopens it.
    if (currentRef.current?.status === "approved") {
      say({ intent: "error", text: t("approvedLocked"), tab: "check" });
      return;
    }
    if (currentRef.current?.status === "submitted") {
      say({ intent: "warning", text: t("saveSubmitted"), tab: "check", action: { label: t("recall"), onClick: () => void guarded("recall", recall), testId: "recall-banner" } });
      return;
    }
    const state = await runCheck();
    if (!state?.form || !outbox) {
      say({ intent: "warning", text: t("saveFirst"), tab: "check" });
      return;
    }
    const cur = currentRef.current;
    const { cells: _cells, ...form } = state.form;
    await outbox.enqueue({ ...form, cells: state.form.cells ?? {} }, cur?.revision);
    const report = await flush();
    if (report?.offline) say({ intent: "warning", text: t("queued") });
    // the conflict bar says what happened; an earlier "saved" must not stand beside it
    if (report?.conflict) setBanner(undefined);
  }

  async function submit(showFindings: () => void) {
    const cur = currentRef.current;
    if (!cur) return;
    if (outbox && outbox.list().length) {
      const report = await flush();
      if (report?.offline || report?.conflict) {
        say({ intent: "warning", text: t("submitOffline") });
        return;
      }
    }
    const latest = currentRef.current!;
    if (latest.revision === undefined) {
      say({ intent: "warning", text: t("saveFirst") });
      return;
    }
    try {
      const r = await api.submit(latest.key, latest.revision);
      setCurrent({ ...latest, status: r.status, revision: r.revision });
      setReturned(undefined);
      say({ intent: "success", text: t("submitted") });
      void refreshForms().catch(() => undefined);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        const d = FormHasErrorsDetailsSchema.safeParse(err.details);
        const issues = d.success ? d.data.issues : [];
        const errors = issues.filter((i) => i.severity === "error").length;
        // the findings list says what; the banner is one line that goes there
        if (!check || !check.issues.some((i) => i.severity === "error")) setCheck({ issues, sheet: latest.sheet, at: "" });
        say({ intent: "error", text: t("submitBlockedN", { n: errors }), tab: "check", action: { label: t("showFindings"), onClick: showFindings, testId: "show-findings" } });
      } else if (err instanceof OfflineError) {
        setOnline(false);
        say({ intent: "warning", text: t("submitOffline") });
      } else throw err;
    }
  }

  async function recall() {
    const cur = currentRef.current;
    if (!cur || cur.revision === undefined) return;
    const r = await api.recall(cur.key, cur.revision);
    setCurrent({ ...cur, status: r.status, revision: r.revision });
    say({ intent: "success", text: t("recalled") });
    void refreshForms().catch(() => undefined);
  }

  /** Writes a picked indicator into the indicator grid of the current form (see pick-row.ts). */
  async function pick(indicator: Indicator, choice?: "replace" | "next") {
    const cur = currentRef.current;
    const preferred = cur ? await sheetOf(cur) : undefined;
    const read = await workbook.read(preferred ? [preferred] : []);
    const sheet = preferred && read.grids.some((g) => g.sheet === preferred) ? preferred : read.active;
    const grid = read.grids.find((g) => g.sheet === sheet)?.grid ?? [];
    const g = indicatorGrid(grid);
    if (!g) {
      say({ intent: "warning", text: t("noHeader"), tab: "picker" });
      return;
    }
    const activeRow = read.activeCell && read.activeCell.sheet === sheet ? read.activeCell.row : undefined;
    let target = pickTarget(grid, g, activeRow);
    if (target.replaces !== undefined && choice === "next") target = nextEmpty(grid, g, target.row + 1);
    else if (target.replaces !== undefined && choice !== "replace") {
      setAskReplace({ indicator, target, sheet });
      say({
        intent: "warning",
        text: t("askReplace", { row: target.row + 1, name: target.replaces }),
        tab: "picker",
        action: { label: t("replaceRow"), onClick: () => void guarded("pick", () => pick(indicator, "replace")), testId: "replace-row" },
        second: { label: t("nextEmptyRow"), onClick: () => void guarded("pick", () => pick(indicator, "next")), testId: "next-row" },
      });
      return;
    }
    setAskReplace(undefined);
    const written = await workbook.writeRow({ cells: rowCells(indicator, g), sheet, row: target.row, insert: target.insert });
    setUndoable({ label: t("undoPick", { name: indicator.name }), ...(cur ? { form: formId(cur) } : {}), snapshot: written.undo });
    // the selection moves down, so picking again fills the next row
    const after = grid.map((r) => [...r]);
    if (target.insert) after.splice(target.row, 0, []);
    after[target.row] = [...(after[target.row] ?? [])];
    after[target.row]![g.columns.name!] = indicator.name;
    const grown = { ...g, last: g.last + (target.insert ? 1 : 0), ...(g.footer !== undefined && target.insert ? { footer: g.footer + 1 } : {}) };
    const next = nextEmpty(after, grown, target.row + 1);
    await workbook.select(`A${next.row + 1}`, sheet);
    say({ intent: "success", text: `${indicator.name} — ${t("insertedRow", { row: target.row + 1 })}`, tab: "picker" });
  }

  async function replaceDeprecated() {
    const state = check ?? (await runCheck());
    if (!state?.form || !library) return;
    const reps = deprecatedReplacements(state.form, library);
    const undo = await workbook.replace(reps, state.sheet);
    const cur = currentRef.current;
    setUndoable({ label: t("undoReplace", { n: reps.length }), ...(cur ? { form: formId(cur) } : {}), snapshot: undo });
    say({ intent: "success", text: t("replaced", { n: reps.length }) });
    await runCheck();
  }

  async function undo() {
    const u = undoable;
    if (!u) return;
    await workbook.undo(u.snapshot);
    setUndoable(undefined);
    say({ intent: "success", text: t("undone", { what: u.label }) });
  }

  /** "Take the server's" in a conflict: the stored form over the sheet, the outbox item dropped. */
  async function takeTheirs(item: QueuedSave) {
    if (!outbox) return;
    await outbox.resolve(item.id, "theirs");
    const cur = currentRef.current;
    if (cur && library) {
      const detail = await api.submission(cur.key);
      const { planFor } = await engine();
      const { undo } = await workbook.insert(planFor(cur.key.kind, detail.form, library, detail.revision));
      setUndoable({ label: t("undoOpen"), form: formId(cur), snapshot: undo });
      setCurrent({ ...cur, revision: detail.revision, status: detail.status });
    }
    await flush();
  }

  async function keepMine(item: QueuedSave) {
    if (!outbox) return;
    await outbox.resolve(item.id, "mine");
    await flush();
  }

  return {
    library,
    index,
    online,
    outbox,
    queue,
    current,
    currentId: formId(current),
    forms,
    check,
    banner,
    setBanner,
    changes,
    setChanges,
    returned,
    undoable: undoable && (undoable.form === undefined || undoable.form === formId(current)) ? undoable : undefined,
    askReplace,
    busy,
    guarded,
    lang,
    refreshForms,
    flush,
    insertNew,
    openForm,
    runCheck,
    save,
    submit,
    recall,
    pick,
    replaceDeprecated,
    undo,
    takeTheirs,
    keepMine,
    select: (cell: string, sheet?: string) => workbook.select(cell, sheet ?? check?.sheet),
    say,
  };
}

export type UnitForm = ReturnType<typeof useUnitForm>;
