// The pane in the hosts bureaus really run, on the stand-in host's harder modes: Office's
// storage failing (the pane must not spin for ever), no storage at all (it says so, with a retry),
// Office slow to load (it shows the wait), and a second workbook (the first one's finding marks
// stay with the first). Screenshots under test-output/e2e/hosts-*.png, at 320 px.
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { atPaneWidth, describeBrowser, fakeExcel, type FakeExcelConfig, forestryBureau, formSheet, paneSuite } from "./harness.ts";

const narrow = { width: 320 + 700, height: 760 };

describeBrowser("the pane across hosts", () => {
  const suite = paneSuite("hosts", { units: [forestryBureau], tokens: { unit: ["unit", "U01"] } });
  const { errors } = suite;

  /** at Excel's default pane width, 320 px, the stand-in sheet beside it */
  async function shot(page: Page, name: string) {
    await atPaneWidth(page);
    await suite.shot(page, name, { fullPage: false });
  }

  async function pane(config: FakeExcelConfig, query = ""): Promise<Page> {
    const page = await suite.pane(undefined, narrow, config);
    await page.goto(`${suite.base}/taskpane.html${query}`);
    return page;
  }
  async function connect(page: Page) {
    await page.locator('input[name="token"]').waitFor({ timeout: 15_000 });
    await page.locator('input[name="token"]').fill(suite.tokens.unit);
    await page.getByRole("button", { name: "连接" }).click();
    await page.getByText("本单位的表单").waitFor();
  }
  async function insert(page: Page, kind: string, code: string, name: string) {
    await page.getByTestId("new-kind").selectOption(kind);
    await page.getByTestId("new-year").fill("2025");
    await page.getByTestId("new-code").fill(code);
    await page.getByTestId("new-name").fill(name);
    await page.getByTestId("insert-form").click();
    await page.getByText("已插入表样").waitFor();
  }
  async function check(page: Page) {
    await page.getByRole("tab", { name: "检查与报送" }).click();
    await page.getByTestId("check").click();
  }
  /** the pane opened again in another workbook of the same Excel (same browser storage) */
  async function openWorkbook(page: Page, name: string) {
    await page.evaluate((n) => sessionStorage.setItem("__fakeExcel.open", n), name);
    await page.reload();
    expect(await fakeExcel<string>(page, "workbook")).toBe(name);
  }

  it("does not spin for ever when Office's storage fails: it tests and takes the webview's", async () => {
    const page = await pane({ storage: "failing" });
    await connect(page);
    expect(await page.evaluate(() => (window as any).__jixiao.store)).toBe("localStorage");
    // a reload finds the settings it kept
    await page.reload();
    await page.getByText("本单位的表单").waitFor({ timeout: 15_000 });
    await page.context().close();
  }, 60_000);

  it("says so, with a retry, when no storage works, and still connects", async () => {
    const page = await pane({ storage: "none" });
    await page.getByTestId("storage-memory").waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("storage-memory").innerText()).toContain("无法在本机保存设置");
    await connect(page);
    await shot(page, "no-storage");
    await page.getByTestId("storage-retry").click();
    await page.getByTestId("storage-memory").waitFor();
    expect(await page.evaluate(() => (window as any).__jixiao.store)).toBe("memory");
    await page.context().close();
  }, 60_000);

  it("shows the wait while Office loads slowly, then runs in Excel", async () => {
    const page = await pane({ readyDelayMs: 2500 }, "?_host_Info=Excel$Win32$16.01$zh-CN$$$$0");
    await page.getByTestId("waiting-for-office").waitFor({ timeout: 10_000 });
    expect(await page.getByTestId("waiting-for-office").innerText()).toMatch(/正在等待 Excel 加载加载项/);
    await shot(page, "waiting");
    await page.locator('input[name="token"]').waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => (window as any).__jixiao.host.excel)).toBe(true);
    await page.context().close();
  }, 60_000);

  it("keeps a workbook's finding marks with that workbook", async () => {
    const page = await pane({});
    await connect(page);
    // Book1: a target form, checked (its findings marked and kept)
    await insert(page, "target", "P001", "森林资源管护项目");
    const book1Sheet = await formSheet(page);
    await check(page);
    await page.getByTestId("count-error").waitFor();
    // Book2: a monitoring form (another sheet name), then back to Book1 to check again, then Book2
    await openWorkbook(page, "Book2");
    await page.getByText("本单位的表单").waitFor({ timeout: 15_000 });
    await insert(page, "monitor", "P002", "水土保持项目");
    const book2Sheets = await fakeExcel<{ name: string; visibility: string }[]>(page, "sheetNames");
    expect(book2Sheets.map((s) => s.name)).not.toContain(book1Sheet);
    await openWorkbook(page, "Book1");
    await page.getByText("本单位的表单").waitFor({ timeout: 15_000 });
    await check(page);
    await page.getByTestId("count-error").waitFor();
    await openWorkbook(page, "Book2");
    await page.getByText("本单位的表单").waitFor({ timeout: 15_000 });
    await check(page);
    // Book1's marks are not put back on Book2 (which has no such sheet): the check completes
    await page.getByTestId("findings-summary").waitFor({ timeout: 15_000 });
    expect(await page.getByText("操作失败").count()).toBe(0);
    await shot(page, "second-workbook");
    // and Book1's own marks are still there for Book1
    const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("jixiao.marks.")));
    expect(stored.length).toBe(2);
    await page.context().close();
    expect(errors).toEqual([]);
  }, 120_000);
});
