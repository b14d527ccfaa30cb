// Shared set-up for the server's tests: a fresh store (a temp data folder with the lowdb store,
// unless a test file chose another with `useStore`), the starter library published, one token per
// role (two units), and the app.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { createApp, type AppOptions } from "../../server/app.ts";
import { createToken } from "../../server/auth.ts";
import { demoForm } from "../../server/demo-form.ts";
import { EventBus } from "../../server/events.ts";
import { publishLibrary } from "../../server/routes/library.ts";
import { openLowStore } from "../../server/store/lowdb-store.ts";
import type { Store } from "../../server/store/store.ts";

export const YEAR = 2025;

/** Where makeEnv's store comes from: a fresh, empty one per call, and the bus that goes with it. */
export interface StoreSetup {
  name: string;
  open(): Promise<{ store: Store; dir: string; bus?: EventBus; dispose(): Promise<void> }>;
}

export const lowdbSetup: StoreSetup = {
  name: "lowdb",
  async open() {
    const dir = await mkdtemp(join(tmpdir(), "jixiao-test-"));
    const store = await openLowStore(dir, { fsync: false });
    return {
      store,
      dir,
      dispose: async () => {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};

let setup = lowdbSetup;
/** Runs this file's (and the files it imports') server tests on another store. */
export function useStore(s: StoreSetup): void {
  setup = s;
}

export interface TestEnv {
  dir: string;
  store: Store;
  app: ReturnType<typeof createApp>;
  bus: EventBus;
  tokens: { admin: string; finance: string; unitA: string; unitB: string };
  req(method: string, path: string, opts?: { token?: string | undefined; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

export async function makeEnv(options: AppOptions = {}): Promise<TestEnv> {
  const opened = await setup.open();
  const { store, dir } = opened;
  const lib = starterLibrary();
  await publishLibrary(store, { indicators: lib.indicators, policy: lib.policy, note: "v1" }, "test", new Date());
  await store.putUnit({ code: "U-A", name: "林业局", field: "forestry", confidential: false });
  await store.putUnit({ code: "U-B", name: "水利局", field: "water", confidential: true });
  const tokens = {
    admin: (await createToken(store, "admin")).token,
    finance: (await createToken(store, "finance")).token,
    unitA: (await createToken(store, "unit", "U-A")).token,
    unitB: (await createToken(store, "unit", "U-B")).token,
  };
  const bus = options.bus ?? opened.bus ?? new EventBus();
  const app = createApp(store, { version: "test", origins: ["https://localhost:3443"], bus, log: () => undefined, ...options });
  const req: TestEnv["req"] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
      headers["content-type"] ??= "application/json";
    }
    return app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
  };
  return {
    dir,
    store,
    app,
    bus,
    tokens,
    req,
    close: async () => {
      bus.close();
      await opened.dispose();
    },
  };
}

/**
 * A fresh env before each test of the calling file (or describe block), closed after it:
 * `const env = envEachTest();`. The object reads through to the current test's env.
 */
export function envEachTest(options: AppOptions = {}): TestEnv {
  let current: TestEnv | undefined;
  beforeEach(async () => {
    current = await makeEnv(options);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  const now = (): TestEnv => {
    if (!current) throw new Error("the test env exists only while a test runs (envEachTest)");
    return current;
  };
  return {
    get dir() {
      return now().dir;
    },
    get store() {
      return now().store;
    },
    get app() {
      return now().app;
    },
    get bus() {
      return now().bus;
    },
    get tokens() {
      return now().tokens;
    },
    req: (method, path, opts) => now().req(method, path, opts),
    close: () => now().close(),
  };
}

export function formOf(kind: "target" | "monitor" | "selfEval", unit = "U-A", project = "P1", year = YEAR) {
  return demoForm(kind, { year, unit: { code: unit, name: unit === "U-A" ? "林业局" : "水利局" }, project: { code: project, name: `项目 ${project}` } });
}

export function subPath(kind = "target", unit = "U-A", project = "P1", year = YEAR): string {
  return `/api/submissions/${year}/${unit}/${project}/${kind}`;
}
