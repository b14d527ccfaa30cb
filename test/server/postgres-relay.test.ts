// Every event crosses servers (issue 17): two relays on one PostgreSQL database, as two servers
// hold them; each kind of event published on one server's bus reaches the streams of the other,
// once, and the publisher's own streams hear it once too. A long overdue list is cut to fit.
import { describe, expect, it } from "vitest";
import { EventBus, serverEventTypes, type ServerEvent } from "../../server/events.ts";
import { payloadOf, PgRelay } from "../../server/store/postgres/notify.ts";
import { onCluster } from "../support/postgres.ts";

const at = "2025-06-30T16:00:00.000Z";

const samples: ServerEvent[] = [
  { type: "library.published", data: { version: 2, note: "新增指标", publishedAt: at, added: 1, changed: 0, deprecated: 0, removed: 0 } },
  { type: "submission.status", data: { year: 2025, unit: "U-A", project: "P1", kind: "target", status: "submitted", revision: 3, at } },
  { type: "notice.issued", data: { id: "N2025-1", year: 2025, kind: "target", title: "关于报送2025年度绩效目标的通知", deadline: "2025-03-31", units: "all", at } },
  {
    type: "notice.overdue",
    data: { id: "N2025-1", year: 2025, kind: "target", title: "关于报送2025年度绩效目标的通知", deadline: "2025-03-31", counts: { onTime: 1, late: 0, due: 2, missing: 1 }, missing: [{ unit: "U-B", project: null }], at },
  },
  { type: "rectification.state", data: { id: "R2025-0a1b2c3d", year: 2025, unit: "U-A", project: "P1", kind: "selfEval", action: "answer", state: "answered", deadline: "2025-09-30", at } },
  { type: "opinion.step", data: { id: "O2025-0a1b2c3d", year: 2025, units: ["U-A", "U-B"], action: "answer", state: "open", unit: "U-B", at } },
  { type: "token.revoked", data: { id: "t1", at } },
];

describe("relay payloads", () => {
  it("has a sample of every event type", () => {
    expect(samples.map((e) => e.type).sort()).toEqual([...serverEventTypes].sort());
  });

  it("cuts finance's overdue list to fit a notification, keeping the counts", () => {
    const many = Array.from({ length: 2000 }, (_, i) => ({ unit: `U-${i}`, project: `P${i}` }));
    const e: ServerEvent = { ...(samples[3] as Extract<ServerEvent, { type: "notice.overdue" }>), data: { ...(samples[3]!.data as Extract<ServerEvent, { type: "notice.overdue" }>["data"]), missing: many, counts: { onTime: 0, late: 0, due: 2000, missing: 2000 } } };
    const text = payloadOf("o", e);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(7900);
    const back = JSON.parse(text).e;
    expect(back.data.counts.missing).toBe(2000);
    expect(back.data.missing.length).toBeGreaterThan(0);
    expect(back.data.missing.length).toBeLessThan(2000);
  });
});

onCluster("relay across servers", (cluster) => {
  describe("relay across servers on one database", { timeout: 60_000 }, () => {
    it("carries every event type to the other server once, and the publisher hears its own once", async () => {
      // node-postgres warns (once a process) when a query is sent while another runs on its connection
      const warnings: string[] = [];
      const onWarning = (w: Error) => warnings.push(w.message);
      process.on("warning", onWarning);
      const url = await cluster.createDatabase("relay");
      const relays = [new PgRelay(url, () => undefined), new PgRelay(url, () => undefined)] as const;
      const buses = relays.map((r) => new EventBus(r));
      const heard: ServerEvent[][] = [[], []];
      await Promise.all(relays.map((r, i) => r.listen((e) => buses[i]!.deliver(e))));
      const everyone = { role: "admin" as const, tokenId: "t1", actor: "admin#t1" };
      buses.forEach((b, i) => b.subscribe(everyone, (e) => heard[i]!.push(e)));
      try {
        for (const e of samples) buses[0]!.publish(e);
        const deadline = Date.now() + 20_000;
        while (heard[1]!.length < samples.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        // a moment more, so a duplicate would have arrived
        await new Promise((r) => setTimeout(r, 300));
        expect(heard[1]!.map((e) => e.type)).toEqual(heard[0]!.map((e) => e.type));
        expect(heard[1]).toEqual(heard[0]);
        // (token.revoked too: this stream was opened with the token t1 it names)
        expect(new Set(heard[1]!.map((e) => e.type))).toEqual(new Set(serverEventTypes));
        // the burst above went out one notification at a time
        await new Promise((r) => setImmediate(r));
        expect(warnings.filter((w) => w.includes("already executing a query"))).toEqual([]);
      } finally {
        process.off("warning", onWarning);
        await Promise.all(relays.map((r) => r.close()));
      }
    });
  });
});
