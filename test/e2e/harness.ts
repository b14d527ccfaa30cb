// What the browser tests share: the built pane, a real `jixiao serve --http` on a free loopback
// port with a temp data folder, and Debian's Chromium through playwright-core with the flags this
// closed network needs. A missing /usr/bin/chromium skips the suite with the install hint, and
// fails it on CI (test/support/system.ts).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { demoForm } from "../../server/demo-form.ts";
import type { FormKind } from "../../shared/glossary.ts";
import { requireProgram } from "../support/system.ts";
import { fakeExcelSource } from "./fake-excel-source.ts";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const outDir = path.join(repoRoot, "test-output", "e2e");
const chromium = "/usr/bin/chromium";
const bin = path.join(repoRoot, "server", "cli", "bin.js");

/** Whether the browser suites run here (see the file comment). */
export function chromiumPresent(): boolean {
  return requireProgram("chromium", { install: "apt-get install -y chromium", probe: () => existsSync(chromium) });
}

/** A browser suite's describe: run where Chromium is (chromiumPresent), skipped with the install hint elsewhere, failed on CI. */
export function describeBrowser(title: string, body: () => void): void {
  describe.skipIf(!chromiumPresent())(title, body);
}

/** The calendar year the suites' cycles run in: notices, deadlines and results are this year's. */
export const thisYear = new Date().getFullYear();

