// The directory routes (routes/directory.ts) for the CLI's `units` and `token` verbs. A running
// `jixiao serve` holds its data folder's lock and keeps the directory in memory, so a second
// process must not write the files beside it: the server listens on a local socket in the data
// folder (`jixiao.sock`; a named pipe on Windows) and the CLI asks it there. Whoever can reach
// that socket can already read and write the data folder, so it takes no token; it acts as `cli`.
// With no server running, the CLI opens the store itself and asks the same routes in-process.
import { createHash } from "node:crypto";
import { chmod, unlink } from "node:fs/promises";
import { createServer, request } from "node:http";
import { join } from "node:path";
import { getRequestListener } from "@hono/node-server";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./auth.ts";
import { DomainError } from "./domain-error.ts";
import { errors, statusOf } from "./errors.ts";
import { tokenRoutes, unitRoutes, type DirectoryContext } from "./routes/directory.ts";

export function controlApp(ctx: DirectoryContext) {
  const app = new Hono<AppEnv>();
  app.use("*", async (c, next) => {
    c.set("auth", { role: "admin", tokenId: "cli", actor: "cli" });
    await next();
  });
  app.route("/api/units", unitRoutes(ctx));
  app.route("/api/tokens", tokenRoutes(ctx));
  app.notFound((c) => c.json(errors.notFound().body(), 404));
  app.onError((err, c) => {
    if (err instanceof DomainError) return c.json(err.body(), statusOf(err));
    if (err instanceof HTTPException) return c.json(errors.badJson().body(), 400);
    return c.json(errors.internal().body(), 500);
  });
  return app;
}

/** Where the server of data folder `dir` listens for the CLI. */
export function controlSocketPath(dir: string): string {
  if (process.platform === "win32") return `\\\\.\\pipe\\jixiao-${createHash("sha256").update(dir.toLowerCase()).digest("hex").slice(0, 16)}`;
  return join(dir, "jixiao.sock");
}

/** Listens for the CLI beside a running server; resolves to a function that stops listening. */
export async function listenControl(dir: string, ctx: DirectoryContext): Promise<() => Promise<void>> {
  const path = controlSocketPath(dir);
  // A socket file left by a killed server: this server holds the folder's lock, so it is stale.
  if (process.platform !== "win32") await unlink(path).catch(() => undefined);
  const server = createServer(getRequestListener(controlApp(ctx).fetch));
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(path, () => ok());
  });
  if (process.platform !== "win32") await chmod(path, 0o600);
  return () =>
    new Promise<void>((ok) => {
      server.close(() => ok());
      server.closeAllConnections();
    });
}

export interface ControlAnswer {
  status: number;
  body: unknown;
}

/** Asks the server of `dir` over its local socket; undefined when no server listens there. */
export function askRunningServer(dir: string, method: string, path: string, body?: unknown): Promise<ControlAnswer | undefined> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      { socketPath: controlSocketPath(dir), method, path, headers: text === undefined ? {} : { "content-type": "application/json", "content-length": Buffer.byteLength(text) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown = raw;
          try {
            parsed = raw === "" ? null : JSON.parse(raw);
          } catch {
            /* kept as text */
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on("error", reject);
      },
    );
    req.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT" || err.code === "ECONNREFUSED" || err.code === "ENOTSOCK") resolve(undefined);
      else reject(err);
    });
    req.end(text);
  });
}
