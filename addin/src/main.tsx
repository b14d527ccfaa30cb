// Entry: detect the host (showing the wait while Excel loads the add-in), choose the storage by
// testing it, then render the pane inside FluentProvider with Office's theme. When no storage
// keeps settings, the pane says so above everything, with a retry.
import { Button, FluentProvider, Link, MessageBar, MessageBarActions, MessageBarBody, Spinner, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { useState } from "react";
import { createRoot } from "react-dom/client";
import { excelWorkbook } from "../excel/workbook.ts";
import { documentSettingsStore } from "../excel/storage.ts";
import { openOutsideOffice } from "../excel/office.ts";
import { App } from "./App.tsx";
import { browserPathUrl, detectHost, type HostInfo } from "./host.ts";
import { langOf, translator, type T } from "./messages.ts";
import { chooseStore, localStorageCandidate, withoutToken, type ChosenStore } from "./storage.ts";

declare global {
  interface Window {
    __jixiao?: { firstRender?: number; host?: unknown; store?: string };
  }
}

/** After this many seconds of waiting for Office, the pane also offers the browser path. */
const offerBrowserAfter = 20;

export function defaultStore(): Promise<ChosenStore> {
  return chooseStore([
    localStorageCandidate(),
    {
      kind: "document",
      make: () => {
        const s = documentSettingsStore();
        return s && withoutToken(s);
      },
    },
  ]);
}

function OpenInBrowser({ t }: { t: T }) {
  const url = browserPathUrl();
  return (
    <Link
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      data-testid="open-in-browser"
      onClick={(e) => {
        if (openOutsideOffice(url)) e.preventDefault();
      }}
    >
      {t("openInBrowser")}
    </Link>
  );
}

function Waiting({ t, seconds }: { t: T; seconds: number }) {
  return (
    <div style={{ padding: 16, display: "flex", flexDirection: "column", gap: 12 }} data-testid="waiting-for-office">
      <Spinner label={t("waitingForOffice", { s: seconds })} />
      {seconds >= offerBrowserAfter && (
        <div>
          {t("waitingForOfficeLong")} <OpenInBrowser t={t} />
        </div>
      )}
    </div>
  );
}

function Root({ host, initial }: { host: HostInfo; initial: ChosenStore }) {
  const t = translator(host.lang);
  const [store, setStore] = useState(initial);
  const [generation, setGeneration] = useState(0);
  const retry = async () => {
    const next = await defaultStore();
    window.__jixiao = { ...window.__jixiao, store: next.kind };
    setStore(next);
    setGeneration((g) => g + 1);
  };
  return (
    <>
      {store.kind === "memory" && (
        <MessageBar intent="warning" data-testid="storage-memory">
          <MessageBarBody>{t("storageMemory")}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => void retry()} data-testid="storage-retry">
              {t("storageRetry")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <App
        key={generation}
        host={host}
        store={store}
        workbook={host.excel ? excelWorkbook() : undefined}
        onFirstRender={() => {
          window.__jixiao = { ...window.__jixiao, firstRender: performance.now() };
          document.body.dataset.firstRender = String(Math.round(performance.now()));
        }}
      />
    </>
  );
}

async function start() {
  const el = document.getElementById("root")!;
  const root = createRoot(el);
  const early = translator(langOf(typeof navigator !== "undefined" ? navigator.language : undefined));
  const wait = (seconds: number) =>
    root.render(
      <FluentProvider theme={webLightTheme}>
        <Waiting t={early} seconds={seconds} />
      </FluentProvider>,
    );
  const host = await detectHost({ onWait: wait });
  document.documentElement.lang = host.lang === "en" ? "en-US" : "zh-CN";
  const store = await defaultStore();
  window.__jixiao = { host, store: store.kind };
  root.render(
    <FluentProvider theme={host.dark ? webDarkTheme : webLightTheme} style={{ minHeight: "100vh" }}>
      <Root host={host} initial={store} />
    </FluentProvider>,
  );
}

void start();
