// Key-value storage that survives a reload, chosen by testing each candidate rather than by what
// the host seems to offer: the webview's (partitioned) localStorage first, then Office's document
// settings (addin/excel/storage.ts), memory last. A candidate is taken only when a write, a read
// back and a removal all succeed within a few seconds (a storage call that never answers is as
// broken as one that throws). Values are strings; callers keep JSON in them.
//
// The document's settings travel with the workbook file, so the API token is never written there:
// a workbook sent by e-mail must not carry the unit's token (the pane then asks for it again).

export interface KeyValueStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
}

export type StoreKind = "localStorage" | "document" | "memory";

export interface ChosenStore extends KeyValueStore {
  kind: StoreKind;
  /** why the better candidates were passed over (shown with the memory warning) */
  passedOver: { kind: StoreKind; reason: string }[];
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

export const keys = {
  settings: "jixiao.settings",
  outbox: "jixiao.outbox",
  marks: "jixiao.marks",
  current: "jixiao.current",
} as const;

/** Marks belong to one workbook: its id from the `_jixiao` metadata sheet (shared/sheet/layout.ts). */
export function marksKey(workbookId: string): string {
  return `${keys.marks}.${workbookId}`;
}

/** The settings without the token, for a store that lives inside the workbook file. */
export function withoutToken(store: KeyValueStore): KeyValueStore {
  return {
    ...store,
    set: (k, v) => {
      if (k !== keys.settings) return store.set(k, v);
      try {
        const { token: _token, ...rest } = JSON.parse(v) as Record<string, unknown>;
        return store.set(k, JSON.stringify(rest));
      } catch {
        return store.set(k, v);
      }
    },
  };
}

function within<T>(ms: number, p: Promise<T>, what: string): Promise<T> {
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${what}: no answer in ${ms / 1000} s`)), ms);
    p.then(
      (v) => (clearTimeout(timer), ok(v)),
      (e) => (clearTimeout(timer), fail(e)),
    );
  });
}

/** Writes, reads back and removes a probe value; throws when any step fails or takes too long. */
export async function probe(store: KeyValueStore, ms = 3000): Promise<void> {
  const k = "jixiao.probe";
  const v = `${Date.now()}-${Math.random()}`;
  await within(ms, store.set(k, v), "write");
  const got = await within(ms, store.get(k), "read");
  if (got !== v) throw new Error("read back a different value");
  await within(ms, store.remove(k), "remove");
}

export interface Candidate {
  kind: StoreKind;
  /** undefined: not offered here */
  make: () => KeyValueStore | undefined;
}

/** The first candidate that passes the probe; memory when none does. */
export async function chooseStore(candidates: readonly Candidate[], ms = 3000): Promise<ChosenStore> {
  const passedOver: ChosenStore["passedOver"] = [];
  for (const c of candidates) {
    let store: KeyValueStore | undefined;
    try {
      store = c.make();
      if (!store) continue;
      await probe(store, ms);
    } catch (err) {
      passedOver.push({ kind: c.kind, reason: err instanceof Error ? err.message : String(err) });
      continue;
    }
    return { ...store, kind: c.kind, passedOver };
  }
  return Object.assign(memoryStore(), { kind: "memory" as const, passedOver });
}

/** localStorage when the webview lets the pane keep it (a private window or a locked profile may not). */
export function localStorageCandidate(): Candidate {
  return {
    kind: "localStorage",
    make: () => (typeof localStorage !== "undefined" && localStorage ? localStore(localStorage) : undefined),
  };
}
