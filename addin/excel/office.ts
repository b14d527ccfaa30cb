// What the pane asks of Office itself (not the workbook): whether office.js is here, its
// readiness, the display language and theme, and opening a page in the system browser. The pane's
// host detection (addin/src/host.ts) and storage chooser use these; nothing else touches Office.
export function officePresent(): boolean {
  return typeof Office !== "undefined" && typeof Office.onReady === "function";
}

/** Office.onReady's answer, or undefined when office.js is not loaded. */
export function officeReady(): Promise<{ host: string | null }> | undefined {
  if (!officePresent()) return undefined;
  return Office.onReady().then(
    (info) => ({ host: info?.host ? String(info.host) : null }),
    () => ({ host: null }),
  );
}

export function excelRunAvailable(): boolean {
  return typeof Excel !== "undefined" && typeof (Excel as { run?: unknown }).run === "function";
}

/** Office's display language and theme background, where Office says them. */
export function officeLook(): { displayLanguage?: string; background?: string } {
  try {
    if (typeof Office === "undefined") return {};
    const displayLanguage = Office.context?.displayLanguage;
    const background = Office.context?.officeTheme?.bodyBackgroundColor;
    return { ...(displayLanguage ? { displayLanguage } : {}), ...(background ? { background } : {}) };
  } catch {
    return {};
  }
}

/**
 * Opens a page in the system browser, outside Excel: Office's openBrowserWindow (OpenBrowserWindowApi
 * 1.1, Excel on Windows and Mac) where the host has it; false elsewhere, where a plain link with
 * target=_blank does the same (Excel on the web opens a browser tab).
 */
export function openOutsideOffice(url: string): boolean {
  try {
    if (typeof Office === "undefined" || !Office.context?.requirements?.isSetSupported("OpenBrowserWindowApi", "1.1")) return false;
    Office.context.ui.openBrowserWindow(url);
    return true;
  } catch {
    return false;
  }
}
