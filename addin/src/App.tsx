// The task pane. Components get plain functions (the Workbook, the Api, the Outbox) as props and
// never touch Office; addin/excel does that behind workbook.ts.
import {
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { FormLights, FormScore } from "../../shared/check.ts";
import type { Form, FormInput } from "../../shared/form.ts";
import {
  attributeTerms,
  fieldTerms,
  formKinds,
  kindTerms,
  level1Terms,
  level2Terms,
  lightTerms,
  ratingTerms,
  statusTerms,
  type FormKind,
  type SubmissionStatus,
} from "../../shared/glossary.ts";
import type { Issue, Severity } from "../../shared/issue.ts";
import type { Indicator, Library } from "../../shared/library.ts";
import type { Marks } from "../excel/index.ts";
import { Api, ApiError, OfflineError, keyOfForm, keyPath, type ImportResult, type LibraryChanges, type Me, type SubmissionKey, type SubmissionSummary } from "./api.ts";
import { compareForms, when, who, type CompareLine } from "./conflict.ts";
import { deprecatedReplacements, indicatorColumns, isProjectCode, newFormSkeleton, rowCells } from "./formsheet.ts";
import type { HostInfo } from "./host.ts";
import { translator, type Lang, type T } from "./messages.ts";
import { Outbox, type QueuedSave } from "./outbox.ts";
import type { SearchIndex } from "./search.ts";
import { checkSheets, formSheetOf, metaSheetName, planFor } from "./sheets.ts";
import { onRefused } from "./refused.ts";
import { subscribe } from "./sse.ts";
import { keys, type KeyValueStore } from "./storage.ts";
import type { Workbook } from "../excel/workbook.ts";
import { paneStyles } from "./styles.ts";
import { useGuarded } from "./busy.ts";

// The finance bureau's side, loaded only for finance and admin tokens: units never download it.
const FinancePane = lazy(() => import("./finance/FinancePane.tsx"));

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "8px", padding: "10px", minHeight: "100vh", boxSizing: "border-box" },
  ...paneStyles,
  dot: { display: "inline-block", width: "10px", height: "10px", borderRadius: "50%", marginRight: "4px" },
  pre: { fontSize: tokens.fontSizeBase200, whiteSpace: "pre-wrap", margin: 0 },
  compare: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)", gap: "6px" },
  differs: { background: tokens.colorPaletteYellowBackground2, fontWeight: tokens.fontWeightSemibold },
});

interface Settings {
  server: string;
  token: string;
  /** the token's role when it was connected: which side to show when starting offline */
  role?: Me["role"];
}

interface Current {
  key: SubmissionKey;
  sheet: string;
  revision?: number;
  status?: SubmissionStatus;
  projectName?: string;
}

interface CheckState {
  issues: Issue[];
  score?: FormScore;
  lights?: FormLights;
  form?: Form;
  sheet: string;
  at: string;
}

interface Notice {
  intent: "success" | "error" | "warning" | "info";
  text: string;
  items?: string[];
}

export interface AppProps {
  host: HostInfo;
  store: KeyValueStore;
  workbook?: Workbook | undefined;
  onFirstRender?: () => void;
}

/** The server the pane was served from: its folder, so a server behind a proxy at /jixiao/ is found too. */
function defaultServer(): string {
  if (typeof location === "undefined" || !/^https?:$/.test(location.protocol)) return "https://localhost:3443";
  return new URL(".", location.href).href.replace(/\/$/, "");
}

