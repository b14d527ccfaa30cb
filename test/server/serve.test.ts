// `jixiao serve` on real sockets: HTTPS with the generated CA, --http, a SIGKILL after a burst of
// acknowledged saves (nothing acknowledged is lost, every file parses), and a second process on
// the same data folder refused; every stored revision has its audit event.
import { readFile, readdir, stat } from "node:fs/promises";
import { request as httpsRequest } from "node:https";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openLowStore } from "../../server/store/lowdb-store.ts";
import { burst, expectEveryRevisionAudited, saver } from "./kill-trial.ts";
import { tempDirs } from "../support/temp.ts";
import { runJixiao, runServe, spawnServe } from "./process.ts";

const tempDir = tempDirs("jixiao-serve-");

function httpsGet(url: string, ca: string | undefined, token?: string): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = httpsRequest(url, { ca, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      let body = "";
      res.on("data", (d) => (body += String(d)));
      res.on("end", () => ok({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", fail);
    req.end();
  });
}

describe("jixiao serve", { timeout: 90_000 }, () => {
  it("serves HTTPS with a generated certificate that its CA file verifies; prints the admin token once; stops on SIGTERM", async () => {
    const data = await tempDir();
    const s = await spawnServe(["--data", data]);
    expect(s.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const token = /^\s+(jx_\S+)$/m.exec(s.out())?.[1];
    expect(token).toBeTruthy();
    const caFile = /Local CA to trust once: (\S+)/.exec(s.out())?.[1] ?? "";
    expect(caFile).toBe(join(data, "certs", "jixiao-ca.crt"));
    const ca = await readFile(caFile, "utf8");
    const port = new URL(s.url).port;
    const health = await httpsGet(`https://localhost:${port}/api/health`, ca);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body).ok).toBe(true);
    const me = await httpsGet(`https://127.0.0.1:${port}/api/me`, ca, token);
    expect(JSON.parse(me.body).role).toBe("admin");
    const office = await httpsGet(`https://localhost:${port}/office.js`, ca);
    expect(office.status).toBe(200);
    // the manifest printed is for the port it listens on, not the repository's 3443
    const manifest = /Add-in manifest to sideload: (\S+)/.exec(s.out())?.[1] ?? "";
    expect(manifest).toBe(join(data, `manifest-${port}.xml`));
    const xml = await readFile(manifest, "utf8");
    expect(xml).toContain(`<SourceLocation DefaultValue="https://localhost:${port}/taskpane.html" />`);
    expect(xml).not.toContain("3443");
    // the server hands out both itself, for the address it is reached at: the same manifest file, and its CA
    const served = await httpsGet(`https://localhost:${port}/manifest.xml`, ca);
    expect(served.status).toBe(200);
    expect(served.body).toBe(xml);
    const caServed = await httpsGet(`https://localhost:${port}/ca.crt`, ca);
    expect(caServed.body).toBe(ca);
    // without the CA the certificate is not trusted
    await expect(httpsGet(`https://localhost:${port}/api/health`, undefined)).rejects.toThrow();
    s.child.kill("SIGTERM");
    expect(await s.exited).toBe(0);
    await expect(stat(join(data, "jixiao.lock"))).rejects.toThrow();
    // a second start keeps the library and does not print a new admin token
    const again = await spawnServe(["--data", data, "--http"]);
    expect(again.out()).not.toMatch(/jx_/);
    again.child.kill("SIGINT");
    expect(await again.exited).toBe(0);
  });

  it("stops on SIGTERM while a pane holds a keep-alive connection and reconnects its event stream over it", async () => {
    const data = await tempDir();
    const s = await spawnServe(["--data", data, "--http"]);
    const token = /^\s+(jx_\S+)$/m.exec(s.out())?.[1]!;
    const { Agent, request } = await import("node:http");
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    let streams = 0;
    let stopped = false;
    // as the pane does: when the stream ends, open it again at once, over the same connection
    const listen = () => {
      if (stopped) return;
      const req = request(`${s.url}/api/events`, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
        streams++;
        res.resume();
        res.on("end", listen);
      });
      req.on("error", () => undefined);
      req.end();
    };
    listen();
    while (streams === 0) await new Promise((r) => setTimeout(r, 50));
    s.child.kill("SIGTERM");
    const code = await s.exited; // a server that hung on the open stream would time the test out
    stopped = true;
    agent.destroy();
    expect(code).toBe(0);
  });

  it("loses nothing acknowledged when SIGKILLed after a burst of saves; refuses a second process on the folder", async () => {
    const data = await tempDir();
    const s = await spawnServe(["--data", data, "--http", "--demo"]);
    const token = /unit DEMO-LY: (jx_\S+)/.exec(s.out())?.[1];
    expect(token).toBeTruthy();
    const year = new Date().getFullYear();

    // a second process on the same folder is refused with the message
    const second = await runServe(["--data", data, "--http"]);
    expect(second.code).toBe(1);
    expect(second.err).toMatch(/in use by another jixiao process \(pid \d+\)/);
    expect(second.err).toMatch(/正被另一个 jixiao 进程/);

    // 40 new forms, 8 at a time, then 3 more revisions of each of 10 of them
    const saves = saver(s.url, token!, { code: "DEMO-LY", name: "区林业局（演示）" }, year);
    await burst(saves, Array.from({ length: 40 }, (_, i) => `BURST-${i}`), 10);
    s.child.kill("SIGKILL");
    await s.exited;

    // every file on disk parses
    const files = (await readdir(data, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
    for (const f of files.filter((f) => f.endsWith(".json"))) JSON.parse(await readFile(f, "utf8"));
    expect(files.filter((f) => f.endsWith(".tmp"))).toEqual([]);

    // restart on the same folder (the dead process's lock is taken over): everything acknowledged is there
    const back = await spawnServe(["--data", data, "--http"]);
    const list = (await (await fetch(`${back.url}/api/submissions?year=${year}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      submissions: { project: string; revision: number }[];
    };
    const got = new Map(list.submissions.map((x) => [x.project, x.revision]));
    for (const [p, rev] of saves.acked) expect(got.get(p), p).toBe(rev);
    const one = (await (await fetch(`${back.url}/api/submissions/${year}/DEMO-LY/BURST-3/target/revisions`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      revisions: unknown[];
    };
    expect(one.revisions).toHaveLength(4);
    back.child.kill("SIGTERM");
    expect(await back.exited).toBe(0);
    // no revision without its audit event: every stored revision has its submission.save
    const store = await openLowStore(data);
    await expectEveryRevisionAudited(store, "DEMO-LY", year);
    await store.close();
  });

  it("adds a unit and issues, lists and revokes tokens with the CLI while the server runs on the folder; each works at once", async () => {
    const data = await tempDir();
    const s = await spawnServe(["--data", data, "--http"]);
    const admin = /^\s+(jx_\S+)$/m.exec(s.out())?.[1] ?? "";
    const get = async (path: string, token: string) => {
      const res = await fetch(`${s.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, body: (await res.json()) as any };
    };
    const add = await runJixiao(["units", "add", "--data", data, "--code", "JT-01", "--name", "区交通运输局", "--field", "roads"]);
    expect(add.err).toContain("added unit JT-01");
    expect(add.code).toBe(0);
    // the running server sees the unit at once: it was added through it
    expect((await get("/api/units", admin)).body.units.map((u: { code: string }) => u.code)).toEqual(["JT-01"]);
    const created = await runJixiao(["token", "create", "--data", data, "--role", "unit", "--unit", "JT-01", "--label", "交通局"]);
    expect(created.code).toBe(0);
    const token = created.out.trim();
    const me = await get("/api/me", token);
    expect(me.status).toBe(200);
    expect(me.body.unit.code).toBe("JT-01");
    const listed = await runJixiao(["token", "list", "--data", data]);
    const line = listed.out.split("\n").find((l) => l.includes("交通局")) ?? "";
    expect(line).toMatch(/^[0-9a-f]{8}\tunit\tJT-01\t交通局\tcreated /);
    const id = line.split("\t")[0]!;
    expect((await runJixiao(["token", "revoke", "--data", data, "--id", id])).code).toBe(0);
    expect((await get("/api/me", token)).status).toBe(401);
    // a refusal from the server comes back as the verb's usage error
    const ghost = await runJixiao(["token", "create", "--data", data, "--role", "unit", "--unit", "GHOST"]);
    expect(ghost.code).toBe(2);
    expect(ghost.err).toMatch(/no unit GHOST/);
    const audit = (await readFile(join(data, "audit.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    expect(audit.filter((e) => e.actor === "cli").map((e) => e.action)).toEqual(["unit.add", "token.create", "token.revoke"]);
    s.child.kill("SIGTERM");
    expect(await s.exited).toBe(0);
    await expect(stat(join(data, "jixiao.sock"))).rejects.toThrow();
    // with the server stopped the same verbs open the folder themselves
    expect((await runJixiao(["units", "list", "--data", data])).out).toContain("JT-01\t区交通运输局\troads");
  });
});
