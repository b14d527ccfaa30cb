// The pane as a department accountant and a finance clerk meet it at its edges, in headless
// Chromium against a real `jixiao serve --http`: a first run with a mistyped address, the server
// down and a wrong token; a narrow pane (320 px, Excel's default width); the indicator picker's
// names and its empty result; a 409 between two panes on the same form; the finance review list
// with many forms; a save of a form finance approved meanwhile (locked, not a conflict). Screenshots under test-output/e2e/qa-*.png.
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { apiFetch, describeBrowser, fakeExcel, forestryBureau, formSheet, paneSuite, signIn, waterBureau } from "./harness.ts";

describeBrowser("the pane at its edges", () => {
  const units = [forestryBureau, waterBureau];
  const suite = paneSuite("qa", { units, tokens: { unit: ["unit", "U01"], unit2: ["unit", "U02"], finance: ["finance"] } });
  const { tokens, errors } = suite;

  const shot = (page: Page, name: string) => suite.shot(page, name, { fullPage: false });
  /** A pane 320 px wide, as Excel opens it. */
  const pane = () => suite.narrowPane();
  const enter = (page: Page, token: string) => signIn(page, suite.base, token);
  /** The unit's form `project` opened in `page` from the forms list, at `revision`. */
  async function openForm(page: Page, project: string, revision: number): Promise<void> {
    await enter(page, tokens.unit);
    await page.locator('[data-testid="forms"] button', { hasText: project }).click();
    await page.getByTestId("check").waitFor();
    await expect.poll(() => page.getByTestId("current").innerText()).toContain(`版本 ${revision}`);
  }

  it("says in Chinese what is wrong on a first run, keeping what was typed", async () => {
    const page = await pane();
    const error = () => page.locator(".fui-MessageBar").innerText();
    await page.locator('input[name="server"]').fill("jixiao.example.gov.cn");
    await page.locator('input[name="token"]').fill("jx_typed");
    await page.locator('input[name="token"]').press("Enter");
    await expect.poll(error).toContain("服务器地址应以 http:// 或 https:// 开头");

    await page.locator('input[name="server"]').fill("http://127.0.0.1:1");
    await page.locator('input[name="token"]').press("Enter");
    await expect.poll(error).toContain("无法连接服务器 http://127.0.0.1:1");
    expect(await error()).not.toContain("保存将排队"); // nothing is being saved on a first run
    await shot(page, "server-down");

    await page.locator('input[name="server"]').fill(suite.base);
    await page.locator('input[name="token"]').press("Enter");
    await expect.poll(error).toContain("令牌无效");
    expect(await page.locator('input[name="token"]').inputValue()).toBe("jx_typed");
    await page.context().close();
  }, 60_000);

  it("fits a 320 px pane and names the picker's controls", async () => {
    const page = await pane();
    await enter(page, tokens.unit);
    await page.getByText("本单位的表单").waitFor();
    // the year and the project code sit side by side without one covering the other
    const year = (await page.getByTestId("new-year").locator("xpath=..").boundingBox())!;
    const code = (await page.getByTestId("new-code").locator("xpath=..").boundingBox())!;
    expect(year.x + year.width).toBeLessThanOrEqual(code.x);
    expect(code.x + code.width).toBeLessThanOrEqual(320);
    await shot(page, "narrow-forms");

    await page.getByRole("tab", { name: "选指标" }).click();
    await page.getByRole("textbox", { name: "搜索指标：名称、拼音或首字母（如 slfg）" }).fill("森林");
    await page.getByRole("combobox", { name: "所属领域" }).selectOption("water");
    await page.getByRole("combobox", { name: "一级指标" }).waitFor();
    await page.getByTestId("no-results").getByText("没有找到符合的指标").waitFor();
    await shot(page, "picker-no-results");
    await page.context().close();
  }, 60_000);

  it("on a 409 between two panes, drops the stale 'saved' and shows where the versions differ", async () => {
    await suite.demoForm(tokens.unit, "target", { year: 2025, unit: forestryBureau, project: { code: "P001", name: "森林资源管护项目" } }, "saved");

    const a = await pane();
    await openForm(a, "森林资源管护项目", 1);
    const sheet = await formSheet(a);
    const overall = (await fakeExcel<number>(a, "findRow", sheet, "总体目标"))!;
    await a.getByTestId("save").click();
    await a.getByTestId("banner").getByText("已保存，版本 2").waitFor();

    const b = await pane();
    await openForm(b, "森林资源管护项目", 2);
    await fakeExcel(b, "type", sheet, { [`B${overall}`]: "另一位同事改写的总体目标：管护全区森林资源，巩固生态屏障。" });
    await b.getByTestId("save").click();
    await b.getByTestId("banner").getByText("已保存，版本 3").waitFor();

    await fakeExcel(a, "type", sheet, { [`B${overall}`]: "我改写的总体目标：管护全区森林资源，提高森林覆盖率。" });
    await a.getByTestId("save").click();
    const bar = a.getByTestId("conflict");
    await bar.waitFor();
    await expect.poll(() => a.getByTestId("banner").count()).toBe(0);
    const text = await bar.innerText();
    expect(text).toContain("第 3 版");
    expect(text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/); // a time as people write it, not ISO
    expect(text).not.toContain("#"); // nor a token id
    await bar.getByRole("button", { name: "比较" }).click();
    const differs = await a.locator('[data-testid="compare"] [data-differs]').allInnerTexts();
    expect(differs.some((l) => l.includes("我改写的总体目标"))).toBe(true);
    expect(differs.some((l) => l.includes("另一位同事改写的总体目标"))).toBe(true);
    await shot(a, "conflict-compare");
    await a.context().close();
    await b.context().close();
  }, 120_000);

  it("tells a locked form from an edit conflict: approved behind the pane's back, a save says so and who can reopen it", async () => {
    const key = await suite.demoForm(tokens.unit, "target", { year: 2025, unit: forestryBureau, project: { code: "P002", name: "林业有害生物防治项目" } }, "saved");
    const page = await pane();
    // the event stream does not get through (a proxy that buffers it): the pane learns of the
    // approval only from the save's 409
    await page.route(/\/api\/events/, (route) => route.abort());
    await openForm(page, "林业有害生物防治项目", 1);

    // submitted from another computer and approved by finance while this pane still holds a draft
    const post = (token: string, p: string, rev: number) => apiFetch(suite.base, "POST", p, token, undefined, { "If-Match": `"${rev}"` });
    expect((await post(tokens.unit, `${key}/submit`, 1)).status).toBe(200);
    expect((await post(tokens.finance, `${key}/approve`, 1)).status).toBe(200);

    const sheet = await formSheet(page);
    const overall = (await fakeExcel<number>(page, "findRow", sheet, "总体目标"))!;
    await fakeExcel(page, "type", sheet, { [`B${overall}`]: "审核通过之后又改写的总体目标。" });
    await page.getByTestId("save").click();
    const banner = page.getByTestId("banner");
    await expect.poll(() => banner.innerText()).toContain("审核通过并锁定");
    const text = await banner.innerText();
    expect(text).toContain("本次修改未保存");
    expect(text).toContain("请联系财政局撤销审核");
    // when, to the minute in Beijing time as the pane shows every time (addin/src/conflict.ts when)
    const approvedAt = /于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 审核通过/;
    expect(text).toMatch(approvedAt);
    // not an edit conflict: nothing to keep or take, and the form now shows as approved
    expect(await page.getByTestId("conflict").count()).toBe(0);
    expect(await page.getByRole("button", { name: "保留我的" }).count()).toBe(0);
    await expect.poll(() => page.getByTestId("current").innerText()).toContain("已审核");
    // nor is the refused save left counted as waiting to go out
    await expect.poll(() => page.getByText("待发送").count()).toBe(0);
    await shot(page, "approved-locked");
    // a second save is not sent: the pane knows the form is final
    const sent: string[] = [];
    page.on("request", (r) => r.method() === "PUT" && sent.push(r.url()));
    await page.getByTestId("save").click();
    await expect.poll(() => banner.innerText()).not.toMatch(approvedAt);
    expect(await banner.innerText()).toContain("请联系财政局撤销审核");
    expect(sent).toEqual([]);
    expect((await suite.api("GET", key, tokens.unit)).revision).toBe(1);
    await page.context().close();
  }, 120_000);

  it("brings an opened form's review into view in a long finance list", async () => {
    for (let i = 0; i < 30; i++) {
      const u = units[i % 2]!;
      const token = i % 2 ? tokens.unit2 : tokens.unit;
      await suite.demoForm(token, "target", { year: 2025, unit: u, project: { code: `Q${String(i).padStart(3, "0")}`, name: `测试项目${i}号` } });
    }
    const page = await pane();
    await enter(page, tokens.finance);
    // finance opens on its overview: the review list is one tab over
    await page.getByRole("tab", { name: "审核" }).click();
    await page.getByTestId("finance-forms").waitFor();
    await page.locator('[data-testid="finance-forms"] button').nth(20).click();
    const detail = page.getByTestId("review-detail");
    await detail.waitFor();
    await expect.poll(async () => (await detail.boundingBox())!.y, { timeout: 5_000 }).toBeLessThan(page.viewportSize()!.height - 100);
    await page.getByTestId("return").waitFor();
    await shot(page, "finance-long-list");
    expect(await page.getByTestId("notice").getByRole("button", { name: "关闭" }).count()).toBe(1);
    await page.context().close();
    expect(errors).toEqual([]);
  }, 120_000);

});
