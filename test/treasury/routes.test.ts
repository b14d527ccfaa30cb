// The treasury's routes and store on one store (lowdb here; postgres.test.ts runs this file on
// PostgreSQL): imports that never count a payment twice, conflicts and unknown rows reported,
// GBK files, audit, X603/X604 on saves, and who may read what.
import { describe, expect, it } from "vitest";
import { XLSX_TYPE } from "../../server/routes/download.ts";
import { envEachTest, formOf, subPath } from "../server/helpers.ts";
import { encodeGbk } from "../support/gbk.ts";
import ExcelJS from "exceljs";
import { BudgetImportResultSchema, BudgetListSchema, ExecutionViewSchema, PaymentImportResultSchema } from "../../shared/api/index.ts";

const env = envEachTest();

const header = "支付凭证号,支付日期,预算单位编码,项目编码,支付金额,经济分类,收款人";
function exportOf(rows: string[]): string {
  return ["国库集中支付明细", "单位：元", header, ...rows].join("\r\n");
}
const firstHalf = exportOf([
  "ZF2025-0001,2025-02-10,U-A,P1,1000000.00,30213 维修（护）费,某工程公司",
  "ZF2025-0002,2025-05-20,U-A,P1,1200000.00,30213 维修（护）费,某工程公司",
  "ZF2025-0003,2025-06-15,U-B,W1,300000.00,30226 劳务费,某劳务公司",
  "ZF2025-0004,2025-06-20,U-X,X1,5000.00,30201 办公费,某文具店",
]);

async function post(path: string, body: BodyInit, type = "text/csv", token = env.tokens.finance) {
  return env.app.request(path, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": type }, body });
}

describe("payment import", () => {
  it("imports each voucher once: a second import of the same file imports 0, an overlapping one only the new", async () => {
    await env.req("PUT", subPath("target"), { token: env.tokens.unitA, body: formOf("target") });
    const first = PaymentImportResultSchema.parse(await (await post("/api/treasury/payments", firstHalf)).json());
    expect(first).toMatchObject({ read: 4, imported: 4, duplicates: 0, conflicts: 0, unknown: 2, rejected: 0, paidWan: 250.5 });
    expect(first.unknownRows).toEqual([
      { row: 6, voucher: "ZF2025-0003", unit: "U-B", project: "W1", reason: "project" },
      { row: 7, voucher: "ZF2025-0004", unit: "U-X", project: "X1", reason: "unit" },
    ]);
    const again = await (await post("/api/treasury/payments", firstHalf)).json();
    expect(again).toMatchObject({ read: 4, imported: 0, duplicates: 4 });
    const overlap = exportOf(["ZF2025-0002,2025-05-20,U-A,P1,1200000.00,,", "ZF2025-0005,2025-07-01,U-A,P1,500000,,"]);
    expect(await (await post("/api/treasury/payments", overlap)).json()).toMatchObject({ imported: 1, duplicates: 1 });
    expect((await env.store.treasury.listPayments({ unit: "U-A", project: "P1" })).map((p) => p.voucher)).toEqual(["ZF2025-0001", "ZF2025-0002", "ZF2025-0005"]);
  });

  it("a changed amount under a stored voucher is a conflict, reported with both, and the stored one kept", async () => {
    await post("/api/treasury/payments", firstHalf);
    const changed = exportOf(["ZF2025-0001,2025-02-10,U-A,P1,1000001.00,,"]);
    const r = await (await post("/api/treasury/payments", changed)).json();
    expect(r).toMatchObject({ imported: 0, duplicates: 0, conflicts: 1 });
    expect(r.conflictRows[0]).toEqual({ row: 4, voucher: "ZF2025-0001", stored: { date: "2025-02-10", unit: "U-A", project: "P1", amountWan: 100 }, incoming: { date: "2025-02-10", unit: "U-A", project: "P1", amountWan: 100.0001 } });
    expect((await env.store.treasury.listPayments({ unit: "U-A" }))[0]!.amountFen).toBe(100_000_000);
  });

  it("a voucher twice in one file counts once: the same payment is a duplicate, a different one a conflict", async () => {
    const twice = exportOf(["ZF2025-0201,2025-04-01,U-A,P1,100,,", "ZF2025-0201,2025-04-01,U-A,P1,100,,", "ZF2025-0202,2025-04-02,U-A,P1,50,,", "ZF2025-0202,2025-04-02,U-A,P1,60,,"]);
    expect(await (await post("/api/treasury/payments", twice)).json()).toMatchObject({ read: 4, imported: 2, duplicates: 1, conflicts: 1 });
    expect((await env.store.treasury.listPayments({ unit: "U-A" })).map((p) => [p.voucher, p.amountFen])).toEqual([["ZF2025-0201", 10_000], ["ZF2025-0202", 5_000]]);
  });

  it("reads a GBK file as well as UTF-8, and an .xlsx export", async () => {
    const gbk = await (await post("/api/treasury/payments", encodeGbk(firstHalf))).json();
    expect(gbk).toMatchObject({ encoding: "gb18030", imported: 4 });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("支付明细");
    ws.addRow(["支付凭证号", "支付日期", "预算单位编码", "项目编码", "支付金额（万元）"]);
    ws.addRow(["ZF2025-0100", new Date(Date.UTC(2025, 7, 1)), "U-A", "P1", 12.5]);
    const xlsx = await (await post("/api/treasury/payments", new Uint8Array(await wb.xlsx.writeBuffer()), XLSX_TYPE)).json();
    expect(xlsx).toMatchObject({ read: 1, imported: 1 });
    expect((await env.store.treasury.listPayments({ unit: "U-A", project: "P1" })).find((p) => p.voucher === "ZF2025-0100")).toMatchObject({ date: "2025-08-01", amountFen: 12_500_000 });
  });

  it("a file with no payment table is a 400 naming the columns, in both languages", async () => {
    const res = await post("/api/treasury/payments", "项目,金额\nP1,100");
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("invalid_file");
    expect(body.error.message).toContain("支付凭证号");
    expect(body.error.message).toContain("voucher");
  });

  it("a broken .xlsx is refused as the workbook reader refuses it, naming what to do", async () => {
    const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode("not really a zip")]);
    const res = await post("/api/treasury/payments", broken, XLSX_TYPE);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("invalid_xlsx");
    expect(body.error.message).toContain("LibreOffice");
  });

  it("is audited with its counts", async () => {
    await env.req("PUT", subPath("target"), { token: env.tokens.unitA, body: formOf("target") });
    await post("/api/treasury/payments", firstHalf);
    const audit = await env.store.findAudit({ actions: ["treasury.import"] });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ read: 4, imported: 4, unknown: 2 });
  });

  it("only finance and admin import; a unit is refused and nothing is stored", async () => {
    expect((await post("/api/treasury/payments", firstHalf, "text/csv", env.tokens.unitA)).status).toBe(403);
    expect((await post("/api/treasury/payments", firstHalf, "text/csv", env.tokens.admin)).status).toBe(200);
    expect((await post("/api/budgets?year=2025", "预算单位编码,项目编码,批复金额\nU-A,P1,1", "text/csv", env.tokens.unitB)).status).toBe(403);
    expect((await post("/api/treasury/payments", "{}", "application/json")).status).toBe(415);
  });
});

