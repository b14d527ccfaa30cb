// The finance overview at a task pane's width (350 px) in Chromium, against a real `jixiao serve
// --http`: the charts load on demand beside their numbers; a click on a unit's bar opens the
// review list filtered to that unit's forms; a form submitted meanwhile redraws the overview.
// Screenshots under test-output/e2e/overview-*.png.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { demoForm } from "../../server/demo.ts";
import { addUnit, chromiumPresent, connectPane, createToken, outDir, panePage, paneSuite } from "./harness.ts";

const run = chromiumPresent();
const year = new Date().getFullYear();

describe.skipIf(!run)("the finance overview against jixiao serve", () => {
  const tokens: Record<string, string> = {};
  const units = [
    ["U01", "区林业局", "forestry"],
    ["U02", "区水利局", "water"],
    ["U03", "区交通运输局", "roads"],
  ] as const;
  const suite = paneSuite("jixiao-e2e-overview-", (dataDir) => {
    for (const [code, name, field] of units) {
      addUnit(dataDir, code, name, field);
      tokens[code] = createToken(dataDir, "unit", code);
    }
    tokens.finance = createToken(dataDir, "finance");
  });
  const { api } = suite;
  let finance: Page;
  const errors: string[] = [];
  const shot = (name: string) => finance.screenshot({ path: path.join(outDir, `overview-${name}.png`), fullPage: true });
  const form = (kind: "target" | "selfEval", unit: string, name: string, project: string, pname: string) =>
    demoForm(kind, { year, unit: { code: unit, name }, project: { code: project, name: pname } });

  beforeAll(async () => {
    const base = suite.base;
    const p = (unit: string, project: string, kind = "target") => `/api/submissions/${year}/${unit}/${project}/${kind}`;
    // 林业局: two targets approved and a self-evaluation submitted; 水利局: one submitted, one draft;
    // 交通运输局: one draft only
    for (const [project, pname] of [
      ["P001", "森林资源管护项目"],
      ["P002", "林业有害生物防治项目"],
    ]) {
      await api("PUT", p("U01", project!), tokens.U01!, form("target", "U01", "区林业局", project!, pname!));
      await api("POST", `${p("U01", project!)}/submit`, tokens.U01!);
      await api("POST", `${p("U01", project!)}/approve`, tokens.finance!);
    }
    await api("PUT", p("U01", "P001", "selfEval"), tokens.U01!, form("selfEval", "U01", "区林业局", "P001", "森林资源管护项目"));
    await api("POST", `${p("U01", "P001", "selfEval")}/submit`, tokens.U01!);
    await api("PUT", p("U02", "P101"), tokens.U02!, form("target", "U02", "区水利局", "P101", "农村饮水安全巩固提升项目"));
    await api("POST", `${p("U02", "P101")}/submit`, tokens.U02!);
    await api("PUT", p("U02", "P102"), tokens.U02!, form("target", "U02", "区水利局", "P102", "小型水库除险加固项目"));
    await api("PUT", p("U03", "P201"), tokens.U03!, form("target", "U03", "区交通运输局", "P201", "农村公路养护项目"));
    // the treasury's data (docs/treasury.md): the forestry project paid 100 of 500 万元 in January, far behind time
    const csv = async (path: string, body: string) => {
      const res = await fetch(`${base}${path}`, { method: "POST", headers: { Authorization: `Bearer ${tokens.finance}`, "Content-Type": "text/csv" }, body });
      expect(res.status, await res.clone().text()).toBe(200);
    };
    await csv(`/api/budgets?year=${year}`, "预算单位编码,项目编码,项目名称,批复金额（万元）\nU01,P001,森林资源管护项目,500");
    await csv("/api/treasury/payments", `支付凭证号,支付日期,预算单位编码,项目编码,支付金额（万元）\nZF${year}0001,${year}-01-15,U01,P001,100`);

    finance = await panePage(suite.browser, errors, { width: 350, height: 900 });
    await connectPane(finance, base, tokens.finance!);
  }, 180_000);

  it("opens on the overview: charts with their numbers; a unit's bar opens that unit's forms", async () => {
    await finance.getByTestId("overview").waitFor();
    const progress = finance.getByTestId("ov-progress");
    await progress.locator('[data-chart="progress"] svg').first().waitFor({ timeout: 30_000 });
    // drafts are not received: 15 owed (each project a unit has, in each of the three kinds), 4 received
    expect(await progress.locator("table").first().innerText()).toMatch(/应报\s*15[\s\S]*已收\s*4[\s\S]*已审核\s*2/);
    await progress.locator('[data-chart="byUnit"] svg').first().waitFor();
    const units = await finance.getByTestId("ov-units").innerText();
    expect(units).toContain("区交通运输局");
    await finance.getByTestId("ov-grades").waitFor();
    const payments = await finance.getByTestId("ov-payments").innerText();
    expect(payments).toContain("区林业局 · 森林资源管护项目");
    expect(payments).toMatch(/已支付\s*20/);
    await shot("01-overview");

    // the 交通运输局 bar: its forms in the review list
    const bars = progress.locator('[data-chart="byUnit"] rect[role="img"], [data-chart="byUnit"] g rect');
    const count = await bars.count();
    expect(count).toBeGreaterThan(0);
    let clicked = false;
    for (let i = 0; i < count && !clicked; i++) {
      const label = (await bars.nth(i).getAttribute("aria-label")) ?? "";
      if (label.includes("区交通运输局")) {
        await bars.nth(i).click();
        clicked = true;
      }
    }
    if (!clicked) await finance.locator('[data-ov-unit="U03"]').click();
    await finance.getByTestId("review-focus").getByText("区交通运输局").waitFor();
    const list = await finance.getByTestId("finance-forms").innerText();
    expect(list).toContain("农村公路养护项目");
    expect(list).not.toContain("区林业局");
    await shot("02-chart-click-to-forms");
    console.log(`e2e overview: opened the forms from ${clicked ? "the chart's bar" : "the numbers' row (no bar had the unit's label)"}`);
    expect(clicked).toBe(true);
  }, 120_000);

  it("redraws when a unit submits", async () => {
    await finance.getByRole("tab", { name: "总览" }).click();
    const progress = finance.getByTestId("ov-progress");
    await progress.locator("table").first().waitFor();
    await api("POST", `/api/submissions/${year}/U03/P201/target/submit`, tokens.U03!);
    await expect.poll(() => progress.locator("table").first().innerText(), { timeout: 10_000 }).toMatch(/已收\s*5/);
    expect(errors).toEqual([]);
  }, 60_000);

  it("in a plain browser the pull says it needs Excel and downloads the workbook instead", async () => {
    const plain = await (await suite.browser.newContext({ locale: "zh-CN", viewport: { width: 350, height: 900 }, acceptDownloads: true })).newPage();
    await plain.goto(`${suite.base}/taskpane.html`);
    await plain.getByText("连接财政局服务器").waitFor();
    await plain.locator('input[name="token"]').fill(tokens.finance!);
    await plain.getByRole("button", { name: "连接" }).click();
    await plain.getByRole("tab", { name: "汇总" }).click();
    await plain.getByTestId("pull-needs-excel").waitFor();
    expect(await plain.getByTestId("pull").count()).toBe(0);
    await plain.getByTestId("pull-year").fill(String(year));
    const [download] = await Promise.all([plain.waitForEvent("download"), plain.getByTestId("download-consolidated").click()]);
    expect(download.suggestedFilename()).toBe(`绩效汇总-${year}.xlsx`);
    const file = await download.path();
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(file!).subarray(0, 2).toString()).toBe("PK");
    await plain.screenshot({ path: path.join(outDir, "overview-03-browser-download.png"), fullPage: true });
  }, 60_000);
});
