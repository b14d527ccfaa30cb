// Host detection in one place (as script-lab does it): inside Excel, in a stand-in host (the
// browser test's), or in a plain browser where there is no Excel and the pane offers the .xlsx
// path. Falls back quietly when Office.js itself is absent or never answers.
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

function excelRunAvailable(): boolean {
  return typeof Excel !== "undefined" && typeof (Excel as { run?: unknown }).run === "function";
}

/**
 * Office opens the pane with `_host_Info` in the address (Windows, Mac) or inside a frame (the
 * web): there it is worth waiting for Office.onReady. Elsewhere onReady answers at once when it
 * can, or never (Office.js could not load its companion files), so the wait is short.
 */
export function launchedByOffice(): boolean {
  try {
    return /[?&]_host_Info=/i.test(location.search) || window.parent !== window;
  } catch {
    return true; // a cross-origin parent: the web host's frame
  }
}

export async function detectHost(timeoutMs = launchedByOffice() ? 10_000 : 400): Promise<HostInfo> {
  let host: string | null = null;
  if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
    const info = await Promise.race([
      Office.onReady().catch(() => undefined),
      new Promise<undefined>((r) => setTimeout(() => r(undefined), timeoutMs)),
    ]);
    host = info?.host ? String(info.host) : null;
  }
  let displayLanguage: string | undefined;
  let dark = false;
  try {
    displayLanguage = typeof Office !== "undefined" ? Office.context?.displayLanguage : undefined;
    const theme = typeof Office !== "undefined" ? Office.context?.officeTheme : undefined;
    if (theme?.bodyBackgroundColor) dark = luminance(theme.bodyBackgroundColor) < 0.4;
    else dark = typeof matchMedia === "function" && matchMedia("(prefers-color-scheme: dark)").matches;
  } catch {
    // outside Office
  }
  const lang = langOf(displayLanguage ?? (typeof navigator !== "undefined" ? navigator.language : undefined));
  const excel = (host === "Excel" || host === null) && excelRunAvailable();
  return { excel, lang, dark, host };
}