describe("budgets and the checks on saves", () => {
  const budgets = "预算单位编码,项目编码,项目名称,年初批复数（万元）,调整后预算数（万元）\nU-A,P1,项目 P1,480,500\nU-B,W1,水利项目,80,";

  it("imports a year's budgets, replacing a project's on a second import", async () => {
    expect(BudgetImportResultSchema.parse(await (await post("/api/budgets?year=2025", budgets)).json())).toMatchObject({ read: 2, added: 2, replaced: 0, rejected: 0 });
    expect(await (await post("/api/budgets?year=2025", budgets)).json()).toMatchObject({ added: 0, replaced: 2 });
    const res = await env.req("GET", "/api/budgets?year=2025", { token: env.tokens.unitA });
    expect(BudgetListSchema.parse(await res.json()).budgets).toEqual([{ year: 2025, unit: "U-A", project: "P1", approved: 480, adjusted: 500, projectName: "项目 P1" }]);
  });

  it("a save is checked against the budget (X604) and the payments (X603) the server holds", async () => {
    await post("/api/budgets?year=2025", budgets);
    // the demo target form states 500 万元 where 480 was approved
    const target = await (await env.req("PUT", subPath("target"), { token: env.tokens.unitA, body: formOf("target") })).json();
    expect(target.issues.filter((i: { rule: string }) => i.rule === "X604")).toHaveLength(1);
    // the demo monitoring form reports 260 万元 executed by June; the treasury paid 220
    await post("/api/treasury/payments", firstHalf);
    const monitor = await (await env.req("PUT", subPath("monitor"), { token: env.tokens.unitA, body: formOf("monitor") })).json();
    const x603 = monitor.issues.find((i: { rule: string }) => i.rule === "X603");
    expect(x603.message.zh).toContain("220");
    expect(monitor.issues.some((i: { rule: string }) => i.rule === "X604")).toBe(false);
    // with 240 paid, within the 25 万元 tolerance: quiet
    await post("/api/treasury/payments", exportOf(["ZF2025-0006,2025-06-30,U-A,P1,200000,,"]));
    const again = await (await env.req("POST", "/api/validate", { token: env.tokens.unitA, body: formOf("monitor") })).json();
    expect(again.issues.some((i: { rule: string }) => i.rule === "X603")).toBe(false);
  });
});

