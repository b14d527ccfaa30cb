// A project's documents (docs/documents.md) walked at 320 px in Chromium over the stand-in Excel
// host, against a real `jixiao serve --http`: the unit opens its project's target form, uploads its
// self-evaluation report (a real .docx) with the pane's <input type=file>, is refused a renamed
// program in its own language, uploads a second version, downloads the first back byte for byte;
// finance opens the form to review, sees the unit's report, uploads the evaluation plan (a PDF)
// and downloads the report; a unit without Excel does the same on the browser path. Screenshots:
// test-output/e2e/documents-*.png.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { onePagePdf, planDocx, scoresXlsx, windowsProgram } from "../documents/files.ts";
import { browserPathPane, describeBrowser, forestryBureau, paneSuite } from "./harness.ts";

describeBrowser("a project's documents in the pane, at 320 px", () => {
  const suite = paneSuite("documents", { units: [forestryBureau], tokens: { unit: ["unit", "U01"], finance: ["finance"] } });
  const { tokens, errors } = suite;
  const key = "/api/submissions/2025/U01/P001/target";
  let report: Uint8Array;
  const shot = (page: Page, name: string) => suite.shot(page, name);
  const pane = (token: string) => suite.narrowPane(token);
  async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Uint8Array }> {
    const [download] = await Promise.all([page.waitForEvent("download"), click()]);
    return { name: download.suggestedFilename(), bytes: new Uint8Array(readFileSync((await download.path())!)) };
  }
  const fitsWidth = async (page: Page) => expect(await page.evaluate(() => document.getElementById("root")!.scrollWidth)).toBeLessThanOrEqual(320);

  it("the unit uploads its self-evaluation report on the project, is refused a renamed program, uploads a second version and downloads the first", async () => {
    await suite.demoForm(tokens.unit, "target", { year: 2025, unit: forestryBureau, project: { code: "P001", name: "林区防火通道维修项目" } });
    report = await planDocx("林区防火通道维修项目绩效自评报告");

    const page = await pane(tokens.unit);
    await page.getByTestId("forms").getByText("林区防火通道维修项目").click();
    await expect.poll(() => page.getByTestId("current").innerText()).toContain("林区防火通道维修项目");
    await page.getByRole("tab", { name: "检查与报送" }).click();
    const docs = page.getByTestId("documents");
    await docs.getByText("不超过 20 MB").waitFor();
    await docs.getByTestId("document-selfEvalReport").getByText("尚未上传").waitFor();
    await shot(page, "01-unit-none-yet");

    await page.getByTestId("document-file-selfEvalReport").setInputFiles({ name: "林区防火通道维修项目自评报告.docx", mimeType: "application/octet-stream", buffer: Buffer.from(report) });
    await page.getByTestId("document-note").getByText("已上传自评报告第 1 版").waitFor();
    const line = docs.getByTestId("document-selfEvalReport");
    await line.getByText("林区防火通道维修项目自评报告.docx").waitFor();
    expect(await line.innerText()).toContain("第 1 版");
    await shot(page, "02-unit-uploaded");

    // a program renamed to .pdf: refused, said in Chinese only, what is taken named, nothing kept
    await page.getByTestId("document-file-selfEvalReport").setInputFiles({ name: "自评报告.pdf", mimeType: "application/pdf", buffer: Buffer.from(windowsProgram()) });
    const refused = line.getByTestId("document-error");
    await refused.waitFor();
    const said = await refused.innerText();
    expect(said).toContain("只接受PDF、Word（.docx）或 Excel（.xlsx）文件");
    expect(said).not.toMatch(/only a PDF/);
    await shot(page, "03-unit-refused");

    await page.getByTestId("document-file-selfEvalReport").setInputFiles({ name: "自评得分表.xlsx", mimeType: "application/vnd.ms-excel", buffer: Buffer.from(await scoresXlsx()) });
    await page.getByTestId("document-note").getByText("已上传自评报告第 2 版").waitFor();
    await line.getByText("自评得分表.xlsx").waitFor();
    expect(await line.getByTestId("document-error").count()).toBe(0);
    await line.getByText("较早的版本（1）").click();
    await shot(page, "04-unit-second-version");
    const first = await downloaded(page, () => line.locator('[data-testid="document-download"][data-version="1"]').click());
    expect(first.name).toBe("林区防火通道维修项目自评报告.docx");
    expect(first.bytes).toEqual(report);
    await fitsWidth(page);
    await page.context().close();
  }, 120_000);

  it("finance sees the unit's report when reviewing the project, uploads the evaluation plan and downloads the report", async () => {
    const page = await pane(tokens.finance);
    await page.getByRole("tab", { name: "审核" }).click();
    await page.getByTestId("review").waitFor();
    await page.locator(`[data-key="${key}"]`).click();
    const docs = page.getByTestId("review-detail").getByTestId("documents");
    await docs.getByTestId("document-selfEvalReport").getByText("自评得分表.xlsx").waitFor();
    await page.getByTestId("document-file-evalPlan").setInputFiles({ name: "林区防火通道维修项目绩效评价方案.pdf", mimeType: "application/pdf", buffer: Buffer.from(onePagePdf("Evaluation plan")) });
    await page.getByTestId("document-note").getByText("已上传评价方案第 1 版").waitFor();
    await docs.getByTestId("document-evalPlan").getByText("林区防火通道维修项目绩效评价方案.pdf").waitFor();
    await docs.getByTestId("document-evalPlan").scrollIntoViewIfNeeded();
    await shot(page, "05-finance-review");
    const got = await downloaded(page, () => docs.getByTestId("document-selfEvalReport").locator('[data-testid="document-download"][data-version="2"]').click());
    expect(got.name).toBe("自评得分表.xlsx");
    expect(got.bytes.subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    const listed = await suite.api("GET", "/api/documents/2025/U01/P001", tokens.unit);
    expect(listed.documents.map((d: { kind: string; version: number; by: string }) => [d.kind, d.version, d.by.split("#")[0]])).toEqual([
      ["evalPlan", 1, "finance"],
      ["selfEvalReport", 1, "unit:U01"],
      ["selfEvalReport", 2, "unit:U01"],
    ]);
    // (finance's six tabs ran off the edge at 320 px before they wrapped)
    await fitsWidth(page);
    await page.context().close();
  }, 120_000);

  it("a unit without Excel lists and uploads them beside its form on the browser path", async () => {
    const page = await browserPathPane(suite.browser, suite.base, tokens.unit, errors);
    const row = page.locator('[data-testid="browser-forms"] li[data-project="P001"]');
    await row.getByTestId("browser-documents").click();
    const docs = row.getByTestId("documents");
    await docs.getByTestId("document-evalPlan").getByText("林区防火通道维修项目绩效评价方案.pdf").waitFor();
    await page.getByTestId("document-file-selfEvalReport").setInputFiles({ name: "自评报告（定稿）.pdf", mimeType: "application/pdf", buffer: Buffer.from(onePagePdf("Self-evaluation report, final")) });
    await page.getByTestId("document-note").getByText("已上传自评报告第 3 版").waitFor();
    await docs.getByTestId("document-selfEvalReport").getByText("自评报告（定稿）.pdf").waitFor();
    await shot(page, "06-browser-path");
    await fitsWidth(page);
    await page.context().close();
  }, 120_000);

  it("threw nothing in the page", () => {
    expect(errors).toEqual([]);
  });
});
