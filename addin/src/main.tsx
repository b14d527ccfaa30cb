// Entry: detect the host, then render the pane inside FluentProvider with Office's theme.
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { detectHost } from "./host.ts";
import { defaultStore } from "./storage.ts";
import { excelWorkbook } from "../excel/workbook.ts";

declare global {
  interface Window {
    __jixiao?: { firstRender?: number; host?: unknown };
  }
}

async function start() {
  const host = await detectHost();
  const el = document.getElementById("root")!;
  document.documentElement.lang = host.lang === "en" ? "en-US" : "zh-CN";
  window.__jixiao = { host };
  createRoot(el).render(
    <FluentProvider theme={host.dark ? webDarkTheme : webLightTheme} style={{ minHeight: "100vh" }}>
      <App
        host={host}
        store={defaultStore()}
        workbook={host.excel ? excelWorkbook() : undefined}
        onFirstRender={() => {
          window.__jixiao = { ...window.__jixiao, firstRender: performance.now() };
          document.body.dataset.firstRender = String(Math.round(performance.now()));
        }}
      />
    </FluentProvider>,
  );
}

void start();
