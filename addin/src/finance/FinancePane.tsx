// The finance bureau's side of the pane (loaded on demand: units never download it). Review every
// unit's forms, open one into a sheet with its findings, return it with comments at cells or
// approve it, mark key projects; pull the consolidated workbook; keep the library in a sheet and
// publish it; preview and download the public disclosure. Components get plain functions (the
// FinanceWorkbook, the Api) and never touch Office.
import {
  Badge,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { FormKind } from "../../../shared/glossary.ts";
import { beijingMinute } from "../../../shared/beijing.ts";
import type { Library } from "../../../shared/library.ts";
import { librarySheetPlan, librarySheetTitle, previewChanges, readLibrarySheet, hasSheetErrors, type LibrarySheetRead } from "../../../shared/library-sheet.ts";
import type { LibraryChanges } from "../../../shared/library-changes.ts";
import type { Marks, PullProgress } from "../../excel/index.ts";
import { Api, ApiError, type DisclosurePreview, type Me, type SubmissionSummary } from "../api.ts";
import type { Lang, T } from "../messages.ts";
import { saveWorkbook } from "../download.ts";
import { subscribe } from "../sse.ts";
import { findingColumns, formColumns, indicatorColumns, missingColumns, summaryColumns } from "../../../shared/consolidate/columns.ts";
import { base64Of, toPullSheets, type ColumnsLike } from "./consolidated.ts";
import { chartSheetPlan } from "../../../shared/consolidate/chart-sheet.ts";
import type { SummaryRow } from "../../../shared/consolidate/rows.ts";
import { excelWorkbook, type Workbook } from "../../excel/workbook.ts";
import Review, { type ReviewFocus } from "./Review.tsx";
import { paneStyles } from "../styles.ts";
import { useGuarded } from "../busy.ts";
import People, { roleWords } from "./People.tsx";
import Overview from "./Overview.tsx";
import Cycle from "./Cycle.tsx";
import type { FinanceTabProps, Notice } from "./tab.ts";
import { TextField } from "../components/TextField.tsx";
import Experts from "./Experts.tsx";
import { TabPage } from "../components/Section.tsx";
import { OnlineBadge, SignOutButton } from "../components/StatusBar.tsx";
import { Table } from "../components/Table.tsx";
import { ErrorLine } from "../components/ErrorLine.tsx";
import { YearAndKind, YearField, typedYear, useYearText } from "../components/YearField.tsx";

/** The consolidated workbook's sheets in order, as the server's .xlsx has them. */
const consolidation: readonly ColumnsLike[] = [summaryColumns, formColumns, indicatorColumns, missingColumns, findingColumns];

const useStyles = makeStyles({
  ...paneStyles,
  selected: { background: tokens.colorNeutralBackground1Selected },
  listScroll: { maxHeight: "50vh", overflowY: "auto" },
});

export interface FinancePaneProps {
  t: T;
  lang: Lang;
  api: Api;
  me: Me;
  /** inside Excel (or the stand-in host) */
  excel: boolean;
  /** for tests: a workbook other than Excel.run's */
  workbook?: FinanceWorkbook | undefined;
  onSignOut: () => void;
}

/** What the finance side asks of the workbook (addin/excel/workbook.ts, the pane's one door to Office). */
export type FinanceWorkbook = Pick<Workbook, "insert" | "render" | "readSheet" | "mark" | "select" | "selection" | "pull" | "charts">;

type TabName = "overview" | "cycle" | "review" | "experts" | "consolidated" | "library" | "disclosure" | "people";

export default function FinancePane({ t, lang, api, me, excel, workbook, onSignOut }: FinancePaneProps) {
  const s = useStyles();
  const wb = useMemo(() => workbook ?? (excel ? excelWorkbook() : undefined), [workbook, excel]);
  // The admin comes to manage people; finance first looks at where things stand.
  const [tab, setTab] = useState<TabName>(me.role === "admin" ? "people" : "overview");
  const [changed, setChanged] = useState(0);
  const [library, setLibrary] = useState<Library>();
  const [notice, setNotice] = useState<Notice>();
  const [online, setOnline] = useState(true);
  const [forms, setForms] = useState<SubmissionSummary[]>([]);
  const [focus, setFocus] = useState<ReviewFocus>();

  const fail = useCallback(
    (err: unknown) => setNotice({ intent: "error", text: t("failedAction") + (err instanceof Error ? err.message : String(err)) }),
    [t],
  );
  const { busy, guarded } = useGuarded(fail);
  const refresh = useCallback(async () => {
    setForms(await api.submissions());
    setOnline(true);
  }, [api]);

  useEffect(() => {
    void api.library().then(setLibrary).catch(fail);
    void refresh().catch(fail);
    return subscribe(
      api.url("/api/events"),
      api.token,
      (e) => {
        if (e.event === "submission.status") void refresh().catch(() => undefined);
        // The overview counts forms, deadlines and rectifications: any of them moving redraws it.
        if (["submission.status", "notice.issued", "notice.overdue", "rectification.state", "opinion.step"].includes(e.event)) setChanged((n) => n + 1);
        if (e.event === "library.published") void api.library().then(setLibrary).catch(() => undefined);
      },
      setOnline,
    );
  }, [api]);

  return (
    <>
      <div className={s.bar} data-testid="finance-status">
        <OnlineBadge t={t} online={online} />
        <Badge appearance="tint" color="brand" data-testid="role">
          {t(roleWords[me.role])}
        </Badge>
        <span style={{ flex: 1 }} />
        <Text size={200} className={s.small}>
          {library ? `${t("libraryVersion")} ${library.version}` : ""}
        </Text>
      </div>
      {notice && (
        <MessageBar intent={notice.intent} layout="multiline" data-testid="notice">
          <MessageBarBody>{notice.text}</MessageBarBody>
          <Button size="small" appearance="transparent" onClick={() => setNotice(undefined)} aria-label={t("dismiss")} title={t("dismiss")}>
            ×
          </Button>
        </MessageBar>
      )}
      {/* six tabs do not fit Excel's narrowest pane (320 px): they wrap rather than run off its edge */}
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabName)} size="small" style={{ flexWrap: "wrap" }}>
        <Tab value="overview">{t("tabOverview")}</Tab>
        <Tab value="review">{t("tabReview")}</Tab>
        <Tab value="cycle">{t("tabCycle")}</Tab>
        {!me.office && <Tab value="experts">{t("expTitle")}</Tab>}
        <Tab value="consolidated">{t("tabConsolidated")}</Tab>
        <Tab value="library">{t("tabLibrary")}</Tab>
        <Tab value="disclosure">{t("tabDisclosure")}</Tab>
        {me.role === "admin" && <Tab value="people">{t("tabPeople")}</Tab>}
      </TabList>
      {busy && <Spinner size="tiny" />}
      {tab === "overview" && (
        <Overview
          t={t}
          lang={lang}
          api={api}
          version={changed}
          guarded={guarded}
          open={(f, label) => {
            setFocus({ ...f, label: t("ovFocus", { what: label }) });
            setTab("review");
          }}
        />
      )}
      {tab === "cycle" && <Cycle t={t} lang={lang} api={api} version={changed} busy={!!busy} guarded={guarded} notify={setNotice} />}
      {tab === "review" && (
        <Review t={t} lang={lang} api={api} me={me} wb={wb} forms={forms} library={library} busy={!!busy} guarded={guarded} notify={setNotice} refresh={refresh} focus={focus} onClearFocus={() => setFocus(undefined)} />
      )}
      {tab === "experts" && <Experts t={t} lang={lang} api={api} forms={forms} busy={!!busy} guarded={guarded} notify={setNotice} />}
      {tab === "consolidated" && <Consolidated t={t} lang={lang} api={api} wb={wb} busy={!!busy} guarded={guarded} notify={setNotice} />}
      {tab === "library" && (
        <LibraryUpkeep t={t} lang={lang} api={api} me={me} wb={wb} library={library} onPublished={setLibrary} busy={!!busy} guarded={guarded} notify={setNotice} />
      )}
      {tab === "disclosure" && <Disclosure t={t} api={api} busy={!!busy} guarded={guarded} />}
      {tab === "people" && me.role === "admin" && <People t={t} lang={lang} api={api} me={me} busy={!!busy} guarded={guarded} notify={setNotice} />}
      <SignOutButton t={t} onSignOut={onSignOut} />
    </>
  );
}

