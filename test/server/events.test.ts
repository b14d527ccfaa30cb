// GET /api/events: scoped server-sent events with keep-alive pings.
import { describe, expect, it } from "vitest";
import { sseReader } from "../support/sse.ts";
import { envEachTest, formOf, subPath } from "./helpers.ts";
import { ReadyEventDataSchema, ServerEventSchema } from "../../shared/api/events.ts";

const env = envEachTest({ pingMs: 50 });

async function waitFor(pred: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((ok) => setTimeout(ok, 10));
  }
}

/** The stream's events, each held to the contract's schema of its name (shared/api/events.ts). */
function events(text: string): { event: string; data: any }[] {
  return text
    .split("\n\n")
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (!event || data === undefined) return null;
      const parsed = JSON.parse(data);
      if (event === "ready") ReadyEventDataSchema.parse(parsed);
      else ServerEventSchema.parse({ type: event, data: parsed });
      return { event, data: parsed };
    })
    .filter((e): e is { event: string; data: any } => e !== null);
}

describe("GET /api/events", () => {
  it("needs a token", async () => {
    expect((await env.req("GET", "/api/events")).status).toBe(401);
  });

  it("sends library.published to all and submission.status scoped by unit; pings keep it alive", async () => {
    const a = sseReader(await env.req("GET", "/api/events", { token: env.tokens.unitA }));
    const b = sseReader(await env.req("GET", "/api/events", { token: env.tokens.unitB }));
    const fin = await env.req("GET", "/api/events?access_token=" + env.tokens.finance);
    expect(fin.headers.get("content-type")).toContain("text/event-stream");
    const f = sseReader(fin);
    await Promise.all([a, b, f].map((s) => s.until((t) => t.includes("event: ready"))));
    expect(env.bus.size).toBe(3);

    // U-A saves: a status event for U-A and finance, not U-B
    await env.req("PUT", subPath(), { token: env.tokens.unitA, body: formOf("target") });
    await env.req("POST", `${subPath()}/submit`, { token: env.tokens.unitA });
    await a.until((t) => t.includes('"status":"submitted"'));
    await f.until((t) => t.includes('"status":"submitted"'));

    const lib = await (await env.req("GET", "/api/library", { token: env.tokens.admin })).json();
    await env.req("PUT", "/api/library", { token: env.tokens.admin, body: { indicators: lib.indicators, note: "再版" } });
    for (const s of [a, b, f]) await s.until((t) => t.includes("event: library.published"));
    await b.until((t) => t.includes(": ping"));

    const eb = events(b.text).map((e) => e.event);
    expect(eb).toContain("library.published");
    expect(eb).not.toContain("submission.status");
    const ea = events(a.text).filter((e) => e.event === "submission.status");
    expect(ea.map((e) => e.data.status)).toEqual(["draft", "submitted"]);
    expect(ea[0]?.data).toMatchObject({ unit: "U-A", project: "P1", kind: "target", revision: 1 });
    expect(events(f.text).find((e) => e.event === "library.published")?.data).toMatchObject({ version: 2, note: "再版" });

    await a.cancel();
    await waitFor(() => env.bus.size === 2);
    await b.cancel();
    await f.cancel();
  });

  it("ends open streams when the bus closes (shutdown)", async () => {
    const a = sseReader(await env.req("GET", "/api/events", { token: env.tokens.unitA }));
    await a.until((t) => t.includes("event: ready"));
    env.bus.close();
    await waitFor(() => env.bus.size === 0);
  });
});
