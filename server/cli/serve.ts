// `jixiao serve [--port N] [--host H] [--data DIR] [--store postgres://…] [--http] [--cert FILE --key FILE] [--demo] [--origin URL]... [--frame-ancestor URL]...`
// HTTPS by default with a certificate generated into the data folder; `--http` behind a proxy.
// The store is the data folder (lowdb) unless `--store` (or JIXIAO_STORE) names a PostgreSQL
// database: then several servers can share it, and events reach every server's streams.
// On an empty data folder it publishes the starter library as version 1 and prints, once, an
// admin token. Stops cleanly on SIGINT/SIGTERM. It prints the add-in manifest for the port it
// really listens on (written beside the data when that is not the repository's 3443).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer as createHttpsServer } from "node:https";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serve, type ServerType } from "@hono/node-server";
import { frameAncestor } from "../http-headers.ts";
import { storageProblem, storageStartMessage } from "../storage-errors.ts";
import { EventBus } from "../events.ts";
import { isPostgresUrl, redactUrl } from "../store/postgres/url.ts";
import type { Store } from "../store/store.ts";
import { parseArgs, UsageError } from "./args.ts";
import { defaultUrl, manifestXml } from "./manifest.ts";
import { openDatabase, openDataFolder } from "./store.ts";

const usage =
  "usage: jixiao serve [--port N] [--host H] [--data DIR] [--store postgres://USER@HOST/DB] [--http] [--cert FILE --key FILE] [--demo] [--origin URL]... [--frame-ancestor https://oos.bureau.gov.cn]...";

const repo = fileURLToPath(new URL("../../", import.meta.url));

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(resolve(repo, "package.json"), "utf8")) as { version?: string }).version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

function officeDir(): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve("@microsoft/office-js/dist/office.js"));
  } catch {
    return undefined;
  }
}

/** The npm copy's version (its package.json beside dist/): the pane asks for /office-js/<version>/office.js. */
function officeVersion(dir: string | undefined): string | undefined {
  if (!dir) return undefined;
  try {
    return (JSON.parse(readFileSync(resolve(dir, "..", "package.json"), "utf8")) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/**
 * The manifest for the address the server really answers on: the repository's manifest.xml is
 * for https://localhost:3443; on any other port one is written into the data folder (or the temp
 * folder with a database store). Behind a proxy (`--http`) only the bureau knows its address.
 */
function manifestFor(o: { http: boolean; data: string; store?: string | undefined }, port: number): string {
  if (o.http) return `jixiao manifest --url https://YOUR-HOST --out manifest.xml（按代理的公开地址生成 / for the proxy's public address）`;
  const url = `https://localhost:${port}`;
  if (url === defaultUrl) return resolve(repo, "manifest.xml");
  const dir = o.store ? tmpdir() : o.data;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `manifest-${port}.xml`);
  writeFileSync(file, manifestXml({ url }));
  return file;
}

/**
 * The server's own modules (the app and its routes, the control socket, the first start's library
 * and demo), imported while the store opens rather than before it: much of the loading waits on
 * the module loader's thread, and the store's opening fills that time (docs/storage.md, "Start-up").
 */
async function serverModules() {
  const [app, auth, control, demo, library, starter] = await Promise.all([
    import("../app.ts"),
    import("../auth.ts"),
    import("../control.ts"),
    import("../demo.ts"),
    import("../routes/library.ts"),
    import("../../shared/starter-library/index.ts"),
  ]);
  return { createApp: app.createApp, createToken: auth.createToken, listenControl: control.listenControl, seedDemo: demo.seedDemo, publishLibrary: library.publishLibrary, starterLibrary: starter.starterLibrary };
}

export async function run(args: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs(args, {
      port: { type: "string" },
      host: { type: "string" },
      data: { type: "string" },
      store: { type: "string" },
      http: { type: "boolean" },
      cert: { type: "string" },
      key: { type: "string" },
      demo: { type: "boolean" },
      origin: { type: "string", multiple: true },
      "frame-ancestor": { type: "string", multiple: true },
      "ping-ms": { type: "string" },
    }).values;
    const port = values.port === undefined ? 3443 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError("--port must be a port number");
    if ((values.cert === undefined) !== (values.key === undefined)) throw new UsageError("--cert and --key go together");
    if (values.http && values.cert) throw new UsageError("--http and --cert exclude each other");
    const storeUrl = values.store ?? (process.env.JIXIAO_STORE || undefined);
    if (storeUrl !== undefined && !isPostgresUrl(storeUrl)) {
      throw new UsageError(`${values.store !== undefined ? "--store" : "JIXIAO_STORE"} must be a postgres:// URL (the data folder is --data)`);
    }
    const frameAncestors = (values["frame-ancestor"] ?? []).map((v) => {
      try {
        return frameAncestor(v);
      } catch (err) {
        throw new UsageError(`--frame-ancestor: ${(err as Error).message}`);
      }
    });
    return await start({
      frameAncestors,
      port,
      host: values.host ?? "127.0.0.1",
      data: resolve(values.data ?? "data"),
      store: storeUrl,
      http: values.http === true,
      cert: values.cert,
      key: values.key,
      demo: values.demo === true,
      origins: values.origin ?? [],
      pingMs: values["ping-ms"] ? Number(values["ping-ms"]) : undefined,
    });
  } catch (err) {
    // A full disk or a read-only data folder: one plain line, not a stack trace.
    const storage = storageProblem(err);
    if (storage) {
      process.stderr.write(`${storageStartMessage(storage, values?.store ? redactUrl(values.store) : resolve(values?.data ?? "data"), err)}\n`);
      return 1;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`jixiao serve: ${err.message}\n${usage}\n`);
      return 2;
    }
    throw err;
  }
}

