// Key-value storage that survives a reload: Office's partitioned OfficeRuntime.storage where the
// host has it, the (partitioned) localStorage of the pane's webview otherwise, memory as a last
// resort (private windows). Values are strings; callers keep JSON in them.

export interface KeyValueStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
}

export function memoryStore(seed: Record<string, string> = {}): KeyValueStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(seed));
  return {
    data,
    get: async (k) => data.get(k) ?? null,
    set: async (k, v) => void data.set(k, v),
    remove: async (k) => void data.delete(k),
  };
}

export function localStore(ls: Storage): KeyValueStore {
  return {
    get: async (k) => ls.getItem(k),
    set: async (k, v) => ls.setItem(k, v),
    remove: async (k) => ls.removeItem(k),
  };
}

export function officeRuntimeStore(): KeyValueStore | undefined {
  try {
    const s = typeof OfficeRuntime !== "undefined" ? OfficeRuntime.storage : undefined;
    if (!s || typeof s.getItem !== "function") return undefined;
    return {
      get: (k) => s.getItem(k),
      set: (k, v) => s.setItem(k, v),
      remove: (k) => s.removeItem(k),
    };
  } catch {
    return undefined;
  }
}

export function defaultStore(): KeyValueStore {
  const office = officeRuntimeStore();
  if (office) return office;
  try {
    if (typeof localStorage !== "undefined") {
      localStorage.setItem("jixiao.probe", "1");
      localStorage.removeItem("jixiao.probe");
      return localStore(localStorage);
    }
  } catch {
    // storage blocked: fall through
  }
  return memoryStore();
}

export const keys = {
  settings: "jixiao.settings",
  outbox: "jixiao.outbox",
  marks: "jixiao.marks",
  current: "jixiao.current",
} as const;
