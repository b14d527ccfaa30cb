// Host detection in one place (as script-lab does it): inside Excel, in a stand-in host (the
// browser test's), or in a plain browser where there is no Excel and the pane offers the .xlsx
// path. Office.js calls live in addin/excel/office.ts.
import { excelRunAvailable, officeLook, officeReady } from "../excel/office.ts";
import { langOf, type Lang } from "./messages.ts";

export interface HostInfo {
  excel: boolean;
  lang: Lang;
  dark: boolean;
  /** Office's own name for the host, or null outside Office */
  host: string | null;
}

function luminance(hex: string): number {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(hex);
  if (!m) return 1;
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => parseInt(x!, 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Office opens the pane with `_host_Info` in the address (Windows, Mac) or inside a frame (the
 * web): there Office.onReady answers, however long loading takes on a slow link, so the pane waits
 * for it (showing the wait). Elsewhere onReady answers at once when it can, or never (office.js
 * could not load its companion files), so the wait is short.
 */
export function launchedByOffice(): boolean {
  try {
    return /[?&]_host_Info=/i.test(location.search) || window.parent !== window;
  } catch {
    return true; // a cross-origin parent: the web host's frame
  }
}

/** The same page outside Excel: the browser path (.xlsx upload and download). */
export function browserPathUrl(): string {
  return `${location.origin}${location.pathname}`;
}

export interface DetectOptions {
  /** called each second while Office is still loading, with the seconds waited */
  onWait?: (seconds: number) => void;
  /** how long to wait for office.js outside Office (default 400 ms) */
  shortWaitMs?: number;
}

export async function detectHost(options: DetectOptions = {}): Promise<HostInfo> {
  let host: string | null = null;
  const ready = officeReady();
  if (ready) {
    if (launchedByOffice()) {
      let seconds = 0;
      const timer = setInterval(() => options.onWait?.(++seconds), 1000);
      try {
        host = (await ready).host;
      } finally {
        clearInterval(timer);
      }
    } else {
      const info = await Promise.race([ready, new Promise<undefined>((r) => setTimeout(() => r(undefined), options.shortWaitMs ?? 400))]);
      host = info?.host ?? null;
    }
  }
  const look = officeLook();
  let dark = false;
  if (look.background) dark = luminance(look.background) < 0.4;
  else dark = typeof matchMedia === "function" && matchMedia("(prefers-color-scheme: dark)").matches;
  const lang = langOf(look.displayLanguage ?? (typeof navigator !== "undefined" ? navigator.language : undefined));
  const excel = (host === "Excel" || host === null) && excelRunAvailable();
  return { excel, lang, dark, host };
}