type Common = Pick<FinanceTabProps, "t" | "busy" | "guarded" | "notify">;

// ---------------------------------------------------------------------------------------------
// Pull consolidated

function Consolidated(props: Common & { lang: Lang; api: Api; wb: FinanceWorkbook | undefined }) {
  const { t, lang, api, wb, guarded, notify } = props;
  const s = useStyles();
  const [year, setYear] = useYearText();
  const [kind, setKind] = useState<FormKind | "">("");
  const [progress, setProgress] = useState<PullProgress>();
  const [result, setResult] = useState<string>();
  const [charts, setCharts] = useState<string>();

  /** In a plain browser there is no workbook to pull into: the same workbook is downloaded instead. */
  async function download() {
    const y = Number(year);
    const bytes = await api.consolidatedXlsx(y, kind || undefined);
    const file = `绩效汇总-${y}${kind ? `-${kind}` : ""}.xlsx`;
    saveWorkbook(bytes, file);
    setResult(t("downloaded", { file }));
  }

  async function pull() {
    if (!wb) return;
    setResult(undefined);
    setProgress(undefined);
    const y = Number(year);
    const k = kind || undefined;
    let json: unknown;
    try {
      json = await api.consolidated(y, k);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        notify({ intent: "error", text: t("consolidatedMissing") });
        return;
      }
      throw err;
    }
    const sheets = toPullSheets(json, consolidation);
    if (sheets.length === 0) {
      notify({ intent: "warning", text: t("nothingToPull") });
      return;
    }
    const t0 = performance.now();
    const report = await wb.pull(sheets, {
      onProgress: setProgress,
      xlsxBase64: async () => base64Of(await api.consolidatedXlsx(y, k)),
    });
    // The 图表 sheet: native charts from the summary (one row per unit), 2 requests whatever the size.
    const summary = (json as { summary?: unknown }).summary;
    const charted = Array.isArray(summary) ? await wb.charts(chartSheetPlan(summary as SummaryRow[])) : undefined;
    const ms = Math.round(performance.now() - t0);
    setCharts(charted ? t("chartsAdded", { sheet: charted.sheet, n: charted.charts }) : undefined);
    setResult(t("pulled", { sheets: report.sheets.length, rows: report.rows, blocks: report.blocks, syncs: report.syncs, ms, mode: report.mode === "base64" ? "insertWorksheetsFromBase64" : "ExcelApi 1.8" }));
  }

  return (
    <TabPage title={t("pullTitle")} hint={t("pullHint")} data-testid="consolidated">
      <div className={s.row}>
        <YearAndKind t={t} lang={lang} year={year} onYear={setYear} kind={kind} onKind={setKind} data-testid="pull" />
      </div>
      {wb ? (
        <Button appearance="primary" disabled={props.busy || typedYear(year) === undefined} onClick={() => void guarded("pull", pull)} data-testid="pull">
          {t("pull")}
        </Button>
      ) : (
        <>
          <MessageBar intent="info" layout="multiline" data-testid="pull-needs-excel">
            <MessageBarBody>{t("pullNeedsExcel")}</MessageBarBody>
          </MessageBar>
          <Button appearance="primary" disabled={props.busy || typedYear(year) === undefined} onClick={() => void guarded("download", download)} data-testid="download-consolidated">
            {t("downloadConsolidated")}
          </Button>
        </>
      )}
      {progress && (
        <Field validationMessage={t("pulling", { rows: progress.rows, total: progress.totalRows, block: progress.block, blocks: progress.blocks })} validationState="none">
          <ProgressBar value={progress.totalRows ? progress.rows / progress.totalRows : 1} data-testid="pull-progress" />
        </Field>
      )}
      {result && (
        <MessageBar intent="success" layout="multiline" data-testid="pull-result">
          <MessageBarBody>
            {result}
            {charts && <div data-testid="charts-result">{charts}</div>}
          </MessageBarBody>
        </MessageBar>
      )}
    </TabPage>
  );
}