async function loadJson<T>(store: KeyValueStore, key: string): Promise<T | undefined> {
  const text = await store.get(key);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

export function App({ host, store, workbook, onFirstRender }: AppProps) {
  const s = useStyles();
  const t = useMemo(() => translator(host.lang), [host.lang]);
  const [settings, setSettings] = useState<Settings | null | undefined>(undefined);
  const [session, setSession] = useState<{ api: Api; me: Me } | undefined>();
  const [refusedNote, setRefusedNote] = useState<string>();

  // A token revoked while the pane is open: back to sign-in at once, saying why.
  useEffect(
    () =>
      onRefused(() => {
        setRefusedNote(t("badToken"));
        void signOut();
      }),
    [t],
  );

  useEffect(() => {
    onFirstRender?.();
    void (async () => {
      const saved = await loadJson<Settings>(store, keys.settings);
      setSettings(saved ?? null);
    })();
  }, []);

  useEffect(() => {
    if (!settings) return;
    const api = new Api(settings.server, settings.token);
    api
      .me()
      .then((me) => setSession({ api, me }))
      // Offline at start: work with what we have; the pane retries.
      .catch((err) => {
        if (err instanceof OfflineError) setSession({ api, me: { role: settings.role ?? "unit", unit: null } });
        else setSettings(null);
      });
  }, [settings]);

  let body: ReactNode;
  if (settings === undefined || (settings && !session)) body = <Spinner label={t("loading")} />;
  else if (settings && session && session.me.role !== "unit") {
    body = (
      <Suspense fallback={<Spinner label={t("loading")} />}>
        <FinancePane t={t} lang={host.lang} api={session.api} me={session.me} excel={!!workbook} onSignOut={() => void signOut()} />
      </Suspense>
    );
  } else if (!settings || !session) {
    body = (
      <Setup
        t={t}
        initialError={refusedNote}
        onConnect={async (next) => {
          const api = new Api(next.server, next.token);
          const me = await api.me();
          if (!me || typeof me !== "object" || !["unit", "finance", "admin"].includes(me.role)) throw new Error(t("notJixiao"));
          if (me.role === "unit" && !me.unit) throw new Error(t("notUnit"));
          const saved = { ...next, role: me.role };
          await store.set(keys.settings, JSON.stringify(saved));
          setSession({ api, me });
          setSettings(saved);
        }}
      />
    );
  } else if (!workbook) {
    body = <BrowserPane t={t} api={session.api} lang={host.lang} onSignOut={() => signOut()} />;
  } else {
    body = <Main t={t} lang={host.lang} api={session.api} me={session.me} store={store} workbook={workbook} onSignOut={() => signOut()} />;
  }

  async function signOut() {
    await store.remove(keys.settings);
    setSession(undefined);
    setSettings(null);
  }

  return (
    <div className={s.root} data-testid="pane" data-lang={host.lang}>
      {body}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------

function Setup({ t, onConnect, initialError }: { t: T; onConnect: (s: Settings) => Promise<void>; initialError?: string | undefined }) {
  const s = useStyles();
  const [server, setServer] = useState(defaultServer());
  const [token, setToken] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(initialError);
  return (
    <form
      className={s.col}
      onSubmit={(e) => {
        e.preventDefault();
        const address = server.trim().replace(/\/+$/, "");
        if (!/^https?:\/\/[^\s/]+/i.test(address)) {
          setError(t("badAddress"));
          return;
        }
        setBusy(true);
        setError(undefined);
        onConnect({ server: address, token: token.trim() })
          .catch((err: unknown) =>
            setError(
              err instanceof ApiError
                ? err.status === 401
                  ? t("badToken")
                  : err.status === 404 || err.code.startsWith("http_")
                    ? t("notJixiao")
                    : err.message
                : err instanceof OfflineError
                  ? t("unreachable", { server: address })
                  : (err as Error).message,
            ),
          )
          .finally(() => setBusy(false));
      }}
    >
      <Text as="h1" className={s.h}>
        {t("setupTitle")}
      </Text>
      <Text className={s.small}>{t("setupHint")}</Text>
      <Field label={t("serverAddress")}>
        <Input value={server} onChange={(_, d) => setServer(d.value)} name="server" />
      </Field>
      <Field label={t("token")}>
        <Input value={token} onChange={(_, d) => setToken(d.value)} name="token" type="password" />
      </Field>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <Button appearance="primary" type="submit" disabled={busy || !token.trim()}>
        {busy ? <Spinner size="tiny" /> : t("connect")}
      </Button>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------

function NoticeBar({ t, notice, onDismiss }: { t: T; notice?: Notice | undefined; onDismiss: () => void }) {
  if (!notice) return null;
  return (
    <MessageBar intent={notice.intent} data-testid="notice">
      <MessageBarBody>
        {notice.text}
        {notice.items && (
          <ul style={{ margin: "4px 0 0", paddingLeft: 18 }}>
            {notice.items.map((i, n) => (
              <li key={n}>{i}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" appearance="transparent" onClick={onDismiss} aria-label={t("dismiss")} title={t("dismiss")}>
          ×
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

interface MainProps {
  t: T;
  lang: Lang;
  api: Api;
  me: Me;
  store: KeyValueStore;
  workbook: Workbook;
  onSignOut: () => void;
}

const severities: Severity[] = ["error", "warning", "info"];

function Main({ t, lang, api, me, store, workbook, onSignOut }: MainProps) {
  const s = useStyles();
  const [tab, setTab] = useState<"forms" | "picker" | "check">("forms");
  const [library, setLibrary] = useState<Library>();
  const [index, setIndex] = useState<SearchIndex>();
  const [online, setOnline] = useState(true);
  const [outbox, setOutbox] = useState<Outbox>();
  const [queue, setQueue] = useState<readonly QueuedSave[]>([]);
  const [current, setCurrentState] = useState<Current>();
  const [forms, setForms] = useState<SubmissionSummary[]>([]);
  const [check, setCheck] = useState<CheckState>();
  const [notice, setNotice] = useState<Notice>();
  const [changes, setChanges] = useState<LibraryChanges>();
  const [returned, setReturned] = useState<{ comment: string; cells: { sheet?: string; cell: string; comment: string }[] }>();
  const [comparing, setComparing] = useState(false);
  const marks = useRef<Marks | undefined>(undefined);
  const libraryRef = useRef<Library | undefined>(undefined);
  libraryRef.current = library;
  const currentRef = useRef<Current | undefined>(undefined);
  currentRef.current = current;

  const setCurrent = useCallback(
    (c: Current | undefined) => {
      setCurrentState(c);
      void (c ? store.set(keys.current, JSON.stringify(c)) : store.remove(keys.current));
    },
    [store],
  );

  const fail = useCallback(
    (err: unknown) => {
      if (err instanceof OfflineError) {
        setOnline(false);
        setNotice({ intent: "warning", text: t("offline") });
      } else setNotice({ intent: "error", text: t("failedAction") + (err instanceof Error ? err.message : String(err)) });
    },
    [t],
  );
  const { busy, guarded } = useGuarded(fail);

  const loadLibrary = useCallback(async () => {
    const lib = await api.library();
    setLibrary(lib);
    // pinyin-pro carries a dictionary: loaded on demand, indexed once per version
    const { buildIndex } = await import("./search.ts");
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
      const box = await Outbox.open(store, keys.outbox);
      setOutbox(box);
      setQueue([...box.list()]);
      stop = box.onChange((items) => setQueue([...items]));
      const saved = await loadJson<Current>(store, keys.current);
      if (saved) setCurrentState(saved);
      marks.current = await loadJson<Marks>(store, keys.marks);
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
        setNotice({ intent: "success", text: t("saved", { rev: result.revision }) });
      }
    }
    if (report.sent.length) void refreshForms().catch(() => undefined);
    return report;
  }, [outbox, api, t, refreshForms, setCurrent]);

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
          const d = JSON.parse(e.data) as SubmissionKey & { status: SubmissionStatus; revision: number };
          void refreshForms().catch(() => undefined);
          const cur = currentRef.current;
          if (cur && keyPath(cur.key) === keyPath(d)) {
            setCurrent({ ...cur, status: d.status, revision: d.revision });
            if (d.status === "returned") void showReturned(cur);
          }
        }
      },
      (connected) => connected && setOnline(true),
    );
  }, [api]);

  async function showReturned(cur: Current) {
    const detail = await api.submission(cur.key);
    if (!detail.comments) return;
    const cells = detail.comments.cells ?? [];
    setReturned({ comment: detail.comments.comment, cells });
    if (cells.length) await workbook.comments(cells, cur.sheet);
    setTab("check");
  }


  async function insertNew(fields: { kind: FormKind; year: number; code: string; name: string; field: string; attribute: "new" | "continuing"; servesPublic: boolean }) {
    if (!library || !me.unit) return;
    const form = newFormSkeleton({
      kind: fields.kind,
      year: fields.year,
      unit: { code: me.unit.code, name: me.unit.name },
      project: { code: fields.code, name: fields.name, field: fields.field, attribute: fields.attribute, servesPublic: fields.servesPublic },
    });
    const { plan } = await workbook.insert(planFor(fields.kind, form, library));
    const sheet = plan.sheets.find((p) => (p.visibility ?? "visible") === "visible" && p.name !== metaSheetName)?.name ?? plan.sheets[0]!.name;
    marks.current = undefined;
    await store.remove(keys.marks);
    setCheck(undefined);
    setReturned(undefined);
    setCurrent({ key: keyOfForm(form), sheet, projectName: fields.name });
    setNotice({ intent: "success", text: t("inserted") });
    setTab("picker");
  }

  async function openForm(summary: SubmissionSummary) {
    if (!library) return;
    const detail = await api.submission(summary);
    const { plan } = await workbook.insert(planFor(summary.kind, detail.form, library, detail.revision));
    const sheet = plan.sheets.find((p) => (p.visibility ?? "visible") === "visible" && p.name !== metaSheetName)?.name ?? plan.sheets[0]!.name;
    const cur: Current = { key: keyOfForm(detail.form), sheet, revision: detail.revision, status: detail.status, projectName: detail.form.project.name };
    marks.current = undefined;
    setCheck({ issues: detail.issues, ...(detail.score ? { score: detail.score } : {}), ...(detail.lights ? { lights: detail.lights } : {}), form: detail.form, sheet, at: "" });
    setCurrent(cur);
    setReturned(undefined);
    if (detail.status === "returned" && detail.comments) {
      const cells = detail.comments.cells ?? [];
      setReturned({ comment: detail.comments.comment, cells });
      if (cells.length) await workbook.comments(cells, sheet);
    }
    setTab("check");
  }

  async function runCheck(): Promise<CheckState | undefined> {
    const lib = libraryRef.current;
    if (!lib) return undefined;
    const read = await workbook.read([metaSheetName, ...(currentRef.current ? [currentRef.current.sheet] : [])]);
    const sheet = formSheetOf(read, currentRef.current?.sheet);
    const result = checkSheets(read, sheet, lib);
    marks.current = await workbook.mark(result.issues, result.sheet, marks.current);
    await store.set(keys.marks, JSON.stringify(marks.current));
    const state: CheckState = {
      issues: result.issues,
      sheet: result.sheet,
      at: new Date().toLocaleTimeString(),
      ...(result.form ? { form: result.form } : {}),
      ...(result.score ? { score: result.score } : {}),
      ...(result.lights ? { lights: result.lights } : {}),
    };
    setCheck(state);
    if (result.form && (!currentRef.current || keyPath(currentRef.current.key) !== keyPath(keyOfForm(result.form)))) {
      setCurrent({ key: keyOfForm(result.form), sheet: result.sheet, projectName: result.form.project.name });
    }
    return state;
  }

  async function save() {
    const state = await runCheck();
    if (!state?.form || !outbox) {
      setNotice({ intent: "warning", text: t("saveFirst") });
      return;
    }
    const cur = currentRef.current;
    const { cells: _cells, ...form } = state.form;
    await outbox.enqueue({ ...form, cells: state.form.cells ?? {} }, cur?.revision);
    const report = await flush();
    if (report?.offline) setNotice({ intent: "warning", text: t("queued") });
    if (report?.conflict) {
      // the conflict bar says what happened; an earlier "saved" must not stand beside it
      setComparing(false);
      setNotice(undefined);
    }
  }

  async function submit() {
    const cur = currentRef.current;
    if (!cur) return;
    if (outbox && outbox.list().length) {
      const report = await flush();
      if (report?.offline || report?.conflict) {
        setNotice({ intent: "warning", text: t("submitOffline") });
        return;
      }
    }
    const latest = currentRef.current!;
    if (latest.revision === undefined) {
      setNotice({ intent: "warning", text: t("saveFirst") });
      return;
    }
    try {
      const r = await api.submit(latest.key, latest.revision);
      setCurrent({ ...latest, status: r.status, revision: r.revision });
      setReturned(undefined);
      setNotice({ intent: "success", text: t("submitted") });
      void refreshForms().catch(() => undefined);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        const issues = ((err.details as { issues?: Issue[] } | Issue[] | undefined) && (Array.isArray(err.details) ? err.details : (err.details as { issues?: Issue[] }).issues)) ?? [];
        setNotice({ intent: "error", text: t("submitBlocked"), items: issues.filter((i) => i.severity === "error").map((i) => `${i.cell ?? i.path}: ${i.message[lang]}`) });
      } else if (err instanceof OfflineError) {
        setOnline(false);
        setNotice({ intent: "warning", text: t("submitOffline") });
      } else throw err;
    }
  }

  async function pick(ind: Indicator) {
    const read = await workbook.read([]);
    const grid = read.grids[0];
    const cols = grid ? indicatorColumns(grid.grid) : undefined;
    if (!cols) {
      setNotice({ intent: "warning", text: t("noHeader") });
      return;
    }
    const at = read.activeCell ?? { sheet: read.active, row: cols.headerRow + 1 };
    const r = await workbook.writeRow({ cells: rowCells(ind, cols), sheet: at.sheet, row: at.row });
    setNotice({ intent: "success", text: `${ind.name} — ${t("insertedRow", { row: r.row + 1 })}` });
  }

  async function replaceDeprecated() {
    const state = check ?? (await runCheck());
    if (!state?.form || !library) return;
    const reps = deprecatedReplacements(state.form, library);
    await workbook.replace(reps, state.sheet);
    setNotice({ intent: "success", text: t("replaced", { n: reps.length }) });
    await runCheck();
  }

  const replacements = useMemo(() => (check?.form && library ? deprecatedReplacements(check.form, library) : []), [check, library]);
  const conflict = queue.find((q) => q.conflict);
  const waiting = queue.length;

  return (
    <>
      <div className={s.bar} data-testid="status">
        <Badge appearance="filled" color={online ? "success" : "warning"}>
          {online ? t("online") : t("offline").split("：")[0]!.split(":")[0]}
        </Badge>
        {waiting > 0 && (
          <Badge appearance="tint" color="warning" data-testid="queue-count">
            {waiting} {t("pending")}
          </Badge>
        )}
        <Text size={200} data-testid="current">
          {current
            ? `${current.projectName ?? current.key.project} · ${kindTerms[current.key.kind][lang]} · ${
                current.status ? statusTerms[current.status][lang] : t("unsaved")
              }${current.revision !== undefined ? ` · ${t("revision")} ${current.revision}` : ""}`
            : t("noForm")}
        </Text>
        <span style={{ flex: 1 }} />
        <Text size={200} className={s.small}>
          {me.unit?.name} {library ? `· ${t("libraryVersion")} ${library.version}` : ""}
        </Text>
      </div>

      {changes && (
        <MessageBar intent="info" layout="multiline" data-testid="library-banner">
          <MessageBarBody>
            <MessageBarTitle>{t("libraryUpdated", { v: changes.version })}</MessageBarTitle>
            {t("libraryDelta", { a: changes.added.length, c: changes.changed.length, d: changes.deprecated.length })}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => void guarded("check", async () => void (await runCheck()))}>
              {t("recheck")}
            </Button>
            {replacements.length > 0 && (
              <Button size="small" appearance="primary" onClick={() => void guarded("replace", replaceDeprecated)}>
                {t("replaceDeprecated", { n: replacements.length })}
              </Button>
            )}
            <Button size="small" appearance="transparent" onClick={() => setChanges(undefined)}>
              {t("dismiss")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {conflict?.conflict && outbox && (
        <MessageBar intent="warning" layout="multiline" data-testid="conflict">
          <MessageBarBody>
            <MessageBarTitle>{t("conflictTitle")}</MessageBarTitle>
            {t("conflictText", { rev: conflict.conflict.revision ?? "-", by: who(conflict.conflict.by, t), at: when(conflict.conflict.at, lang) })}
            {comparing && <Compare t={t} lang={lang} mine={conflict.form} theirs={conflict.conflict.form as FormInput | undefined} />}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="primary" onClick={() => void guarded("mine", async () => {
              await outbox.resolve(conflict.id, "mine");
              await flush();
            })}>
              {t("keepMine")}
            </Button>
            <Button size="small" onClick={() => void guarded("theirs", async () => {
              await outbox.resolve(conflict.id, "theirs");
              const cur = currentRef.current;
              if (cur && library) {
                const detail = await api.submission(cur.key);
                await workbook.insert(planFor(cur.key.kind, detail.form, library, detail.revision));
                setCurrent({ ...cur, revision: detail.revision, status: detail.status });
              }
              await flush();
            })}>
              {t("takeTheirs")}
            </Button>
            <Button size="small" appearance="transparent" onClick={() => setComparing((c) => !c)}>
              {t("compare")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}

      <NoticeBar t={t} notice={notice} onDismiss={() => setNotice(undefined)} />

      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as typeof tab)} size="small">
        <Tab value="forms">{t("tabForms")}</Tab>
        <Tab value="picker">{t("tabPicker")}</Tab>
        <Tab value="check">{t("tabCheck")}</Tab>
      </TabList>

      {busy && <Spinner size="tiny" label={busy === "check" ? t("checking") : undefined} />}

      {tab === "forms" && (
        <FormsTab
          t={t}
          lang={lang}
          forms={forms}
          disabled={!!busy || !library}
          defaultField={me.unit && "field" in me.unit && typeof me.unit.field === "string" ? me.unit.field : "forestry"}
          onOpen={(f) => void guarded("open", () => openForm(f))}
          onInsert={(fields) => void guarded("insert", () => insertNew(fields))}
          onSignOut={onSignOut}
        />
      )}
      {tab === "picker" && <PickerTab t={t} lang={lang} index={index} onPick={(ind) => void guarded("pick", () => pick(ind))} />}
      {tab === "check" && (
        <div className={s.col}>
          <div className={s.row}>
            <Button appearance="primary" disabled={!!busy} onClick={() => void guarded("check", async () => void (await runCheck()))} data-testid="check">
              {t("check")}
            </Button>
            <Button disabled={!!busy} onClick={() => void guarded("save", save)} data-testid="save">
              {t("save")}
            </Button>
            <Button disabled={!!busy || !current} onClick={() => void guarded("submit", submit)} data-testid="submit">
              {t("submit")}
            </Button>
          </div>
          {returned && (
            <MessageBar intent="warning" layout="multiline" data-testid="returned">
              <MessageBarBody>
                <MessageBarTitle>{t("returnedTitle")}</MessageBarTitle>
                {returned.comment}
                {returned.cells.length > 0 && (
                  <>
                    <div>{t("commentsAtCells")}</div>
                    <ul className={s.list}>
                      {returned.cells.map((c, i) => (
                        <li key={i}>
                          <button className={s.item} onClick={() => void guarded("select", () => workbook.select(c.cell, c.sheet ?? current?.sheet))}>
                            <b>{c.cell}</b> {c.comment}
                          </button>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </MessageBarBody>
            </MessageBar>
          )}
          {check && <Findings t={t} lang={lang} check={check} onSelect={(cell) => void guarded("select", () => workbook.select(cell, check.sheet))} />}
          {queue.length > 0 && (
            <div data-testid="outbox">
              <div className={s.h}>{t("outboxTitle")}</div>
              <ul className={s.list}>
                {queue.map((q) => (
                  <li key={q.id} className={s.small}>
                    {q.form.project.name} · {kindTerms[q.form.kind][lang]} · {new Date(q.queuedAt).toLocaleTimeString()}
                    {q.error ? ` · ${t("failed")}: ${q.error.message}` : ""}
                    {q.error && (
                      <Button size="small" appearance="transparent" onClick={() => void outbox?.dismiss(q.id)}>
                        {t("dismiss")}
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
              <Button size="small" onClick={() => void guarded("flush", async () => void (await flush()))}>
                {t("retry")}
              </Button>
            </div>
          )}
        </div>
      )}
    </>
  );
}

// ---------------------------------------------------------------------------------------------

function Compare({ t, lang, mine, theirs }: { t: T; lang: Lang; mine: FormInput; theirs?: FormInput | undefined }) {
  const s = useStyles();
  const sides = compareForms(mine, theirs, t, lang);
  const column = (lines: CompareLine[]) =>
    lines.length ? (
      <ul className={s.list}>
        {lines.map((l, i) => (
          <li key={i} className={mergeClasses(s.pre, l.differs && s.differs)} data-differs={l.differs || undefined}>
            {l.text}
          </li>
        ))}
      </ul>
    ) : (
      <div className={s.pre}>—</div>
    );
  return (
    <div className={s.compare} data-testid="compare">
      <div>
        <b>{t("mine")}</b>
        {column(sides.mine)}
      </div>
      <div>
        <b>{t("theirs")}</b>
        {column(sides.theirs)}
      </div>
    </div>
  );
}

function FormsTab(props: {
  t: T;
  lang: Lang;
  forms: SubmissionSummary[];
  disabled: boolean;
  defaultField: string;
  onOpen: (f: SubmissionSummary) => void;
  onInsert: (fields: { kind: FormKind; year: number; code: string; name: string; field: string; attribute: "new" | "continuing"; servesPublic: boolean }) => void;
  onSignOut: () => void;
}) {
  const { t, lang } = props;
  const s = useStyles();
  const [kind, setKind] = useState<FormKind>("target");
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [field, setField] = useState(props.defaultField);
  const [attribute, setAttribute] = useState<"new" | "continuing">("continuing");
  const [servesPublic, setServesPublic] = useState(true);
  const valid = isProjectCode(code.trim()) && name.trim() !== "" && /^\d{4}$/.test(year);
  return (
    <div className={s.col}>
      <div className={s.h}>{t("myForms")}</div>
      {props.forms.length === 0 ? (
        <Text className={s.small}>{t("noForms")}</Text>
      ) : (
        <ul className={s.list} data-testid="forms">
          {props.forms.map((f) => (
            <li key={keyPath(f)}>
              <button className={s.item} disabled={props.disabled} onClick={() => props.onOpen(f)}>
                {f.projectName ?? f.project} · {kindTerms[f.kind][lang]} · {f.year}{" "}
                <Badge size="small" appearance="tint" color={f.status === "returned" ? "danger" : f.status === "approved" ? "success" : f.status === "submitted" ? "brand" : "informative"}>
                  {statusTerms[f.status][lang]}
                </Badge>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className={s.h}>{t("newForm")}</div>
      <Field label={t("kind")}>
        <Select value={kind} onChange={(_, d) => setKind(d.value as FormKind)} data-testid="new-kind">
          {formKinds.map((k) => (
            <option key={k} value={k}>
              {kindTerms[k][lang]}
            </option>
          ))}
        </Select>
      </Field>
      <div className={s.row}>
        <Field label={t("year")} style={{ width: 90 }}>
          <Input value={year} onChange={(_, d) => setYear(d.value)} data-testid="new-year" style={{ minWidth: 0 }} input={{ size: 4 }} />
        </Field>
        <Field label={t("projectCode")} style={{ flex: 1, minWidth: 0 }}>
          <Input value={code} onChange={(_, d) => setCode(d.value)} data-testid="new-code" style={{ minWidth: 0 }} input={{ size: 8 }} />
        </Field>
      </div>
      <Field label={t("projectName")}>
        <Input value={name} onChange={(_, d) => setName(d.value)} data-testid="new-name" />
      </Field>
      <div className={s.row}>
        <Field label={t("field")} style={{ flex: 1 }}>
          <Select value={field} onChange={(_, d) => setField(d.value)} data-testid="new-field">
            {Object.entries(fieldTerms).map(([k, v]) => (
              <option key={k} value={k}>
                {v[lang]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("attribute")} style={{ flex: 1 }}>
          <Select value={attribute} onChange={(_, d) => setAttribute(d.value as "new" | "continuing")}>
            {Object.entries(attributeTerms).map(([k, v]) => (
              <option key={k} value={k}>
                {v[lang]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Checkbox checked={servesPublic} onChange={(_, d) => setServesPublic(d.checked === true)} label={t("servesPublic")} />
      {!valid && code !== "" && <Text className={s.small}>{t("needProject")}</Text>}
      <Button
        appearance="primary"
        disabled={!valid || props.disabled}
        data-testid="insert-form"
        onClick={() => props.onInsert({ kind, year: Number(year), code: code.trim(), name: name.trim(), field, attribute, servesPublic })}
      >
        {t("insertForm")}
      </Button>
      <Button appearance="subtle" size="small" onClick={props.onSignOut}>
        {t("disconnect")}
      </Button>
    </div>
  );
}

function PickerTab({ t, lang, index, onPick }: { t: T; lang: Lang; index?: SearchIndex | undefined; onPick: (i: Indicator) => void }) {
  const s = useStyles();
  const [query, setQuery] = useState("");
  const [field, setField] = useState("");
  const [level1, setLevel1] = useState("");
  const [found, setFound] = useState<Indicator[]>([]);
  useEffect(() => {
    if (!index) return;
    let live = true;
    void import("./search.ts").then(({ search }) => {
      if (live) setFound(search(index, query, { ...(field ? { field } : {}), ...(level1 ? { level1 } : {}) }, 40));
    });
    return () => {
      live = false;
    };
  }, [index, query, field, level1]);
  if (!index) return <Spinner size="tiny" />;
  return (
    <div className={s.col}>
      <Input placeholder={t("searchIndicators")} aria-label={t("searchIndicators")} value={query} onChange={(_, d) => setQuery(d.value)} data-testid="search" />
      <div className={s.row}>
        <Select value={field} onChange={(_, d) => setField(d.value)} style={{ flex: 1 }} aria-label={t("field")} data-testid="picker-field">
          <option value="">{t("anyField")}</option>
          {Object.entries(fieldTerms).map(([k, v]) => (
            <option key={k} value={k}>
              {v[lang]}
            </option>
          ))}
        </Select>
        <Select value={level1} onChange={(_, d) => setLevel1(d.value)} style={{ flex: 1 }} aria-label={t("level1Filter")} data-testid="picker-level1">
          <option value="">{t("anyLevel")}</option>
          {Object.entries(level1Terms).map(([k, v]) => (
            <option key={k} value={k}>
              {v[lang]}
            </option>
          ))}
        </Select>
      </div>
      <Text className={s.small} role="status">
        {found.length} {t("results")}
      </Text>
      {found.length === 0 && (
        <MessageBar intent="info" data-testid="no-results">
          <MessageBarBody>{t("noResults")}</MessageBarBody>
        </MessageBar>
      )}
      <ul className={s.list} data-testid="results">
        {found.map((ind) => (
          <li key={ind.code}>
            <button className={s.item} onClick={() => onPick(ind)} title={ind.explanation ?? ""} data-code={ind.code}>
              <div>
                <b>{ind.name}</b> {ind.unit ? <span className={s.small}>({ind.unit})</span> : null}
              </div>
              <div className={s.small}>
                {level1Terms[ind.level1][lang]} › {level2Terms[ind.level2][lang]}
                {ind.range && (ind.range.min !== undefined || ind.range.max !== undefined) ? ` · ${ind.range.min ?? ""}–${ind.range.max ?? ""}` : ""} · {t("insertRow")}
              </div>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

const lightColour: Record<string, string> = { green: "#2e7d32", yellow: "#f9a825", red: "#c62828" };

function Findings({ t, lang, check, onSelect }: { t: T; lang: Lang; check: CheckState; onSelect: (cell: string) => void }) {
  const s = useStyles();
  const groups = severities.map((sev) => ({ sev, items: check.issues.filter((i) => i.severity === sev) })).filter((g) => g.items.length);
  const title: Record<Severity, string> = { error: t("errors"), warning: t("warnings"), info: t("infos") };
  return (
    <div className={s.col} data-testid="findings">
      {check.score && (
        <div data-testid="score">
          <div className={s.h}>{t("score")}</div>
          <Text>
            {check.score.total.toFixed(1)} · {t("grade")} {ratingTerms[check.score.grade][lang]} · {t("budgetScore")} {check.score.budget.toFixed(1)}
          </Text>
        </div>
      )}
      {check.lights && (
        <div data-testid="lights">
          <div className={s.h}>{t("lights")}</div>
          <div>
            <span className={s.dot} style={{ background: check.lights.budget ? lightColour[check.lights.budget] : "#999" }} />
            {t("budgetLight")}: {check.lights.budget ? lightTerms[check.lights.budget][lang] : "—"}
          </div>
          {check.lights.rows.map((l, i) =>
            l && l !== "green" ? (
              <div key={i} className={s.small}>
                <span className={s.dot} style={{ background: lightColour[l] }} />
                {check.form?.indicators[i]?.name ?? t("row", { n: i + 1 })}: {lightTerms[l][lang]}
              </div>
            ) : null,
          )}
        </div>
      )}
      {groups.length === 0 && (
        <MessageBar intent="success">
          <MessageBarBody>{t("noIssues")}</MessageBarBody>
        </MessageBar>
      )}
      {groups.map((g) => (
        <div key={g.sev} data-testid={`group-${g.sev}`}>
          <div className={s.h}>
            <Badge appearance="filled" color={g.sev === "error" ? "danger" : g.sev === "warning" ? "warning" : "informative"}>
              {g.items.length}
            </Badge>{" "}
            {title[g.sev]}
          </div>
          <ul className={s.list}>
            {g.items.map((i, n) => (
              <li key={n}>
                <button className={s.item} onClick={() => i.cell && onSelect(i.cell)} disabled={!i.cell} data-rule={i.rule} data-cell={i.cell ?? ""}>
                  <span className={s.small}>
                    {i.rule} {i.cell ?? ""}
                  </span>{" "}
                  {i.message[lang]}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------

function BrowserPane({ t, api, lang, onSignOut }: { t: T; api: Api; lang: Lang; onSignOut: () => void }) {
  const s = useStyles();
  const [result, setResult] = useState<ImportResult>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [save, setSave] = useState(false);
  async function download(kind: FormKind) {
    try {
      const blob = await api.template(kind);
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = `${kindTerms[kind].zh}.xlsx`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <div className={s.col} data-testid="browser-pane">
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t("noExcel")}</MessageBarTitle>
          {t("noExcelHint")}
        </MessageBarBody>
      </MessageBar>
      <div className={s.h}>{t("downloadTemplate")}</div>
      <div className={s.row}>
        {formKinds.map((k) => (
          <Button key={k} size="small" onClick={() => void download(k)}>
            {kindTerms[k][lang]}
          </Button>
        ))}
      </div>
      <Checkbox checked={save} onChange={(_, d) => setSave(d.checked === true)} label={t("saveUploaded")} data-testid="save-uploaded" />
      <Field label={t("uploadWorkbook")}>
        <input
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-testid="upload"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (!file) return;
            setBusy(true);
            setError(undefined);
            api
              .importXlsx(file, save)
              .then(setResult)
              .catch((err: Error) => setError(err instanceof OfflineError ? t("offline") : err.message))
              .finally(() => setBusy(false));
          }}
        />
      </Field>
      {busy && <Spinner size="tiny" />}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {result?.forms.map((f, n) => (
        <div key={n}>
          <div className={s.h}>
            {t("findingsFor")} {f.sheet ?? ""}
          </div>
          {f.saved && (
            <MessageBar intent={"error" in f.saved ? "warning" : "success"} layout="multiline">
              <MessageBarBody>{"error" in f.saved ? f.saved.error.message : t("savedUploaded", { revision: f.saved.revision })}</MessageBarBody>
            </MessageBar>
          )}
          <Findings t={t} lang={lang} check={{ issues: f.issues, sheet: f.sheet ?? "", at: "", ...(f.score ? { score: f.score } : {}), ...(f.lights ? { lights: f.lights } : {}) }} onSelect={() => {}} />
        </div>
      ))}
      <Button appearance="subtle" size="small" onClick={onSignOut}>
        {t("disconnect")}
      </Button>
    </div>
  );
}
