// The task pane's root, in the manner of Microsoft's task-pane template: it picks what to show
// (the first run, the finance side, the unit's side in Excel or in a plain browser) and hands each
// part plain objects (the Workbook, the Api, the store). Office is reached only through Workbook.
import { Button, MessageBar, MessageBarActions, MessageBarBody, Spinner, makeStyles } from "@fluentui/react-components";
import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import type { Workbook } from "../excel/workbook.ts";
import { Api, OfflineError, type Me } from "./api.ts";
import { Setup, type Settings } from "./components/Setup.tsx";
import type { HostInfo } from "./host.ts";
import { translator } from "./messages.ts";
import { onRefused } from "./refused.ts";
import { loadJson } from "./saved.ts";
import { keys, type KeyValueStore } from "./storage.ts";
import { BrowserPane } from "./unit/BrowserPane.tsx";
import { UnitPane } from "./unit/UnitPane.tsx";

// The finance bureau's side, loaded only for finance and admin tokens: units never download it.
const FinancePane = lazy(() => import("./finance/FinancePane.tsx"));
// An expert's side (docs/experts.md), loaded only for expert tokens.
const ExpertPane = lazy(() => import("./expert/ExpertPane.tsx"));

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "8px", padding: "10px", minHeight: "100vh", boxSizing: "border-box" },
});

export interface AppProps {
  host: HostInfo;
  store: KeyValueStore;
  workbook?: Workbook | undefined;
  onFirstRender?: () => void;
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

  // Every read of the store is guarded: a failing one shows what failed and a retry, never a
  // spinner left up for ever (addin/src/storage.ts).
  const [storageError, setStorageError] = useState<string>();
  const loadSettings = useCallback(async () => {
    setStorageError(undefined);
    try {
      const saved = await loadJson<Settings>(store, keys.settings);
      setSettings(saved ?? null);
    } catch (err) {
      setStorageError(err instanceof Error ? err.message : String(err));
    }
  }, [store]);
  useEffect(() => {
    onFirstRender?.();
    void loadSettings();
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

  async function signOut() {
    await store.remove(keys.settings);
    setSession(undefined);
    setSettings(null);
  }

  let body: ReactNode;
  if (storageError !== undefined) {
    body = (
      <MessageBar intent="error" data-testid="storage-error">
        <MessageBarBody>
          {t("storageReadFailed")}
          {storageError}
        </MessageBarBody>
        <MessageBarActions>
          <Button size="small" onClick={() => void loadSettings()}>
            {t("storageRetry")}
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  } else if (settings === undefined || (settings && !session)) body = <Spinner label={t("loading")} />;
  else if (settings && session && session.me.role === "expert") {
    body = (
      <Suspense fallback={<Spinner label={t("loading")} />}>
        <ExpertPane t={t} lang={host.lang} api={session.api} me={session.me} workbook={workbook} onSignOut={() => void signOut()} />
      </Suspense>
    );
  } else if (settings && session && session.me.role !== "unit") {
    body = (
      <Suspense fallback={<Spinner label={t("loading")} />}>
        <FinancePane t={t} lang={host.lang} api={session.api} me={session.me} excel={!!workbook} workbook={workbook} onSignOut={() => void signOut()} />
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
          if (!me || typeof me !== "object" || !["unit", "finance", "admin", "expert"].includes(me.role)) throw new Error(t("notJixiao"));
          if (me.role === "unit" && !me.unit) throw new Error(t("notUnit"));
          const saved = { ...next, role: me.role };
          await store.set(keys.settings, JSON.stringify(saved));
          setSession({ api, me });
          setSettings(saved);
        }}
      />
    );
  } else if (!workbook) {
    body = <BrowserPane t={t} api={session.api} lang={host.lang} onSignOut={() => void signOut()} />;
  } else {
    body = <UnitPane t={t} lang={host.lang} api={session.api} me={session.me} store={store} workbook={workbook} onSignOut={() => void signOut()} />;
  }

  return (
    <div className={s.root} data-testid="pane" data-lang={host.lang}>
      {body}
    </div>
  );
}
