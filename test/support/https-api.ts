// The server's API over real HTTPS, trusting only the CA `jixiao serve` made in its data folder, as a
// bureau's clients do. Every answer of a route the contract (shared/api/endpoints.ts) describes
// with a schema is parsed by it, so a walk through the routes also holds them to the contract.
import { Agent, request } from "node:https";
import { expect } from "vitest";
import type { z } from "zod";
import { endpoints, type Endpoint } from "../../shared/api/index.ts";

export interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** the body as JSON (undefined when empty or not JSON) */
  json: any;
}

export interface CallOptions {
  /** sent as JSON */
  json?: unknown;
  /** sent as they are (a file) */
  bytes?: Uint8Array;
  headers?: Record<string, string>;
}

const routes = endpoints
  .map((e) => ({ e, re: new RegExp(`^${e.path.replace(/:[a-z]+/gi, "[^/]+")}$`), params: (e.path.match(/:/g) ?? []).length }))
  // a literal segment before a parameter: /api/projects/key before /api/projects/:year/…
  .sort((a, b) => a.params - b.params);

/** The contract's entry for a request, if it has one. */
export function endpointOf(method: string, path: string): Endpoint | undefined {
  const bare = path.split("?")[0]!;
  return routes.find((r) => r.e.method === method && r.re.test(bare))?.e;
}

export interface HttpsApi {
  call(method: string, path: string, token: string | undefined, o?: CallOptions): Promise<HttpsAnswer>;
  /** A call that must answer `status` (the contract's status by default): its JSON, parsed by the contract's schema when it has one. */
  ok(method: string, path: string, token: string | undefined, body?: unknown, o?: { status?: number; headers?: Record<string, string> }): Promise<any>;
  close(): void;
}

export function httpsApi(base: string, ca: string): HttpsApi {
  const agent = new Agent({ ca, keepAlive: true, maxSockets: 4 });
  const call: HttpsApi["call"] = (method, path, token, o = {}) =>
    new Promise((ok, fail) => {
      const headers: Record<string, string> = { ...o.headers };
      if (token) headers.authorization = `Bearer ${token}`;
      let payload: Uint8Array | undefined;
      if (o.json !== undefined) {
        payload = Buffer.from(JSON.stringify(o.json));
        headers["content-type"] ??= "application/json";
      } else if (o.bytes) {
        payload = o.bytes;
      }
      if (payload) headers["content-length"] = String(payload.byteLength);
      const req = request(`${base}${path}`, { method, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", fail);
        res.on("end", () => {
          const body = Buffer.concat(chunks);
          let json: unknown;
          if (String(res.headers["content-type"] ?? "").includes("json") && body.length > 0) json = JSON.parse(body.toString("utf8"));
          ok({ status: res.statusCode ?? 0, headers: res.headers, body, json });
        });
      });
      req.on("error", fail);
      req.end(payload);
    });
  return {
    call,
    async ok(method, path, token, body, o = {}) {
      const r = await call(method, path, token, { ...(body === undefined ? {} : { json: body }), ...(o.headers ? { headers: o.headers } : {}) });
      const e = endpointOf(method, path);
      const want = o.status ?? e?.status ?? 200;
      expect(r.status, `${method} ${path}: ${r.body.toString("utf8").slice(0, 400)}`).toBe(want);
      if (e && typeof e.response !== "string" && r.status >= 200 && r.status < 300) {
        const parsed = (e.response as z.ZodType).safeParse(r.json);
        expect(parsed.success ? [] : parsed.error.issues, `${method} ${path} answers with the contract's schema`).toEqual([]);
      }
      return r.json;
    },
    close: () => agent.destroy(),
  };
}