// ---------------------------------------------------------------------------------------------
// Library upkeep

/** The changelog's lines, one per indicator: added, changed, deprecated (and by what), removed. */
function changeLines(c: LibraryChanges, nameOf: (code: string) => string) {
  const line = (key: string, word: "added" | "changed" | "deprecated" | "removed", colour: "success" | "brand" | "warning" | "danger", text: string) => ({ key, word, colour, text });
  return [
    ...c.added.map((code) => line(`a${code}`, "added", "success", nameOf(code))),
    ...c.changed.map((code) => line(`c${code}`, "changed", "brand", nameOf(code))),
    ...c.deprecated.map((d) => line(`d${d.code}`, "deprecated", "warning", `${nameOf(d.code)}${d.replacedBy ? ` → ${nameOf(d.replacedBy)}` : ""}`)),
    ...c.removed.map((code) => line(`r${code}`, "removed", "danger", nameOf(code))),
  ];
}

function LibraryUpkeep(props: Common & { lang: Lang; api: Api; me: Me; wb: FinanceWorkbook | undefined; library: Library | undefined; onPublished: (l: Library) => void }) {
  const { t, lang, api, me, wb, library, guarded, notify } = props;
  const s = useStyles();
  const [read, setRead] = useState<LibrarySheetRead>();
  const [changes, setChanges] = useState<LibraryChanges>();
  const [note, setNote] = useState("");
  const marks = useRef<Marks | undefined>(undefined);
  const names = useMemo(() => new Map(library?.indicators.map((i) => [i.code, i.name])), [library]);

  async function exportSheet() {
    if (!wb) return;
    const lib = await api.library();
    await wb.render({ sheets: [librarySheetPlan(lib)] }, { activate: librarySheetTitle });
    marks.current = undefined;
    setRead(undefined);
    setChanges(undefined);
    notify({ intent: "success", text: t("exported", { v: lib.version, n: lib.indicators.length, sheet: librarySheetTitle }) });
  }

  async function check(): Promise<{ read: LibrarySheetRead; changes: LibraryChanges; published: Library } | undefined> {
    if (!wb) return undefined;
    const published = await api.library();
    const grid = await wb.readSheet(librarySheetTitle);
    if (!grid) {
      notify({ intent: "warning", text: t("noLibrarySheet") });
      return undefined;
    }
    const r = readLibrarySheet(grid.grid, { frame: published.policy.frame, published });
    marks.current = await wb.mark(r.findings, librarySheetTitle, marks.current);
    const c = previewChanges(published, r.indicators);
    setRead(r);
    setChanges(c);
    const errs = r.findings.filter((f) => f.severity === "error").length;
    notify(errs ? { intent: "error", text: t("sheetErrors", { n: errs }) } : { intent: "success", text: t("sheetOk", { n: r.indicators.length }) });
    return { read: r, changes: c, published };
  }

  async function publish() {
    const checked = await check();
    if (!checked || hasSheetErrors(checked.read.findings)) return;
    const res = await api.publishLibrary({ indicators: checked.read.indicators, note: note.trim() });
    notify({ intent: "success", text: t("published", { v: res.version, a: res.changes.added.length, c: res.changes.changed.length, d: res.changes.deprecated.length }) });
    const lib = await api.library();
    props.onPublished(lib);
    setChanges(previewChanges(lib, checked.read.indicators));
  }

  const nameOf = (code: string) => {
    const fromSheet = read?.indicators.find((i) => i.code === code)?.name;
    return `${code} ${fromSheet ?? names.get(code) ?? ""}`;
  };
  const findings = read?.findings ?? [];
  const changed = changes ? changeLines(changes, nameOf) : [];
  const errorCount = findings.filter((f) => f.severity === "error").length;
  // The admin decides who publishes: the admin, or a finance token issued with the grant.
  const needsGrant = me.role !== "admin" && me.canPublish !== true;

  return (
    <TabPage title={t("libTitle")} hint={t("libHint")} data-testid="library-upkeep">
      <div className={s.row}>
        <Button disabled={!wb || props.busy} onClick={() => void guarded("export", exportSheet)} data-testid="export-library">
          {t("exportLibrary")}
        </Button>
        <Button disabled={!wb || props.busy} onClick={() => void guarded("check", async () => void (await check()))} data-testid="check-library">
          {t("checkSheet")}
        </Button>
      </div>
      {read?.basedOn !== undefined && library && read.basedOn !== library.version && (
        <MessageBar intent="warning">
          <MessageBarBody>{t("staleSheet", { a: read.basedOn, b: library.version })}</MessageBarBody>
        </MessageBar>
      )}
      {findings.length > 0 && (
        <ul className={s.list} data-testid="library-findings">
          {findings.slice(0, 60).map((f, i) => (
            <li key={i}>
              <button className={s.item} onClick={() => wb && void guarded("select", () => wb.select(f.cell, librarySheetTitle))} data-cell={f.cell} data-check={f.check}>
                <Badge size="small" color={f.severity === "error" ? "danger" : "warning"}>
                  {f.severity === "error" ? t("errors").split("（")[0]!.split(" (")[0] : t("warnings")}
                </Badge>{" "}
                <span className={s.small}>{f.cell}</span> {f.message[lang]}
              </button>
            </li>
          ))}
        </ul>
      )}
      {changes && (
        <div data-testid="changelog">
          <div className={s.h}>{t("changelog", { v: changes.since })}</div>
          {changed.length === 0 ? (
            <Text className={s.small}>{t("noChanges")}</Text>
          ) : (
            <ul className={s.list}>
              {changed.map((l) => (
                <li key={l.key}>
                  <Badge size="small" color={l.colour}>
                    {t(l.word)}
                  </Badge>{" "}
                  {l.text}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <TextField label={t("publishNote")} value={note} onChange={setNote} data-testid="publish-note" />
      {needsGrant && (
        <MessageBar intent="info" layout="multiline" data-testid="needs-grant">
          <MessageBarBody>{t("publishNeedsGrant")}</MessageBarBody>
        </MessageBar>
      )}
      <Button
        appearance="primary"
        disabled={!wb || props.busy || errorCount > 0 || needsGrant}
        onClick={() => void guarded("publish", publish)}
        data-testid="publish-library"
      >
        {t("publish")}
      </Button>
    </TabPage>
  );
}

// ---------------------------------------------------------------------------------------------
// Disclosure: preview and download

/** The first list of records in the disclosure JSON, shown as a table. */
export function disclosureRows(json: unknown): Record<string, unknown>[] {
  if (Array.isArray(json)) return json.filter((x): x is Record<string, unknown> => !!x && typeof x === "object");
  if (json && typeof json === "object") {
    for (const v of Object.values(json)) {
      if (Array.isArray(v) && v.some((x) => x && typeof x === "object")) return disclosureRows(v);
    }
  }
  return [];
}

function show(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return Array.isArray(v) ? `${v.length}` : JSON.stringify(v).slice(0, 80);
  return String(v);
}

function Disclosure(props: Omit<Common, "notify"> & { api: Api }) {
  const { t, api, guarded } = props;
  const s = useStyles();
  const [year, setYear] = useYearText();
  const [rows, setRows] = useState<Record<string, unknown>[]>();
  const [preview, setPreview] = useState<DisclosurePreview>();
  const [error, setError] = useState<string>();
  const columns = useMemo(() => [...new Set((rows ?? []).slice(0, 50).flatMap((r) => Object.keys(r)))].slice(0, 10), [rows]);
  const valid = typedYear(year) !== undefined;
  return (
    <TabPage title={t("discTitle")} hint={t("discHint")} data-testid="disclosure">
      <div className={s.row}>
        <YearField t={t} value={year} onChange={setYear} data-testid="disclosure-year" />
        <Button
          disabled={!valid || props.busy}
          data-testid="disclosure-preview"
          onClick={() =>
            void guarded("disclosure", async () => {
              setError(undefined);
              try {
                const p = await api.disclosurePreview(Number(year));
                setPreview(p);
                setRows(disclosureRows(p.projects));
              } catch (err) {
                setRows(undefined);
                setPreview(undefined);
                setError(err instanceof ApiError && err.status === 404 ? t("disclosureMissing") : (err as Error).message);
              }
            })
          }
        >
          {t("preview")}
        </Button>
      </div>
      {valid && (
        <div className={s.row}>
          <Text className={s.small}>{t("download")}:</Text>
          {(["csv", "xlsx", "json"] as const).map((f) => (
            <a key={f} href={api.disclosureUrl(Number(year), f)} download={`disclosure-${year}.${f}`} target="_blank" rel="noreferrer" data-testid={`disclosure-${f}`}>
              {f.toUpperCase()}
            </a>
          ))}
        </div>
      )}
      <ErrorLine error={error} />
      {preview && (
        <div className={s.col} data-testid="disclosure-status">
          <Text className={s.small}>
            {preview.confirmed ? t("discConfirmed", { at: beijingMinute(preview.confirmed.at) }) : t("discUnconfirmed")}
            {preview.confirmed && preview.changed ? ` ${t("discChanged")}` : ""}
          </Text>
          {preview.removed.length > 0 && (
            <>
              <Text className={s.small}>{t("discRemoved", { n: preview.removed.length })}</Text>
              <ul className={s.small} data-testid="disclosure-removed">
                {preview.removed.slice(0, 50).map((r, i) => (
                  <li key={i}>
                    {r.unit}/{r.project} · {r.path}: {r.text}
                  </li>
                ))}
              </ul>
            </>
          )}
          {(!preview.confirmed || preview.changed) && (
            <Button
              appearance="primary"
              disabled={props.busy}
              data-testid="disclosure-confirm"
              onClick={() =>
                void guarded("disclosure", async () => {
                  setError(undefined);
                  try {
                    await api.confirmDisclosure(preview.year, preview.hash);
                    setPreview(await api.disclosurePreview(preview.year));
                  } catch (err) {
                    setError((err as Error).message);
                  }
                })
              }
            >
              {t("discConfirm")}
            </Button>
          )}
        </div>
      )}
      {rows && rows.length === 0 && <Text className={s.small}>{t("noDisclosure")}</Text>}
      {rows && rows.length > 0 && (
        <Table scroll rows={rows.slice(0, 200)} rowKey={(_, i) => i} columns={columns.map((c) => ({ head: c, cell: (r: Record<string, unknown>) => show(r[c]) }))} data-testid="disclosure-table" />
      )}
    </TabPage>
  );
}
