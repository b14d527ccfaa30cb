// The finance overview at a task pane's width (350 px) in Chromium, against a real `jixiao serve
// --http`: the charts load on demand beside their numbers; a click on a unit's bar opens the
// review list filtered to that unit's forms; a form submitted meanwhile redraws the overview.
// Screenshots under test-output/e2e/overview-*.png.
import { beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { describeBrowser, forestryBureau, paneSuite, thisYear as year, unitTokens, waterBureau } from "./harness.ts";

describeBrowser("the finance overview against jixiao serve", () => {
  const units = [forestryBureau, waterBureau, { code: "U03", name: "区交通运输局", field: "roads" }] as const;
  const suite = paneSuite("overview", { units, tokens: { ...unitTokens(units), finance: ["finance"] } });
  const { api, tokens, errors } = suite;
  let finance: Page;
  const shot = (name: string) => suite.shot(finance, name);

  beforeAll(async () => {
    const base = suite.base;
    // 林业局: two targets approved and a self-evaluation submitted; 水利局: one submitted, one draft;
    // 交通运输局: one draft only
    for (const project of [
      { code: "P001", name: "森林资源管护项目" },
      { code: "P002", name: "林业有害生物防治项目" },
    ]) {
      const key = await suite.demoForm(tokens.U01, "target", { year, unit: forestryBureau, project });
      await api("POST", `${key}/approve`, tokens.finance);
    }
    await suite.demoForm(tokens.U01, "selfEval", { year, unit: forestryBureau, project: { code: "P001", name: "森林资源管护项目" } });
    await suite.demoForm(tokens.U02, "target", { year, unit: waterBureau, project: { code: "P101", name: "农村饮水安全巩固提升项目" } });
    await suite.demoForm(tokens.U02, "target", { year, unit: waterBureau, project: { code: "P102", name: "小型水库除险加固项目" } }, "saved");
    await suite.demoForm(tokens.U03, "target", { year, unit: { code: "U03", name: "区交通运输局" }, project: { code: "P201", name: "农村公路养护项目" } }, "saved");
    // the treasury's data (docs/treasury.md): the forestry project paid 100 of 500 万元 in January, far behind time
    const csv = async (path: string, body: string) => {
      const res = await fetch(`${base}${path}`, { method: "POST", headers: { Authorization: `Bearer ${tokens.finance}`, "Content-Type": "text/csv" }, body });
      expect(res.status, await res.clone().text()).toBe(200);
    };
    await csv(`/api/budgets?year=${year}`, "预算单位编码,项目编码,项目名称,批复金额（万元）\nU01,P001,森林资源管护项目,500");
    await csv("/api/treasury/payments", `支付凭证号,支付日期,预算单位编码,项目编码,支付金额（万元）\nZF${year}0001,${year}-01-15,U01,P001,100`);

    finance = await suite.pane(tokens.finance, { width: 350, height: 900 });
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
    await api("POST", `/api/submissions/${year}/U03/P201/target/submit`, tokens.U03);
    await expect.poll(() => progress.locator("table").first().innerText(), { timeout: 10_000 }).toMatch(/已收\s*5/);
    expect(errors).toEqual([]);
  }, 60_000);

  it("in a plain browser the pull says it needs Excel and downloads the workbook instead", async () => {
    const plain = await (await suite.browser.newContext({ locale: "zh-CN", viewport: { width: 350, height: 900 }, acceptDownloads: true })).newPage();
    await plain.goto(`${suite.base}/taskpane.html`);
    await plain.getByText("连接财政局服务器").waitFor();
    await plain.locator('input[name="token"]').fill(tokens.finance);
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
    await suite.shot(plain, "03-browser-download");
  }, 60_000);
});
