// A throwaway PostgreSQL cluster for the tests (and the bench): initdb into a temp folder, start it
// on a free loopback port with its unix socket in that folder, hand out fresh databases, stop and
// delete it after. As root, the server runs as the `postgres` user (PostgreSQL refuses root).
// Without PostgreSQL the suites skip with the line to install it; under CI=true they fail instead.
import { execFile as execFileCb } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, it } from "vitest";
import { requireProgram } from "./system.ts";

const execFile = promisify(execFileCb);

export const INSTALL_HINT = "PostgreSQL is not installed: apt-get install -y postgresql";

/** The folder with initdb and pg_ctl (Debian keeps them out of PATH), newest version first. */
export function postgresBin(): string | undefined {
  const fromEnv = process.env.JIXIAO_PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, "initdb"))) return fromEnv;
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, "bin", "initdb")) && existsSync(join(root, v, "bin", "pg_ctl")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], "bin");
  }
  return undefined;
}

/** Why the PostgreSQL suites cannot run here, or undefined when they can. Throws under CI=true. */
export function postgresMissing(): string | undefined {
  const present = requireProgram("postgresql", { install: "apt-get install -y postgresql", probe: () => postgresBin() !== undefined });
  return present ? undefined : INSTALL_HINT;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      const port = typeof a === "object" && a ? a.port : 0;
      s.close(() => ok(port));
    });
  });
}

export interface Cluster {
  port: number;
  /** A URL for database `db` (default `postgres`). */
  url(db?: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(prefix?: string): Promise<string>;
  /** Creates an empty schema in one shared database and returns a URL whose search_path is it (cheaper than a database). */
  createSchema(prefix?: string): Promise<string>;
  /** The ids of the cluster's processes now (the postmaster and its children: backends, WAL writer, …), Linux; [] elsewhere (the bench counts their CPU). */
  pids(): Promise<number[]>;
  stop(): Promise<void>;
}

let counter = 0;

export async function startCluster(options: { fsync?: boolean; settings?: string[] } = {}): Promise<Cluster> {
  const bin = postgresBin();
  if (!bin) throw new Error(INSTALL_HINT);
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    asRoot ? execFile("runuser", ["-u", "postgres", "--", join(bin, cmd), ...args]) : execFile(join(bin, cmd), args);
  const dir = await mkdtemp(join(tmpdir(), "jixiao-pg-"));
  const data = join(dir, "data");
  const log = join(dir, "log");
  if (asRoot) {
    const { stdout } = await execFile("id", ["-u", "postgres"]);
    const { stdout: g } = await execFile("id", ["-g", "postgres"]);
    await chown(dir, Number(stdout.trim()), Number(g.trim()));
  }
  let port = 0;
  try {
    await run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"]);
    const fast = options.fsync === true ? [] : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"];
    // A taken port (another cluster racing for it) makes pg_ctl fail: try a few.
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      const opts = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses=127.0.0.1", "-c max_connections=200", "-c shared_buffers=32MB", ...fast, ...(options.settings ?? []).map((x) => `-c ${x}`)].join(" ");
      try {
        await run("pg_ctl", ["-D", data, "-l", log, "-o", opts, "-w", "-t", "30", "start"]);
        break;
      } catch (err) {
        if (attempt >= 3) throw new Error(`pg_ctl start failed: ${(err as Error).message}\n${await readFile(log, "utf8").catch(() => "")}`);
      }
    }
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  let shared: Promise<string> | undefined;
  const url = (db = "postgres") => `postgres://postgres@127.0.0.1:${port}/${db}`;
  const createDatabase = async (prefix = "t"): Promise<string> => {
    const name = `${prefix}_${process.pid}_${++counter}`;
    const c = new pg.Client({ connectionString: url() });
    await c.connect();
    try {
      await c.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
    } finally {
      await c.end();
    }
    return url(name);
  };
  return {
    port,
    url,
    createDatabase,
    async createSchema(prefix = "s") {
      shared ??= createDatabase("shared");
      const base = await shared;
      const name = `${prefix}_${++counter}`;
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`CREATE SCHEMA ${name}`);
      } finally {
        await c.end();
      }
      return `${base}?options=${encodeURIComponent(`-c search_path=${name}`)}`;
    },
    pids: () => clusterPids(data),
    async stop() {
      await run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The postmaster (first line of postmaster.pid) and every process whose parent it is. */
async function clusterPids(data: string): Promise<number[]> {
  const postmaster = Number((await readFile(join(data, "postmaster.pid"), "utf8").catch(() => "")).split("\n")[0]);
  if (!Number.isInteger(postmaster) || postmaster <= 0) return [];
  const out = [postmaster];
  for (const entry of await readdir("/proc").catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    // the fields after the command's closing bracket: state, then the parent's id
    if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === postmaster) out.push(Number(entry));
  }
  return out;
}

/**
 * The calling file's suites on one throwaway cluster, started before them and stopped after:
 * `onCluster("the PostgreSQL store", (cluster) => { describe(…) })`; `cluster` serves once the
 * tests run. Without PostgreSQL, a skipped suite that says why (a failure on CI: postgresMissing).
 * Returns whether the suites run.
 */
export function onCluster(name: string, suites: (cluster: Cluster) => void): boolean {
  const missing = postgresMissing();
  if (missing) {
    describe.skip(`${name} (${missing})`, () => {
      it("needs PostgreSQL", () => undefined);
    });
    return false;
  }
  let started: Cluster | undefined;
  beforeAll(async () => {
    started = await startCluster();
  });
  afterAll(async () => {
    await started?.stop();
  });
  const now = (): Cluster => {
    if (!started) throw new Error("the cluster starts before the tests (onCluster)");
    return started;
  };
  suites({
    get port() {
      return now().port;
    },
    url: (db) => now().url(db),
    createDatabase: (prefix) => now().createDatabase(prefix),
    createSchema: (prefix) => now().createSchema(prefix),
    pids: () => now().pids(),
    stop: () => now().stop(),
  });
  return true;
}