interface ServeOptions {
  port: number;
  host: string;
  data: string;
  store?: string | undefined;
  http: boolean;
  cert?: string | undefined;
  key?: string | undefined;
  demo: boolean;
  origins: string[];
  frameAncestors: string[];
  pingMs?: number | undefined;
}

async function start(o: ServeOptions): Promise<number> {
  const modules = serverModules();
  modules.catch(() => undefined); // a failed open answers first; a failed import is thrown below
  let store: Store;
  try {
    store = o.store ? await openDatabase(o.store) : await openDataFolder(o.data);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`jixiao serve: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const { createApp, createToken, listenControl, seedDemo, publishLibrary, starterLibrary } = await modules.catch(async (err: unknown) => {
    await store.close();
    throw err;
  });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  // The PostgreSQL client and the certificate library are loaded only when used: a server on a
  // data folder, or behind a proxy (--http), starts without them (docs/storage.md, "Start-up").
  const relay = o.store ? new (await import("../store/postgres/notify.ts")).PgRelay(o.store) : undefined;
  const bus = new EventBus(relay);
  if (relay && o.store) {
    try {
      await relay.listen((e) => bus.deliver(e));
    } catch (err) {
      await store.close();
      process.stderr.write(`jixiao serve: cannot listen for events on ${redactUrl(o.store)}: ${(err as Error).message}\n`);
      return 1;
    }
  }
  const origins = [...o.origins];
  // the local CA, once made below: GET /ca.crt serves it
  let caPem: string | undefined;
  const pane = resolve(repo, "addin", "dist");
  const office = officeDir();
  const officeV = officeVersion(office);
  const app = createApp(store, {
    version: packageVersion(),
    origins,
    bus,
    frameAncestors: o.frameAncestors,
    paneDir: existsSync(pane) ? pane : undefined,
    ...(office ? { officeDir: office } : {}),
    ...(officeV ? { officeVersion: officeV } : {}),
    ...(o.pingMs ? { pingMs: o.pingMs } : {}),
    caCertificate: () => caPem,
  });

  // Several servers may start together on one empty database: one of them sets it up.
  const firstStart = async () => {
    if (!(await store.currentLibrary())) {
      const lib = starterLibrary();
      await publishLibrary(store, { indicators: lib.indicators, policy: lib.policy, note: lib.note || "starter library 初始指标库" }, "serve", new Date());
      const { token } = await createToken(store, "admin", undefined, "first admin");
      out(`已发布初始指标库（版本 1）。 / Published the starter library as version 1.`);
      out(`管理员令牌（只显示这一次，请妥善保存）/ Admin token (shown only this once, keep it safe):`);
      out(`  ${token}`);
      out(
        o.store
          ? `更多令牌 / More tokens: jixiao token create --data ${redactUrl(o.store)} --role finance|unit [--unit CODE]`
          : `更多令牌 / More tokens: jixiao token create --data ${o.data} --role finance|unit [--unit CODE]`,
      );
    }
    if (o.demo && !(await store.getUnit("DEMO-LY"))) {
      const year = new Date().getFullYear();
      const demo = await seedDemo(store, (path, init) => Promise.resolve(app.request(path, init)), year);
      out(`演示数据已添加 / Demo data added (${year}):`);
      for (const t of demo.tokens) out(`  ${t.role}${t.unit ? ` ${t.unit}` : ""}: ${t.token}`);
      for (const s of demo.states) out(`  ${s.status.padEnd(9)} ${s.path}`);
      for (const w of demo.warnings) process.stderr.write(`jixiao serve: demo: ${w}\n`);
    }
  };
  if (o.store && store instanceof (await import("../store/postgres/pg-store.ts")).PgStore) await store.exclusive(firstStart);
  else await firstStart();

  let tls: { key: string; cert: string } | undefined;
  let caFile: string | undefined;
  if (!o.http) {
    if (o.cert && o.key) {
      tls = { cert: await readFile(o.cert, "utf8"), key: await readFile(o.key, "utf8") };
    } else {
      const certs = await (await import("../https.ts")).localCertificates(o.data);
      tls = { cert: certs.cert, key: certs.key };
      caFile = certs.caFile;
      caPem = certs.ca;
    }
  }

  let server: ServerType;
  try {
    server = await new Promise<ServerType>((ok, fail) => {
      const s = serve(
        {
          fetch: app.fetch,
          port: o.port,
          hostname: o.host,
          ...(tls ? { createServer: createHttpsServer, serverOptions: tls } : {}),
        },
        () => ok(s),
      );
      s.once("error", fail);
    });
  } catch (err) {
    await relay?.close();
    await store.close();
    process.stderr.write(`jixiao serve: cannot listen on ${o.host}:${o.port}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
    return 1;
  }
  // `jixiao units` and `jixiao token` on this data folder reach the directory through this server.
  let stopControl: (() => Promise<void>) | undefined;
  if (!o.store) {
    try {
      stopControl = await listenControl(o.data, { store, bus, now: () => new Date() });
    } catch (err) {
      process.stderr.write(
        `jixiao serve: the units and token commands cannot reach this server (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); ` +
          `manage people in the pane's admin tab 请在任务窗格的管理页管理单位和令牌\n`,
      );
    }
  }
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : o.port;
  const scheme = tls ? "https" : "http";
  origins.push(`${scheme}://localhost:${port}`, `${scheme}://127.0.0.1:${port}`);
  if (o.store) out(`数据库 / Database: ${redactUrl(o.store)}`);
  else out(`数据文件夹 / Data folder: ${o.data}`);
  if (caFile) out(`本地根证书（请在本机信任一次）/ Local CA to trust once: ${caFile}`);
  out(`加载项清单 / Add-in manifest to sideload: ${manifestFor(o, port)}`);
  if (tls) out(`信息管理员可从服务器下载 / An IT contact downloads them from the server: https://localhost:${port}/manifest.xml${caFile ? ` https://localhost:${port}/ca.crt` : ""}`);
  out(`任务窗格 / Task pane: ${scheme}://localhost:${port}/taskpane.html${existsSync(pane) ? "" : " (not built yet: npm run build)"}`);

  // The signal handlers go in before "listening on" is printed: whoever waits for that line may
  // stop the server the moment it reads it.
  return new Promise<number>((done) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`jixiao serve: ${signal}, stopping 正在停止\n`);
      // An open task pane keeps its connection alive and reconnects its event stream over it, so
      // close() alone may never finish: after a grace for requests in flight every connection is
      // closed, and a server still not down is ended.
      const grace = setTimeout(() => (server as { closeAllConnections?: () => void }).closeAllConnections?.(), 2000);
      grace.unref();
      const force = setTimeout(() => {
        process.stderr.write("jixiao serve: did not stop in time, ending 未能按时停止，强制退出\n");
        process.exit(1);
      }, 8000);
      force.unref();
      bus.close();
      server.close(() => {
        void Promise.all([relay?.close(), stopControl?.()]).then(() => store.close()).then(() => {
          clearTimeout(force);
          done(0);
        });
      });
      (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
    out(`listening on ${scheme}://${o.host}:${port}`);
  });
}
