// A full disk or a read-only data folder (issue 17): the API answers 507 with what to do, in the
// one error shape, and nothing half-saved; `jixiao serve` says so in one line at start, with no
// stack trace. The start-up cases run on a real tmpfs (read-only, or 24 KB) in a private mount
// namespace (`unshare -m`, as root); they are skipped, saying so, where that is not allowed.
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { storageProblem } from "../../server/storage-errors.ts";
import { requireProgram } from "../support/system.ts";
import { envEachTest, formOf, subPath } from "./helpers.ts";
import { repo } from "./process.ts";

const errno = (code: string) => Object.assign(new Error(`${code}: failed, write '/data/submissions/x.json'`), { code });

describe("storageProblem", () => {
  it("knows a full disk and a read-only folder, also wrapped, and nothing else", () => {
    for (const code of ["ENOSPC", "EDQUOT", "53100"]) expect(storageProblem(errno(code))).toBe("full");
    for (const code of ["EROFS", "EACCES", "EPERM", "25006"]) expect(storageProblem(errno(code))).toBe("read-only");
    expect(storageProblem(new Error("x", { cause: errno("ENOSPC") }))).toBe("full");
    for (const e of [new Error("x"), errno("ENOENT"), null, "ENOSPC", { code: 28 }]) expect(storageProblem(e)).toBeUndefined();
  });
});

describe("the API on a full or read-only disk", () => {
  const env = envEachTest();

  it("answers a save that could not be written with 507 and a message saying what to do, in both languages", async () => {
    for (const [code, words] of [
      ["ENOSPC", /存储空间已满.*disk is full/],
      ["EROFS", /只读或无写入权限.*read-only or not writable/],
    ] as const) {
      env.store.saveRevision = async () => {
        throw errno(code);
      };
      const res = await env.req("PUT", subPath(), { token: env.tokens.unitA, body: formOf("target") });
      expect(res.status, code).toBe(507);
      const body = await res.json();
      expect(Object.keys(body)).toEqual(["error"]);
      expect(body.error.code).toBe("insufficient_storage");
      expect(body.error.message).toMatch(words);
      expect(JSON.stringify(body)).not.toMatch(/\/data\/|ENOSPC|EROFS|at .*\.ts/);
    }
  });
});

const mountNamespaces = () =>
  requireProgram("unshare -m (mount namespaces)", {
    install: "apt-get install -y util-linux, and run the tests as root",
    probe: () => spawnSync("unshare", ["-m", "sh", "-c", "mount -t tmpfs tmpfs /mnt && umount /mnt"], { stdio: "ignore", timeout: 20_000 }).status === 0,
  });

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** `jixiao serve --data DIR` with DIR a fresh tmpfs mounted with `options`, in its own mount namespace. */
function serveOnTmpfs(dir: string, options: string): Promise<{ code: number | null; out: string }> {
  return new Promise((ok) => {
    const child = spawn("unshare", ["-m", "sh", "-c", `mount -t tmpfs -o ${options} tmpfs "$1" && exec "$2" --import tsx server/cli/main.ts serve --http --port 0 --data "$1"`, "sh", dir, process.execPath], {
      cwd: repo,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += String(d)));
    child.stderr.on("data", (d) => (out += String(d)));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      ok({ code, out });
    });
  });
}

describe.skipIf(!mountNamespaces())("jixiao serve on a read-only or full disk", { timeout: 120_000 }, () => {
  it("says in one line that the folder is read-only, or that the disk is full, and exits 1 without a stack trace", async () => {
    for (const [options, words] of [
      ["ro", /read-only or not writable \(EROFS\)/],
      ["size=24k", /the disk is full.*\(ENOSPC\)/],
    ] as const) {
      const dir = await mkdtemp(join(tmpdir(), "jixiao-disk-"));
      dirs.push(dir);
      const r = await serveOnTmpfs(dir, options);
      expect(r.code, r.out).toBe(1);
      expect(r.out).toMatch(words);
      expect(r.out).toMatch(/[\u4e00-\u9fff]/);
      expect(r.out).not.toMatch(/^\s+at /m);
      expect(r.out).not.toMatch(/listening on/);
    }
  });
});
