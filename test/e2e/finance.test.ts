// The finance bureau's side end to end: two panes in headless Chromium — finance and a unit —
// each over its own stand-in Excel host (fake-excel.js), against a real `jixiao serve --http` on
// loopback. Finance reviews the unit's submitted form, opens it into a sheet, selects a cell and
// returns the form with a comment at it; pulls the consolidated workbook into its workbook; exports
// the library to a sheet, edits it (a changed name, a deprecation with its replacement), checks it,
// previews the changelog and publishes it (the admin granted this finance token publishing); the unit's pane shows the update
// within 5 seconds. Screenshots under test-output/e2e/finance-*.png.
import { beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { demoForm } from "../../server/demo-form.ts";
import { findingColumns, formColumns, indicatorColumns, missingColumns, summaryColumns } from "../../shared/consolidate/columns.ts";
import { librarySheetTitle } from "../../shared/library-sheet.ts";
import { beijingMinute } from "../../shared/beijing.ts";
import { apiFetch, connectPane, describeBrowser, fakeExcel, forestryBureau, paneSuite, waterBureau } from "./harness.ts";

describeBrowser("finance pane and unit pane in Chromium against jixiao serve", () => {
  const suite = paneSuite("finance", {
    units: [forestryBureau, waterBureau],
    // the admin granted this finance user publishing (the People tab's checkbox, or --can-publish)
    tokens: { unit: ["unit", "U01"], finance: ["finance", undefined, ["--label", "预算科", "--can-publish"]], admin: ["admin"] },
  });
  const { tokens } = suite;
  let finance: Page;
  let unit: Page;
  const key = "/api/submissions/2025/U01/P001/target";

  const shot = (page: Page, name: string) => suite.shot(page, name, { fullPage: false });
  const api = (method: string, p: string, token: string, body?: unknown, headers: Record<string, string> = {}) => apiFetch(suite.base, method, p, token, body, headers);
  const connect = (page: Page, token: string) => connectPane(page, suite.base, token);

  beforeAll(async () => {
    // the unit's target form, saved and submitted through the API
    const form = demoForm("target", { year: 2025, unit: { code: "U01", name: "区林业局" }, project: { code: "P001", name: "森林资源管护项目" } });
    const saved = await api("PUT", key, tokens.unit, form);
    expect(saved.status, await saved.clone().text()).toBe(201);
    const submitted = await api("POST", `${key}/submit`, tokens.unit, undefined, { "If-Match": `"${(await saved.json()).revision}"` });
    expect(submitted.status, await submitted.clone().text()).toBe(200);

    finance = await suite.pane();
    unit = await suite.pane();
  }, 180_000);

  it("reviews and returns a form with a cell comment, pulls the consolidated workbook, publishes a library change the unit sees", async () => {
    // the unit's pane, open beside its workbook
    await connect(unit, tokens.unit);
    await unit.getByText("本单位的表单").waitFor();
    await unit.locator('[data-testid="forms"]').getByText("已报送").waitFor();

    // the finance pane: the finance side loads on demand
    await connect(finance, tokens.finance);
    // the finance side opens on the overview; review is the next tab
    await finance.getByTestId("overview").waitFor();
    await finance.getByRole("tab", { name: "审核" }).click();
    await finance.getByTestId("review").waitFor();
    await finance.getByTestId("role").getByText("财政局").waitFor();
    await expect.poll(() => finance.locator('[data-status="submitted"]').innerText()).toContain("1");
    await shot(finance, "01-review");

    // open the submitted form into a sheet, findings marked
    await finance.locator(`[data-key="${key}"]`).click();
    await finance.getByText("已在工作表中打开").waitFor();
    const sheets = await fakeExcel<{ name: string; visibility: string }[]>(finance, "sheetNames");
    const formSheet = sheets.find((s) => s.visibility === "Visible" && s.name !== "指标库")!.name;
    const header = (await fakeExcel<number>(finance, "findRow", formSheet, "三级指标"))!;
    expect(header).toBeGreaterThan(0);
    const cell = `F${header + 1}`;
    expect((await fakeExcel<{ value: unknown }>(finance, "get", formSheet, `C${header + 1}`))?.value).toBeTruthy();
    // the stored findings (a JSON form has no cells) are marked at the cells they concern
    const warned = await finance.evaluate(
      (name) => [...(window as any).__fakeExcel.books.sheets.find((s: any) => s.name === name).cells.values()].filter((c: any) => c.fill === "#FFEB9C").length,
      formSheet,
    );
    const stored = (await (await api("GET", key, tokens.finance)).json()).issues as { severity: string }[];
    if (stored.some((i) => i.severity === "warning")) expect(warned).toBeGreaterThan(0);

    // select the target cell in the sheet, type the comment, add it; return with a comment
    await fakeExcel(finance, "select", formSheet, cell);
    await finance.getByTestId("cell-comment").fill("管护面积应与林地年报一致");
    await finance.getByTestId("add-cell-comment").click();
    await finance.getByTestId("cell-comments").getByText(cell).waitFor();
    await finance.getByTestId("return-comment").fill("请补充指标依据后重新报送。");
    await shot(finance, "02-return");
    await finance.getByTestId("return").click();
    await finance.getByText("已退回，单位将看到意见").waitFor();
    const got = await (await api("GET", key, tokens.finance)).json();
    expect(got.status).toBe("returned");
    expect(got.comments.cells).toEqual([{ sheet: formSheet, cell, comment: "管护面积应与林地年报一致" }]);
    // the unit's pane hears of it
    await unit.locator('[data-testid="forms"]').getByText("已退回").waitFor({ timeout: 10_000 });

    // pull consolidated
    await finance.getByRole("tab", { name: "汇总" }).click();
    await finance.getByTestId("pull-year").fill("2025");
    const consolidated = await api("GET", "/api/consolidated?year=2025&format=json", tokens.finance);
    await finance.getByTestId("pull").click();
    if (consolidated.status === 404) {
      console.log("e2e finance: the server has no /api/consolidated yet (issue 6 not merged): the pane says so; the pull itself is covered by test/addin/finance-pull.test.ts and bench/pull.ts");
      await finance.getByText("服务器尚不支持汇总").waitFor();
    } else {
      expect(consolidated.status).toBe(200);
      await finance.getByTestId("pull-result").waitFor({ timeout: 30_000 });
      const result = await finance.getByTestId("pull-result").innerText();
      console.log(`e2e finance: ${result}`);
      const names = (await fakeExcel<{ name: string }[]>(finance, "sheetNames")).map((s) => s.name);
      const json = (await consolidated.json()) as Record<string, unknown[]>;
      for (const s of [summaryColumns, formColumns, indicatorColumns, missingColumns, findingColumns]) {
        expect(names).toContain(s.name);
        const info = await fakeExcel<{ rows: number; columns: number }>(finance, "sheetInfo", s.name);
        expect(info.columns).toBe(s.columns.length);
        if (json[s.id]!.length > 0) expect(info.rows).toBe(json[s.id]!.length + 1);
      }
      // the 图表 sheet: four native charts (ExcelApi 1.1) drawn from one row per unit
      await finance.getByTestId("charts-result").waitFor();
      const charts = await fakeExcel<{ type: string; source: string; title: string }[]>(finance, "charts", "图表");
      expect(charts.map((c) => c.title)).toContain("各单位报送进度");
      expect(charts.find((c) => c.title === "各单位报送进度")?.source).toMatch(/^A1:D\d+$/);
      // the unit that sent nothing is on the missing sheet
      expect(await fakeExcel<number | null>(finance, "findRow", missingColumns.name, "区水利局")).not.toBeNull();
    }
    await shot(finance, "03-consolidated");

    // disclosure: nothing is approved and key yet, so the preview is empty and nothing is public until
    // finance confirms; then the links (public, no token) answer
    await finance.getByRole("tab", { name: "信息公开" }).click();
    await finance.getByTestId("disclosure-year").fill("2025");
    await finance.getByTestId("disclosure-preview").click();
    await finance.getByText("该年度没有可公开的内容").waitFor();
    await finance.getByText("该年度尚未确认公开").waitFor();
    expect((await fetch((await finance.getByTestId("disclosure-csv").getAttribute("href"))!)).status).toBe(404);
    await finance.getByTestId("disclosure-confirm").click();
    await finance.getByText(/已确认公开/).waitFor();
    // the time of confirming as the bureau reads it (Beijing), not the server's UTC log time
    const confirmed = (await (await api("GET", "/api/disclosure/preview?year=2025", tokens.finance)).json()) as { confirmed: { at: string } };
    expect(await finance.getByTestId("disclosure-status").textContent()).toContain(`已确认公开（${beijingMinute(confirmed.confirmed.at)}）`);
    await shot(finance, "03b-disclosure-confirmed");
    const csv = await fetch((await finance.getByTestId("disclosure-csv").getAttribute("href"))!);
    expect(csv.status).toBe(200);

    // library upkeep: export, edit (a changed name; a deprecation naming its replacement), check
    await finance.getByRole("tab", { name: "指标库" }).click();
    await finance.getByTestId("export-library").click();
    await finance.getByText(/已导出第 1 版/).waitFor();
    const codeA = (await fakeExcel<{ value: string }>(finance, "get", librarySheetTitle, "A3"))!.value;
    const codeB = (await fakeExcel<{ value: string }>(finance, "get", librarySheetTitle, "A4"))!.value;
    const nameA = (await fakeExcel<{ value: string }>(finance, "get", librarySheetTitle, "B3"))!.value;
    await fakeExcel(finance, "type", librarySheetTitle, { B3: `${nameA}（修订）`, O4: "停用", P4: codeA });
    await finance.getByTestId("check-library").click();
    await finance.getByTestId("changelog").getByText(`${codeB}`, { exact: false }).waitFor();
    const changelog = await finance.getByTestId("changelog").innerText();
    expect(changelog).toContain("修改");
    expect(changelog).toContain(`${codeA}`);
    expect(changelog).toContain("停用");
    // this finance token was granted publishing: no admin token is asked for
    expect(await finance.getByTestId("needs-grant").count()).toBe(0);
    await finance.getByTestId("publish-note").fill("修订名称；停用一项并指定替代指标");
    await shot(finance, "04-library-preview");
    await finance.getByTestId("publish-library").click();
    await unit.getByTestId("library-banner").waitFor({ timeout: 20_000 });
    expect(await unit.getByTestId("library-banner").innerText()).toContain("第 2 版");
    await expect.poll(() => finance.getByTestId("notice").innerText()).toContain("已发布第 2 版");
    const lib = await (await api("GET", "/api/library", tokens.unit)).json();
    expect(lib.version).toBe(2);
    expect(lib.indicators.find((i: { code: string }) => i.code === codeB)).toMatchObject({ status: "deprecated", replacedBy: codeA });
    await shot(finance, "05-published");
    await shot(unit, "06-unit-hears");
  }, 240_000);

  it("checks a library sheet with a duplicate code and a pair outside the frame, and refuses to publish", async () => {
    await fakeExcel(finance, "type", librarySheetTitle, { A5: (await fakeExcel<{ value: string }>(finance, "get", librarySheetTitle, "A3"))!.value, D6: "数量指标", C6: "效益指标" });
    await finance.getByTestId("check-library").click();
    await finance.locator('[data-check="duplicate-code"]').waitFor();
    await finance.locator('[data-check="frame"]').waitFor();
    expect(await finance.getByTestId("publish-library").isDisabled()).toBe(true);
    expect((await fakeExcel<{ fill: string }>(finance, "get", librarySheetTitle, "A5"))?.fill).toBe("#FFC7CE");
    await shot(finance, "07-library-errors");
  }, 60_000);
});