/** Runs the CLI and gives its stdout (a token, for `token create`). */
export function jixiao(args: string[]): string {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: "utf8", timeout: 60_000 });
  if (r.status !== 0) throw new Error(`jixiao ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return r.stdout.trim();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * GET over https trusting only `ca` (PEM), or any certificate without one: the status and body, or
 * a thrown error when the chain does not verify.
 */
export function httpsGet(url: string, options: { ca?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; body: Buffer }> {
  return new Promise((ok, fail) => {
    const req = httpsRequest(url, { ...(options.ca ? { ca: options.ca } : { rejectUnauthorized: false }), headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on("error", fail);
    });
    req.on("error", fail);
    req.end();
  });
}

async function waitFor(url: string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      // readiness only: the certificate is checked by the tests that care (test/e2e/deploy.test.ts)
      if (url.startsWith("https:") ? (await httpsGet(url)).status === 200 : (await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > until) throw new Error(`server did not answer at ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The pane as `npm run build` builds it: done once per run by global-setup.ts, checked here. */
export async function buildPane(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  if (!existsSync(path.join(repoRoot, "addin", "dist", "taskpane.html"))) {
    throw new Error("addin/dist is not built: the run's global setup (test/e2e/global-setup.ts) builds it");
  }
}

export interface Served {
  base: string;
  dataDir: string;
  log: string[];
  stop(): void;
}

/**
 * A temp data folder, prepared by `prepare(dataDir)` (units, tokens), then `jixiao serve --http` on
 * it; with `https`, `jixiao serve` as a bureau runs it: https with the certificates it makes itself
 * (or the ones `args` names with --cert and --key).
 */
export async function serve(prefix: string, prepare: (dataDir: string) => void, options: { https?: boolean; args?: string[] } = {}): Promise<Served> {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  prepare(dataDir);
  const port = await freePort();
  const base = `${options.https ? "https" : "http"}://127.0.0.1:${port}`;
  const log: string[] = [];
  const server: ChildProcess = spawn(process.execPath, [bin, "serve", ...(options.https ? [] : ["--http"]), "--port", String(port), "--data", dataDir, ...(options.args ?? [])], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d) => log.push(String(d)));
  server.stderr?.on("data", (d) => log.push(String(d)));
  await waitFor(`${base}/api/health`);
  return {
    base,
    dataDir,
    log,
    stop() {
      if (server.exitCode === null) server.kill("SIGTERM");
      // The server writes its last files as it stops: the folder goes once the process is gone
      // (waited for synchronously, up to 10 s, so afterAll hooks need not await).
      const until = Date.now() + 10_000;
      const pause = new Int32Array(new SharedArrayBuffer(4));
      while (server.pid !== undefined && alive(server.pid) && Date.now() < until) Atomics.wait(pause, 0, 0, 50);
      rmSync(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}

/**
 * Chromium, headless, with a fresh profile (launch() gives each run its own user-data dir). `home`:
 * the HOME it runs under, whose .pki/nssdb is the user's own trust store on Linux.
 */
export async function launchChromium(options: { home?: string } = {}): Promise<Browser> {
  const { chromium: pw } = await import("playwright-core");
  return pw.launch({
    executablePath: chromium,
    ...(options.home ? { env: { ...process.env, HOME: options.home } } : {}),
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

/** How the stand-in host behaves (fake-excel.js's header says what each does). */
export interface FakeExcelConfig {
  /** highest ExcelApi version offered, "1.8" by default */
  api?: string;
  storage?: "ok" | "failing" | "none";
  readyDelayMs?: number;
  requestLimit?: number;
}

/**
 * A browser context as a zh-CN Excel pane sees it, with the stand-in Excel host injected. The
 * host stands in for office.js too (it defines Office and OfficeRuntime), so the real office.js
 * is answered with an empty script here: it would replace the stand-in's Office.
 */
export async function paneContext(browser: Browser, viewport = { width: 1360, height: 900 }, config: FakeExcelConfig = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "zh-CN", viewport });
  await context.addInitScript({ content: `window.__fakeExcelConfig = ${JSON.stringify(config)};` });
  await context.addInitScript({ content: await fakeExcelSource() });
  await context.route(/\/office\.js(\?.*)?$/, (route) =>
    route.fulfill({ contentType: "text/javascript; charset=utf-8", body: "/* office.js: the stand-in host (test/e2e/fake-excel.js) is Office here */" }),
  );
  return context;
}

/** Calls the server's API as `token`: the body as JSON when there is one, extra headers as given. */
export function apiFetch(base: string, method: string, p: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}${p}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** The same for a call that must succeed: its JSON answer (undefined when empty), else an error naming the call. */
export async function apiOk(base: string, method: string, p: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<any> {
  const res = await apiFetch(base, method, p, token, body, headers);
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** `jixiao units add` on a data folder (for `serve`'s prepare). */
export function addUnit(dataDir: string, code: string, name: string, field = "forestry"): void {
  jixiao(["units", "add", "--data", dataDir, "--code", code, "--name", name, "--field", field]);
}

/** `jixiao token create` on a data folder: the token; `more` as `["--label", "信息科"]`. */
export function createToken(dataDir: string, role: "unit" | "finance" | "admin", unit?: string, more: string[] = []): string {
  return jixiao(["token", "create", "--data", dataDir, "--role", role, ...(unit ? ["--unit", unit] : []), ...more]);
}

/** Calls a function of the stand-in Excel host (fake-excel.js) inside the page. */
export function fakeExcel<T>(page: Page, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(([f, a]) => (window as any).__fakeExcel[f as string](...(a as unknown[])), [fn, args] as const) as Promise<T>;
}

/** A page in a fresh pane context (see paneContext) whose script errors are pushed to `errors`. */
export async function panePage(browser: Browser, errors: string[], viewport?: { width: number; height: number }, config?: FakeExcelConfig): Promise<Page> {
  const page = await (await paneContext(browser, viewport, config)).newPage();
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  return page;
}

/** Opens the pane from `base` and connects it with `token` (the first-run page fills the server in). */
export async function connectPane(page: Page, base: string, token: string): Promise<void> {
  await page.goto(`${base}/taskpane.html`);
  await page.getByText("连接财政局服务器").waitFor();
  await page.locator('input[name="token"]').fill(token);
  await page.getByRole("button", { name: "连接" }).click();
}

/** The pane at Excel's default width, 320 px, with the stand-in sheet beside it. */
export async function atPaneWidth(page: Page): Promise<void> {
  await page.evaluate(() => {
    document.getElementById("root")!.style.width = "320px";
    const excel = document.getElementById("fake-excel");
    if (excel) excel.style.left = "320px";
  });
}

/** A unit as `jixiao units add` adds it. */
export interface UnitEntry {
  readonly code: string;
  readonly name: string;
  readonly field: string;
}

/** The district's forestry and water bureaus, the units most browser suites serve. */
export const forestryBureau = { code: "U01", name: "区林业局", field: "forestry" } as const satisfies UnitEntry;
export const waterBureau = { code: "U02", name: "区水利局", field: "water" } as const satisfies UnitEntry;

/** A token as `jixiao token create` issues it: the role, the unit of a unit's token, more flags (`["--label", "信息科"]`). */
export type TokenSpec = readonly [role: "unit" | "finance" | "admin", unit?: string, more?: string[]];

/** A unit's token for each of `units`, under the unit's code. */
export function unitTokens<C extends string>(units: readonly { code: C }[]): Record<C, TokenSpec> {
  return Object.fromEntries(units.map((u): [C, TokenSpec] => [u.code, ["unit", u.code]])) as Record<C, TokenSpec>;
}

/** What a browser suite's data folder holds before the server starts. */
export interface SuiteData<K extends string> {
  units: readonly UnitEntry[];
  /** the tokens issued, by the name the suite calls them */
  tokens?: { readonly [name in K]: TokenSpec };
}

/** Where a demo form (server/demo.ts) belongs: its year, unit and project. */
export interface DemoRef {
  year: number;
  unit: { code: string; name: string };
  project: { code: string; name: string };
}

export interface PaneSuite<K extends string = never> {
  /** the server's address, once the suite's beforeAll has run */
  readonly base: string;
  readonly served: Served;
  readonly browser: Browser;
  /** the tokens SuiteData named, issued before the server started */
  readonly tokens: Readonly<Record<K, string>>;
  /** the script errors of every pane the suite opened (pageerror) */
  readonly errors: string[];
  /** apiOk against this server */
  api(method: string, p: string, token: string, body?: unknown, headers?: Record<string, string>): Promise<any>;
  /** A pane (panePage) at `viewport`, connected with `token` when one is given (connectPane). */
  pane(token?: string, viewport?: { width: number; height: number }, config?: FakeExcelConfig): Promise<Page>;
  /** A pane at Excel's default width (narrowPane), signed in with `token` when one is given (signIn). */
  narrowPane(token?: string): Promise<Page>;
  /** `page` as test-output/e2e/<the suite's name>-<shot>.png, the whole page unless `fullPage` is false. */
  shot(page: Page, shot: string, options?: { fullPage?: boolean }): Promise<Buffer>;
  /**
   * The demo form of `kind` (server/demo.ts) at `ref`, saved through the API with the unit's `token`
   * and, unless `until` is "saved", submitted at the revision saved: the form's path.
   */
  demoForm(token: string, kind: FormKind, ref: DemoRef, until?: "saved" | "submitted"): Promise<string>;
}

/**
 * A browser suite's set-up, registered in the calling describe: before its tests, the built pane,
 * `jixiao serve` on a data folder holding `data`'s units and tokens (see serve, and its `options`)
 * and Chromium; both closed after. `name` names its temp folder and its screenshots.
 */
export function paneSuite<K extends string = never>(name: string, data: SuiteData<K>, options: Parameters<typeof serve>[2] = {}): PaneSuite<K> {
  let served: Served | undefined;
  let browser: Browser | undefined;
  const tokens = {} as Record<K, string>;
  const errors: string[] = [];
  beforeAll(async () => {
    await buildPane();
    served = await serve(`jixiao-e2e-${name}-`, (dataDir) => {
      for (const u of data.units) addUnit(dataDir, u.code, u.name, u.field);
      for (const [k, [role, unit, more]] of Object.entries(data.tokens ?? {}) as [K, TokenSpec][]) tokens[k] = createToken(dataDir, role, unit, more);
    }, options);
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    served?.stop();
  });
  const ready = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error("the browser suite's set-up has not run (paneSuite)");
    return x;
  };
  const api: PaneSuite["api"] = (method, p, token, body, headers) => apiOk(ready(served).base, method, p, token, body, headers);
  return {
    get base() {
      return ready(served).base;
    },
    get served() {
      return ready(served);
    },
    get browser() {
      return ready(browser);
    },
    tokens,
    errors,
    api,
    async pane(token, viewport, config) {
      const page = await panePage(ready(browser), errors, viewport, config);
      if (token !== undefined) await connectPane(page, ready(served).base, token);
      return page;
    },
    async narrowPane(token) {
      const page = await narrowPane(ready(browser), ready(served).base, errors);
      if (token !== undefined) await signIn(page, ready(served).base, token);
      return page;
    },
    shot: (page, shot, o = {}) => page.screenshot({ path: path.join(outDir, `${name}-${shot}.png`), fullPage: o.fullPage ?? true }),
    async demoForm(token, kind, ref, until = "submitted") {
      const key = `/api/submissions/${ref.year}/${ref.unit.code}/${ref.project.code}/${kind}`;
      const form = demoForm(kind, { year: ref.year, unit: { code: ref.unit.code, name: ref.unit.name }, project: { code: ref.project.code, name: ref.project.name } });
      const saved = await api("PUT", key, token, form);
      if (until === "submitted") await api("POST", `${key}/submit`, token, undefined, { "If-Match": `"${saved.revision}"` });
      return key;
    },
  };
}

/**
 * Issues a token in the admin's People tab (its role and unit or expert already chosen): labels it,
 * issues it and gives the token the pane shows once.
 */
export async function issueTokenInPane(admin: Page, label: string): Promise<string> {
  await admin.getByTestId("token-label").fill(label);
  await admin.getByTestId("issue-token").click();
  await admin.getByTestId("issued").waitFor();
  const token = await admin.getByTestId("new-token").inputValue();
  expect(token).toMatch(/^jx_/);
  return token;
}

/** The name of the first visible sheet in the stand-in workbook: the form a pane opened into it. */
export async function formSheet(page: Page): Promise<string> {
  return (await fakeExcel<{ name: string; visibility: string }[]>(page, "sheetNames")).find((s) => s.visibility === "Visible")!.name;
}

/** The pane opened from `base` at Excel's default width (atPaneWidth), on its first-run page. */
export async function narrowPane(browser: Browser, base: string, errors: string[]): Promise<Page> {
  const page = await panePage(browser, errors);
  await page.goto(`${base}/taskpane.html`);
  await page.locator('input[name="token"]').waitFor();
  await atPaneWidth(page);
  return page;
}

/** Signs in on the first-run page as a user does: the server's address, the token, Enter. */
export async function signIn(page: Page, base: string, token: string): Promise<void> {
  await page.locator('input[name="server"]').fill(base);
  await page.locator('input[name="token"]').fill(token);
  await page.locator('input[name="token"]').press("Enter");
}

/**
 * The pane as a plain browser opens it, outside Excel (the browser path), already signed in to
 * `base` with `token`; downloads allowed, script errors pushed to `errors`.
 */
export async function browserPathPane(browser: Browser, base: string, token: string, errors: string[], viewport = { width: 320, height: 900 }): Promise<Page> {
  const page = await (await browser.newContext({ locale: "zh-CN", viewport, acceptDownloads: true })).newPage();
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  await page.addInitScript(`localStorage.setItem("jixiao.settings", JSON.stringify({ server: ${JSON.stringify(base)}, token: ${JSON.stringify(token)} }))`);
  await page.goto(`${base}/taskpane.html`);
  await page.getByTestId("browser-pane").waitFor();
  return page;
}
