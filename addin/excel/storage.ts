// Office's document settings as a key-value store: the add-in's settings kept inside the
// workbook file (Office.context.document.settings, Office common API, every Excel host). The
// pane's storage chooser (addin/src/storage.ts) takes it when the webview's localStorage does not
// work. OfficeRuntime.storage is not used: it belongs to SharedRuntime 1.1, which this add-in does
// not declare, and fails in task panes on several hosts (docs/hosts.md).
import type { KeyValueStore } from "../src/storage.ts";

function save(settings: Office.Settings): Promise<void> {
  return new Promise((ok, fail) =>
    settings.saveAsync((r) => (r.status === Office.AsyncResultStatus.Succeeded ? ok() : fail(new Error(r.error?.message ?? "document settings were not saved")))),
  );
}

/** The document's settings, or undefined outside Office (or before Office.onReady). */
export function documentSettingsStore(): KeyValueStore | undefined {
  let settings: Office.Settings | undefined;
  try {
    settings = typeof Office !== "undefined" ? Office.context?.document?.settings : undefined;
  } catch {
    return undefined;
  }
  if (!settings || typeof settings.get !== "function") return undefined;
  const s = settings;
  return {
    get: async (k) => {
      const v: unknown = s.get(k);
      return v === null || v === undefined ? null : String(v);
    },
    set: async (k, v) => {
      s.set(k, v);
      await save(s);
    },
    remove: async (k) => {
      s.remove(k);
      await save(s);
    },
  };
}
