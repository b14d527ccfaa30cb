// The unit's pane walked as an accountant walks it, at 320 px (Excel's default pane width), in
// headless Chromium against a real `jixiao serve --http`, with the stand-in Excel host under the
// same adapter code: two forms of one kind and a return on the second; picks with the active cell
// on a funds row, twice, a question before a filled row is replaced, and undo; a full check of a
// form whose amounts are still blank; a notice with its deadline and a rectification answered; a
// self-evaluation started from the approved target; the browser path (no Excel) from a template to
// a submit through one re-upload. Screenshots: test-output/e2e/unit-*.png.
import path from "node:path";
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { demoForm } from "../../server/demo-form.ts";
import { renderWorkbook } from "../../server/xlsx/render.ts";
import { FormSchema } from "../../shared/form.ts";
import { layoutForm } from "../../shared/sheet/layout.ts";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { browserPathPane, describeBrowser, fakeExcel, forestryBureau, formSheet, outDir, paneSuite } from "./harness.ts";

const T = "绩效目标申报表";

describeBrowser("the unit's pane, walked at 320 px", () => {
  const unit = { code: "U01", name: "区林业局" };
  const suite = paneSuite("unit", { units: [forestryBureau], tokens: { unit: ["unit", "U01"], finance: ["finance"] } });
  const { tokens, errors } = suite;

  /** the whole window; with `guide`, also the pane alone as the user guide's picture of that step */
  const shot = async (page: Page, name: string, guide?: string) => {
    await suite.shot(page, name, { fullPage: false });
    if (guide) await page.screenshot({ path: path.join(outDir, `guide-${guide}.png`), clip: { x: 0, y: 0, width: 320, height: 620 } });
  };
  /** a form saved and submitted by the unit through the API; approved by finance when asked */
  async function stored(kind: "target" | "selfEval", code: string, name: string, approve = false) {
    const key = await suite.demoForm(tokens.unit, kind, { year: 2025, unit, project: { code, name } });
    if (approve) await suite.api("POST", `${key}/approve`, tokens.finance, undefined, { "If-Match": `"${(await suite.api("GET", key, tokens.finance)).revision}"` });
    return key;
  }

  const pane = () => suite.narrowPane();
  /** a pane at 320 px, signed in as the unit, on its forms */
  async function unitPane(): Promise<Page> {
    const page = await suite.narrowPane(tokens.unit);
    await page.getByText("本单位的表单").waitFor();
    return page;
  }
  async function insert(page: Page, code: string, name: string, kind = "target") {
    await page.getByRole("tab", { name: "表单" }).click();
    await page.getByTestId("new-kind").selectOption(kind);
    await page.getByTestId("new-year").fill("2025");
    await page.getByTestId("new-code").fill(code);
    await page.getByTestId("new-name").fill(name);
    await page.getByTestId("insert-form").click();
    await expect.poll(() => page.getByTestId("current").innerText()).toContain(name);
  }

  it("explains itself on a first run and links the user guide", async () => {
    const page = await pane();
    await page.getByTestId("about").getByText("财政局提供的 Excel 插件").waitFor();
    await page.getByText("向本地财政局绩效科索取本单位的令牌").waitFor();
    await shot(page, "first-run", "01-first-run");
    const guide = await page.getByTestId("guide-link").getAttribute("href");
    expect(guide).toBe(`${suite.base}/guide/`);
    const res = await fetch(guide!);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("令牌");
    for (const img of [...html.matchAll(/<img[^>]+src="([^"]+)"/g)].map((m) => m[1]!)) expect((await fetch(new URL(img, guide!))).status, img).toBe(200);
    await page.context().close();
  }, 60_000);

  it("puts finance's comments on the second form's own sheet when two forms of one kind share the workbook", async () => {
    const page = await unitPane();
    await insert(page, "P001", "森林资源管护项目");
    await insert(page, "P002", "林业有害生物防治项目");
    expect((await fakeExcel<{ name: string }[]>(page, "sheetNames")).map((s) => s.name)).toEqual(expect.arrayContaining([T, `${T}(2)`]));
    // P002 saved and submitted (as another colleague's pane would), opened over its own sheet
    const key = await stored("target", "P002", "林业有害生物防治项目");
    await page.getByRole("tab", { name: "表单" }).click();
    await page.reload();
    await page.getByText("本单位的表单").waitFor();
    await page.locator('[data-testid="forms"] button', { hasText: "林业有害生物防治项目" }).click();
    await expect.poll(() => page.getByTestId("current").innerText()).toContain("已报送");
    expect((await fakeExcel<{ name: string }[]>(page, "sheetNames")).map((s) => s.name).filter((n) => n.startsWith(T))).toEqual([T, `${T}(2)`]);
    // the stored form's findings are clickable at once
    const findings = page.locator('[data-testid="finding"] button');
    if (await findings.count()) expect(await findings.first().isEnabled()).toBe(true);
    // finance returns it; its comment names the kind's sheet, as finance's own workbook calls it
    const header = (await fakeExcel<number>(page, "findRow", `${T}(2)`, "三级指标"))!;
    const cell = `F${header + 1}`;
    const rev = (await suite.api("GET", key, tokens.finance)).revision as number;
    await suite.api("POST", `${key}/return`, tokens.finance, { comment: "请核实指标值。", cells: [{ sheet: T, cell, comment: "防治面积应与年报一致" }] }, { "If-Match": `"${rev}"` });
    await page.getByTestId("returned").waitFor({ timeout: 15_000 });
    await expect.poll(() => fakeExcel<{ fill: string } | null>(page, "get", `${T}(2)`, cell).then((c) => c?.fill)).toBe("#F8CBAD");
    expect((await fakeExcel<{ fill: string } | null>(page, "get", T, cell))?.fill ?? null).toBeNull(); // not on the first form
    expect(await page.getByTestId("banner").count()).toBe(0); // no "submitted" above a returned form
    await page.getByTestId("return-comment").click();
    await page.waitForFunction(([s, r]) => (window as any).__fakeExcel.books.selection?.sheet === s && (window as any).__fakeExcel.books.selection?.r === r, [`${T}(2)`, header] as const);
    await shot(page, "two-forms-return-on-second");
    await page.context().close();
  }, 120_000);

  it("picks into the indicator grid, never the funds row; asks before replacing; undoes; checks everything at once", async () => {
    const page = await unitPane();
    await insert(page, "P003", "森林防火项目");
    const sheet = await formSheet(page);
    const funds = (await fakeExcel<number>(page, "findRow", sheet, "年度资金总额"))!;
    const header = (await fakeExcel<number>(page, "findRow", sheet, "三级指标"))!;
    await fakeExcel(page, "select", sheet, `B${funds}`);
    await page.getByRole("tab", { name: "选指标" }).click();
    // the project's field first; Enter picks the first hit
    await page.getByText("林业领域的指标在前").waitFor();
    await page.getByTestId("search").fill("slfg");
    await page.locator('[data-testid="results"] button').first().waitFor();
    await page.getByTestId("search").press("Enter");
    await page.getByText(`已填入第 ${header + 1} 行`).waitFor();
    expect((await fakeExcel<{ value: string }>(page, "get", sheet, `C${header + 1}`))?.value).toBe("森林覆盖率");
    expect((await fakeExcel<{ value: unknown } | null>(page, "get", sheet, `C${funds}`))?.value ?? "").toBe("");
    expect(await page.evaluate(() => (window as any).__fakeExcel.books.selection.r)).toBe(header + 1); // moved down
    // a second pick goes under the first
    await page.getByTestId("search").fill("森林火灾");
    await page.locator('[data-testid="results"] button').first().click();
    await page.getByText(`已填入第 ${header + 2} 行`).waitFor();
    const second = (await fakeExcel<{ value: string }>(page, "get", sheet, `C${header + 2}`))!.value;
    expect(second).toContain("森林火灾");
    await shot(page, "picked-twice", "02-picker");
    // undo the second pick: the row is empty again
    await page.getByTestId("undo").click();
    await expect.poll(() => fakeExcel<{ value: unknown } | null>(page, "get", sheet, `C${header + 2}`).then((c) => c?.value ?? "")).toBe("");
    expect((await fakeExcel<{ value: string }>(page, "get", sheet, `C${header + 1}`))?.value).toBe("森林覆盖率");
    await page.getByText("已撤销").waitFor();
    await shot(page, "undone");
    // the active cell on a filled row: the pane asks
    await fakeExcel(page, "select", sheet, `A${header + 1}`);
    await page.getByTestId("search").fill("森林火灾");
    await page.locator('[data-testid="results"] button').first().click();
    await page.getByText(`第 ${header + 1} 行已有指标“森林覆盖率”`).waitFor();
    await shot(page, "ask-replace");
    await page.getByTestId("next-row").click();
    await page.getByText(`已填入第 ${header + 2} 行`).waitFor();
    expect((await fakeExcel<{ value: string }>(page, "get", sheet, `C${header + 1}`))?.value).toBe("森林覆盖率");
    // one check with the amounts blank reports the amounts and the rows' findings together
    await fakeExcel(page, "type", sheet, { [`F${header + 1}`]: "进一步提高" });
    await page.getByRole("tab", { name: "检查与报送" }).click();
    await page.getByTestId("check").click();
    await page.getByTestId("count-error").waitFor();
    const rules = await page.locator('[data-testid="finding"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-rule")));
    expect(rules).toEqual(expect.arrayContaining(["P002", "I208"]));
    const text = await page.getByTestId("findings").innerText();
    expect(text).toContain(`年度资金总额`);
    expect(text).toContain(`第${header + 1}行指标`);
    expect(text).not.toContain("（funds.total）");
    await shot(page, "check-blank-amounts", "03-check");
    await page.getByTestId("group-toggle").click();
    await page.locator('[data-testid="finding-group"][data-group="P002"]').waitFor();
    await shot(page, "check-by-rule");
    // what the check read, and from which cells (closed until asked for)
    await page.getByTestId("what-was-read").getByRole("button").click();
    const read = await page.getByTestId("what-was-read").innerText();
    expect(read).toContain(`[${sheet}] 绩效目标申报表（依据表样信息）`);
    expect(read).toContain("A8“年度资金总额” → 年度资金总额（funds.total），取值于 B8");
    expect(read).toContain("表头字段");
    await page.getByTestId("what-was-read").scrollIntoViewIfNeeded();
    await shot(page, "what-was-read");
    await page.getByTestId("what-was-read").getByRole("button").click();
    // a blocked submit is one line that goes to the findings (the amounts filled, the rows' errors left)
    await fakeExcel(page, "type", sheet, { [`B${funds}`]: 120, [`G${funds}`]: 100, [`B${funds + 1}`]: 20 });
    await page.getByTestId("save").click();
    await page.getByText(/已保存，版本 1/).waitFor();
    await page.getByTestId("submit").click();
    const banner = page.getByTestId("banner");
    await banner.getByText(/个错误，不能报送/).waitFor();
    expect((await banner.boundingBox())!.height).toBeLessThan(120);
    await banner.getByTestId("show-findings").click();
    await shot(page, "submit-blocked");
    // history: the revisions and what changed
    await page.getByTestId("history").click();
    await page.getByTestId("revisions").waitFor();
    await page.locator('[data-testid="revisions"] button[data-revision="1"]').click();
    await page.getByText("第 1 版（首次保存）").waitFor();
    await page.context().close();
  }, 180_000);

  it("shows a notice with its deadline and answers a rectification from the pane", async () => {
    const deadline = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await suite.api("POST", "/api/notices", tokens.finance, { year: 2025, kind: "target", units: [unit.code], deadline, title: "关于报送2025年度项目支出绩效目标的通知", text: "请各单位于截止日前通过绩效填报插件报送绩效目标申报表。" });
    await suite.api("POST", "/api/rectifications", tokens.finance, { year: 2025, unit: unit.code, project: "P002", kind: "target", requirement: "产出指标缺少数量指标，请补充并说明依据。", deadline });
    const page = await unitPane();
    await page.getByRole("tab", { name: "通知与整改" }).click();
    const notice = page.getByTestId("notice").first();
    await notice.getByText("关于报送2025年度项目支出绩效目标的通知").waitFor();
    expect(await notice.innerText()).toMatch(/还剩 \d+ 天/);
    expect(await notice.locator("[data-state]").count()).toBeGreaterThan(0);
    const item = page.getByTestId("rectification").first();
    await item.getByText("产出指标缺少数量指标").waitFor();
    await item.getByTestId("measures").fill("已补充“有害生物防治面积”数量指标，依据年度防治计划。");
    await item.getByTestId("evidence").fill("区林业局〔2025〕12号文《年度防治计划》");
    await shot(page, "rectification-answering");
    await item.getByTestId("answer-rect").click();
    await page.locator('[data-testid="rectification"][data-state="answered"]').waitFor();
    await shot(page, "notice-and-rectification", "04-year");
    const list = await suite.api("GET", "/api/rectifications?unit=U01", tokens.finance);
    expect(list.rectifications[0].answers[0].evidence).toContain("12号文");
    // finance issues the year's results notice: the unit sees its own line
    const year = new Date().getFullYear();
    await suite.api("GET", `/api/results?year=${year}`, tokens.finance);
    await page.getByRole("tab", { name: "表单" }).click();
    await page.getByRole("tab", { name: "通知与整改" }).click();
    await page.getByTestId("results-notice").getByText(`${year} 年度绩效结果通报`).waitFor();
    await shot(page, "results-notice");
    await page.context().close();
  }, 120_000);

  it("starts a self-evaluation from the approved target", async () => {
    await stored("target", "P010", "天然林保护项目", true);
    const page = await unitPane();
    await page.getByTestId("new-kind").selectOption("selfEval");
    await page.getByTestId("new-year").fill("2025");
    await page.getByTestId("new-project").selectOption("P010");
    expect(await page.getByTestId("new-name").inputValue()).toBe("天然林保护项目");
    await page.getByTestId("start-from").getByText("从已审核的 2025 年绩效目标开始").click();
    await expect.poll(() => page.getByTestId("current").innerText()).toContain("天然林保护项目");
    const sheet = await formSheet(page);
    expect(sheet).toContain("自评");
    const target = demoForm("target", { year: 2025, unit, project: { code: "P010", name: "天然林保护项目" } });
    expect(await fakeExcel<number | null>(page, "findRow", sheet, target.indicators[0]!.name!)).not.toBeNull();
    await shot(page, "selfeval-from-target");
    await page.context().close();
    expect(errors).toEqual([]);
  }, 120_000);
  it("walks the browser path without Excel: template, upload, download with its revision, re-upload, submit", async () => {
    const page = await browserPathPane(suite.browser, suite.base, tokens.unit, errors);
    // the template
    const [template] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "绩效目标申报表" }).click()]);
    expect(template.suggestedFilename()).toBe("绩效目标申报表.xlsx");
    expect(readFileSync((await template.path())!).subarray(0, 2).toString()).toBe("PK");
    // filled in WPS (a text target left in it), uploaded and saved as revision 1
    const form = FormSchema.parse(demoForm("target", { year: 2025, unit, project: { code: "P-WEB", name: "林区道路养护项目" } }));
    form.indicators[1]!.target = "进一步提高";
    const filled = await renderWorkbook(layoutForm("target", form, starterLibrary()));
    const file = (buffer: Uint8Array | Buffer, name = "林区道路养护项目.xlsx") => ({ name, mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from(buffer) });
    await page.getByTestId("save-uploaded").click();
    await page.getByTestId("upload").setInputFiles(file(filled));
    await page.getByTestId("upload-saved").getByText("已保存为草稿，版本 1").waitFor();
    const row = page.locator('[data-testid="browser-forms"] li[data-project="P-WEB"]');
    await row.waitFor();
    // a finding is not a button outside Excel: its cell reference is text to copy
    expect(await page.locator('[data-testid="finding"] button').count()).toBe(0);
    expect(await page.locator('[data-testid="finding"][data-rule="I208"]').innerText()).toMatch(/F\d+/);
    await shot(page, "browser-uploaded");
    // submitting with the error is refused in one line
    await row.getByTestId("browser-submit").click();
    await page.getByText("有错误，不能报送").waitFor();
    // the saved form downloaded carries revision 1; fixed, it uploads back as revision 2
    const [saved] = await Promise.all([page.waitForEvent("download"), row.getByTestId("download-saved").click()]);
    expect(saved.suggestedFilename()).toContain("版本1");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await saved.path())!) as never);
    let fixed = 0;
    book.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => {
      if (c.value === "进一步提高") {
        c.value = 95;
        fixed++;
      }
    })));
    expect(fixed).toBe(1);
    const fixedBytes = Buffer.from(await book.xlsx.writeBuffer());
    await page.getByTestId("upload").setInputFiles(file(fixedBytes));
    await page.getByTestId("upload-saved").getByText("已保存为草稿，版本 2").waitFor();
    await expect.poll(() => row.getAttribute("data-status")).toBe("draft");
    await expect.poll(() => row.innerText()).toContain("版本 2");
    // the same file twice: the second upload is seen (and refused as behind the server), not ignored
    await page.getByTestId("upload").setInputFiles(file(fixedBytes));
    await page.locator('[data-testid="upload-saved"][data-saved="refused"]').waitFor();
    await expect.poll(() => row.innerText()).toContain("版本 2");
    await row.getByTestId("browser-submit").click();
    await expect.poll(() => row.getAttribute("data-status")).toBe("submitted");
    await shot(page, "browser-submitted");
    await page.context().close();
  }, 120_000);
});
