// The task pane end to end: the built pane in headless Chromium against a real `jixiao serve
// --http` on loopback, with a stand-in Excel host (fake-excel.js) under the same adapter code.
// Walks: connect, insert a form, fill rows (one through the pinyin picker), check, fix, save,
// submit; finance returns it through the API; the pane shows the comment at its cell; a second
// form goes into the same workbook beside the first.
// Screenshots of each step go to test-output/e2e/.
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { demoForm } from "../../server/demo-form.ts";
import { renderWorkbook } from "../../server/xlsx/render.ts";
import { FormSchema } from "../../shared/form.ts";
import { layoutForm } from "../../shared/sheet/layout.ts";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { apiOk, browserPathPane, describeBrowser, fakeExcel, forestryBureau, outDir, paneSuite } from "./harness.ts";

describeBrowser("task pane in Chromium against jixiao serve", () => {
  const suite = paneSuite("data", { units: [forestryBureau], tokens: { unit: ["unit", "U01"], finance: ["finance"] } });
  const { tokens, errors } = suite;
  let page: Page;
  let step = 0;

  async function shot(name: string) {
    step++;
    await page.screenshot({ path: path.join(outDir, `${String(step).padStart(2, "0")}-${name}.png`) });
  }
  const fake = <T>(fn: string, ...args: unknown[]) => fakeExcel<T>(page, fn, ...args);

  beforeAll(async () => {
    page = await suite.pane();
  });

  it("walks a form from insert to a returned comment at its cell", async () => {
    // how soon it renders is measured by bench/pane.ts (`npm run bench -- pane`), not asserted here
    await page.goto(`${suite.base}/taskpane.html`);
    await page.waitForFunction(() => (window as any).__jixiao?.firstRender !== undefined, undefined, { timeout: 15_000 });
    expect(await page.evaluate(() => (window as any).__jixiao.host.excel)).toBe(true);

    // first run: the server is the page's own origin; the token is typed
    await page.getByText("连接财政局服务器").waitFor();
    expect(await page.locator('input[name="server"]').inputValue()).toBe(suite.base);
    await page.locator('input[name="token"]').fill(tokens.unit);
    await shot("setup");
    await page.getByRole("button", { name: "连接" }).click();
    await page.getByText("本单位的表单").waitFor();

    // new form: a target form for a forestry project
    await page.getByTestId("new-year").fill("2025");
    await page.getByTestId("new-code").fill("P001");
    await page.getByTestId("new-name").fill("森林资源管护项目");
    await page.getByTestId("insert-form").click();
    await page.getByText("已插入表样").waitFor();
    const sheets = await fake<{ name: string; visibility: string }[]>("sheetNames");
    const form = sheets.find((s) => s.visibility === "Visible")!.name;
    expect(sheets.find((s) => s.name === "_jixiao")?.visibility).toBe("VeryHidden");
    await shot("form-inserted");

    // check the blank form: the empty amounts are errors, marked in the sheet
    await page.getByRole("tab", { name: "检查与报送" }).click();
    await page.getByTestId("check").click();
    await page.getByTestId("count-error").waitFor();
    const fundsRow = (await fake<number>("findRow", form, "年度资金总额"))!;
    expect((await fake<{ fill: string }>("get", form, `B${fundsRow}`))?.fill).toBe("#FFC7CE");
    await shot("check-errors");
    // a click on a finding selects its cell
    await page.locator(`[data-cell$="B${fundsRow}"] button`).first().click();
    await page.waitForFunction((r) => (window as any).__fakeExcel.books.selection?.r === r - 1, fundsRow);

    // fill rows: the header, then one indicator through the picker (slfg → 森林覆盖率)
    const header = (await fake<number>("findRow", form, "三级指标"))!;
    const cols: Record<string, string> = { level1: "A", level2: "B", name: "C", code: "D", op: "E", target: "F", high: "G", unit: "H" };
    const goalRow = (await fake<number>("findRow", form, "年度目标"))!;
    const overallRow = (await fake<number>("findRow", form, "总体目标"))!;
    const periodRow = (await fake<number>("findRow", form, "实施期限"))!;
    await fake("type", form, {
      [`B${fundsRow}`]: 120,
      [`G${fundsRow}`]: 100,
      [`B${fundsRow + 1}`]: 20,
      [`B${periodRow}`]: "2025-01至2025-12",
      [`B${overallRow}`]: "管护全区森林资源，巩固生态屏障，森林覆盖率保持稳定并有所提升。",
      [`B${goalRow}`]: "完成 120 万亩森林管护，选聘生态护林员 300 名，森林火灾受害率控制在 0.9‰ 以内。",
    });
    const rows: [string, string, string, string, string | number, string][] = [
      ["产出指标", "数量指标", "森林管护面积", ">=", 120, "万亩"],
      ["产出指标", "数量指标", "生态护林员选聘人数", ">=", 300, "人"],
      ["产出指标", "质量指标", "当年造林成活率", ">=", "进一步提高", "%"], // not a number: fixed below
      ["产出指标", "时效指标", "项目按期完成率", ">=", 95, "%"],
      ["成本指标", "经济成本指标", "人工造林亩均成本", "<=", 1800, "元/亩"],
      ["效益指标", "生态效益指标", "森林火灾受害率", "<=", 0.9, "‰"],
      ["满意度指标", "服务对象满意度指标", "服务对象满意度", ">=", 90, "%"],
    ];
    const typed: Record<string, string | number> = {};
    rows.forEach(([l1, l2, name, op, target, unit], i) => {
      const r = header + 1 + i;
      Object.assign(typed, { [`${cols.level1}${r}`]: l1, [`${cols.level2}${r}`]: l2, [`${cols.name}${r}`]: name, [`${cols.op}${r}`]: op === ">=" ? "≥" : "≤", [`${cols.target}${r}`]: target, [`${cols.unit}${r}`]: unit });
    });
    await fake("type", form, typed);
    const pickRow = header + 1 + rows.length;
    await fake("select", form, `A${pickRow}`);
    await page.getByRole("tab", { name: "选指标" }).click();
    await page.getByTestId("search").fill("slfg");
    await page.locator('[data-testid="results"] button').first().waitFor();
    expect(await page.locator('[data-testid="results"] button').first().innerText()).toContain("森林覆盖率");
    await shot("picker-slfg");
    await page.locator('[data-testid="results"] button').first().click();
    await page.getByText(`已填入第 ${pickRow} 行`).waitFor();
    expect((await fake<{ value: string }>("get", form, `C${pickRow}`))?.value).toBe("森林覆盖率");
    await fake("type", form, { [`F${pickRow}`]: 65 });
    await shot("rows-filled");

    // check again: the marks of the first check are gone, the text target is found
    await page.getByRole("tab", { name: "检查与报送" }).click();
    await page.getByTestId("check").click();
    await page.waitForFunction(() => document.querySelector('[data-testid="findings"]') !== null);
    const badRow = header + 3;
    await page.waitForFunction((cell) => (window as any).__fakeExcel.get(cell[0], cell[1])?.fill === "#FFC7CE", [form, `F${badRow}`] as const, { timeout: 10_000 }).catch(() => undefined);
    expect((await fake<{ fill: string | null }>("get", form, `B${fundsRow}`))?.fill ?? null).toBeNull();
    await shot("check-rows");

    // fix: a number where the text was; check, save
    await fake("type", form, { [`F${badRow}`]: 90 });
    await page.getByTestId("check").click();
    await page.waitForTimeout(300);
    const errorsLeft = await page.locator('[data-testid="finding"][data-severity="error"]').allInnerTexts();
    if (errorsLeft.length) console.log(`e2e: errors the rules still find:\n  ${errorsLeft.join("\n  ")}`);
    expect(errorsLeft).toEqual([]);
    await page.getByTestId("save").click();
    await page.getByText(/已保存，版本 1/).waitFor();
    await expect.poll(() => page.getByTestId("current").innerText()).toContain("版本 1");
    await shot("saved");

    // submit
    await page.getByTestId("submit").click();
    await page.getByText("已报送财政局。").waitFor();
    await expect.poll(() => page.getByTestId("current").innerText()).toContain("已报送");
    await shot("submitted");

    // a submitted form is not changed by a save: the pane says to recall it (撤回) first
    await page.getByTestId("save").click();
    await page.getByText("表单已报送，等待财政审核：如需修改，请先撤回。").waitFor();
    await shot("save-submitted");
    await page.getByTestId("recall").click();
    await page.getByText(/已撤回，表单恢复为草稿/).waitFor();
    await expect.poll(() => page.getByTestId("current").innerText()).toContain("草稿");
    await page.getByTestId("submit").click();
    await page.getByText("已报送财政局。").waitFor();
    await expect.poll(() => page.getByTestId("current").innerText()).toContain("已报送");

    // finance returns it with a comment at the target cell of 森林管护面积
    const targetCell = `F${header + 1}`;
    const key = "/api/submissions/2025/U01/P001/target";
    const rev = (await apiOk(suite.base, "GET", key, tokens.finance)).revision as number;
    const comment = { comment: "请补充指标依据后重新报送。", cells: [{ sheet: form, cell: targetCell, comment: "管护面积应与林地年报一致" }] };
    await apiOk(suite.base, "POST", `${key}/return`, tokens.finance, comment, { "If-Match": `"${rev}"` });

    // the pane hears it (server-sent events) and shows the comment at its cell
    await page.getByTestId("returned").waitFor({ timeout: 15_000 });
    await page.getByText("管护面积应与林地年报一致").waitFor();
    await expect.poll(() => fake<{ fill: string } | null>("get", form, targetCell).then((c) => c?.fill)).toBe("#F8CBAD");
    await expect.poll(() => page.getByTestId("current").innerText()).toContain("已退回");
    await shot("returned-comment");
    await page.getByText("管护面积应与林地年报一致").click();
    await page.waitForFunction((r) => (window as any).__fakeExcel.books.selection?.r === r - 1, header + 1);

    // a second form in the same workbook: a sheet of its own, the first form's metadata kept, and
    // the pane works on the new sheet
    await page.getByRole("tab", { name: "表单" }).click();
    await page.getByTestId("new-year").fill("2025");
    await page.getByTestId("new-code").fill("P002");
    await page.getByTestId("new-name").fill("林业有害生物防治项目");
    await page.getByTestId("insert-form").click();
    const second = `${form}(2)`;
    await expect.poll(() => fake<{ name: string }[]>("sheetNames").then((l) => l.map((s) => s.name))).toContain(second);
    const metaRows = await page.evaluate(() => {
      const sheet = (window as any).__fakeExcel.books.sheets.find((s: { name: string }) => s.name === "_jixiao");
      const rows: unknown[][] = [];
      for (const [k, cell] of sheet.cells as Map<string, { value: unknown }>) {
        const [r, c] = k.split(",").map(Number) as [number, number];
        (rows[r] ??= [])[c] = cell.value;
      }
      return rows.filter(Boolean).map((r) => [r[0], r[1], r[2]]);
    });
    expect(metaRows).toContainEqual([form, "project.code", "P001"]);
    expect(metaRows).toContainEqual([second, "project.code", "P002"]);
    expect(metaRows.filter((r) => r[0] === "*" && r[1] === "template")).toHaveLength(1);
    await page.getByRole("tab", { name: "检查与报送" }).click();
    await page.getByTestId("check").click();
    await expect.poll(() => fake<{ fill: string } | null>("get", second, `B${fundsRow}`).then((c) => c?.fill)).toBe("#FFC7CE");
    expect((await fake<{ value: string }>("get", form, `C${pickRow}`))?.value).toBe("森林覆盖率"); // the first form untouched
    await shot("second-form");
    console.log(`e2e: stand-in Excel saw ${await fake<number>("syncs")} context.sync() calls over the walk`);
  }, 180_000);

  it("shows a plain message and the .xlsx path outside Excel", async () => {
    const p = await browserPathPane(suite.browser, suite.base, tokens.unit, errors, { width: 420, height: 700 });
    await p.getByText("当前不在 Excel 中运行").waitFor();
    // a workbook filled outside Excel: uploaded, checked, saved as the unit's draft
    const form = FormSchema.parse(demoForm("target", { year: 2025, unit: { code: "U01", name: "区林业局" }, project: { code: "P-UP", name: "上传项目" } }));
    const bytes = await renderWorkbook(layoutForm("target", form, starterLibrary()));
    await p.getByTestId("save-uploaded").click();
    await p.getByTestId("upload").setInputFiles({ name: "上传项目.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: bytes });
    await p.getByText("已保存为草稿，版本 1").waitFor();
    await p.screenshot({ path: path.join(outDir, "90-browser-no-excel.png") });
    await p.context().close();
  }, 60_000);

  it("shows an old webview what to update instead of a blank pane", async () => {
    const context = await suite.browser.newContext({ userAgent: "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko", viewport: { width: 420, height: 500 } });
    const p = await context.newPage();
    await p.goto(`${suite.base}/taskpane.html`);
    // office.js (a blocking script in the head) may take a while under load: wait, do not sample
    await p.locator("#old-webview").waitFor({ state: "visible", timeout: 15_000 });
    expect(await p.locator("#root").isVisible()).toBe(false);
    expect(await p.locator("#old-webview").innerText()).toContain("WebView2");
    await p.screenshot({ path: path.join(outDir, "91-old-webview.png") });
    await context.close();
  }, 60_000);
});