describe("execution from payments", () => {
  it("paid to date by month and a light for each project with payments and a budget", async () => {
    await post("/api/budgets?year=2025", "预算单位编码,项目编码,批复金额（万元）\nU-A,P1,500\nU-B,W1,100");
    await post("/api/treasury/payments", firstHalf);
    const res = await env.req("GET", "/api/treasury/execution?year=2025", { token: env.tokens.finance });
    const view = ExecutionViewSchema.parse(await res.json());
    expect(view.asOf).toMatch(/^2025-12-31$|^2025-\d\d-\d\d$/);
    const p1 = view.projects.find((p) => p.project === "P1")!;
    expect(p1.byMonthWan.slice(0, 6)).toEqual([0, 100, 0, 0, 120, 0]);
    expect(p1.budgetWan).toBe(500);
    expect(view.projects.map((p) => `${p.unit}/${p.project}`)).toEqual(["U-A/P1", "U-B/W1", "U-X/X1"]);
  });

  it("a unit sees its own projects only, and is refused another unit's", async () => {
    await post("/api/treasury/payments", firstHalf);
    const own = await (await env.req("GET", "/api/treasury/execution?year=2025", { token: env.tokens.unitA })).json();
    expect(own.projects.map((p: { unit: string }) => p.unit)).toEqual(["U-A"]);
    expect((await env.req("GET", "/api/treasury/execution?year=2025&unit=U-B", { token: env.tokens.unitA })).status).toBe(403);
    expect((await env.req("GET", "/api/budgets?year=2025&unit=U-B", { token: env.tokens.unitA })).status).toBe(403);
  });
});

describe("the consolidated workbook", () => {
  it("has a 国库支付 sheet: reported against paid by the same month end, the difference, paid to date and the light", async () => {
    await post("/api/budgets?year=2025", "预算单位编码,项目编码,项目名称,批复金额（万元）\nU-A,P1,项目 P1,500");
    await post("/api/treasury/payments", firstHalf);
    await env.req("PUT", subPath("monitor"), { token: env.tokens.unitA, body: formOf("monitor") });
    const json = await (await env.req("GET", "/api/consolidated?year=2025", { token: env.tokens.finance })).json();
    const p1 = json.treasury.find((l: { projectCode: string }) => l.projectCode === "P1");
    // the demo monitoring form: 260 万元 executed by June; the treasury paid 100 + 120 by then
    expect(p1).toMatchObject({ unitCode: "U-A", unitName: "林业局", budgetWan: 500, reportedWan: 260, reportedAsOf: "2025-06-30", paidAtReportWan: 220, differenceWan: 40 });
    const res = await env.req("GET", "/api/consolidated?year=2025&format=xlsx", { token: env.tokens.finance });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet("国库支付")!;
    expect(ws.getRow(1).values).toEqual(expect.arrayContaining(["填报执行数(万元)", "同期国库支付(万元)", "差异(万元)", "预警"]));
    const rows = ws.getSheetValues().filter((r) => Array.isArray(r) && r.includes("P1")) as unknown[][];
    expect(rows[0]).toEqual(expect.arrayContaining(["U-A", "P1", 260, 220, 40]));
  });

  it("has no 国库支付 sheet without the treasury's data", async () => {
    const json = await (await env.req("GET", "/api/consolidated?year=2025", { token: env.tokens.finance })).json();
    expect(json.treasury).toBeUndefined();
  });
});

describe("the overview", () => {
  it("warns of projects paying behind time, from payments alone", async () => {
    await post("/api/budgets?year=2025", "预算单位编码,项目编码,批复金额（万元）\nU-A,P1,500\nU-B,W1,30");
    await post("/api/treasury/payments", firstHalf);
    const overview = await (await env.req("GET", "/api/overview?year=2025", { token: env.tokens.finance })).json();
    // 2025 has ended: 220 of 500 paid is 0.44 of time (red); 30 of 30 paid is on time (no warning)
    expect(overview.paymentWarnings.map((w: { projectCode: string; light: string }) => [w.projectCode, w.light])).toEqual([["P1", "red"]]);
  });
});
