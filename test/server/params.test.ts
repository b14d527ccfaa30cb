// Path parameters (server/validation.ts, paramsOf): a parse is remembered by its parameters' text,
// and what is remembered never leaks from one request into another.
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { errors } from "../../server/errors.ts";
import { DomainError } from "../../server/domain-error.ts";
import { paramsOf, SubmissionParams } from "../../server/validation.ts";

function appOf<S extends z.ZodType>(schema: S, change?: (p: z.infer<S>) => void) {
  const app = new Hono();
  app.get("/f/:year/:unit/:project/:kind", (c) => {
    const p = paramsOf(c, schema);
    const answer = JSON.stringify(p);
    change?.(p);
    return c.text(answer);
  });
  app.onError((err, c) => c.json(err instanceof DomainError ? err.body() : errors.internal().body(), 400));
  return app;
}

describe("paramsOf", () => {
  it("answers the same parse again, and a route changing its parameters changes nothing for the next request", async () => {
    const app = appOf(SubmissionParams, (p) => {
      p.unit = "CHANGED";
      p.year = 1999;
    });
    for (let i = 0; i < 3; i++) {
      const res = await app.request("/f/2025/U-A/P1/target");
      expect(await res.text()).toBe(JSON.stringify({ year: 2025, unit: "U-A", project: "P1", kind: "target" }));
    }
  });

  it("refuses a bad path every time, also after a good one of the same schema", async () => {
    const app = appOf(SubmissionParams);
    expect((await app.request("/f/2025/U-A/P1/target")).status).toBe(200);
    for (const path of ["/f/2025/U-A/P1/targets", "/f/25/U-A/P1/target", "/f/2025/U%2FA/P1/target", "/f/0x7E9/U-A/P1/target"]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_path");
    }
  });

  it("tells apart parameters whose texts run together", async () => {
    const Loose = z.object({ year: z.string(), unit: z.string(), project: z.string(), kind: z.string() });
    const app = appOf(Loose);
    const a = await (await app.request("/f/1/a=1:b/c/d")).text();
    const b = await (await app.request("/f/1/a/=1:bc/d")).text();
    expect(JSON.parse(a)).toEqual({ year: "1", unit: "a=1:b", project: "c", kind: "d" });
    expect(JSON.parse(b)).toEqual({ year: "1", unit: "a", project: "=1:bc", kind: "d" });
  });
});
