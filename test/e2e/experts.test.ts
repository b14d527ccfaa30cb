// Expert review walked in Chromium at Excel's pane width (320 px), over the stand-in Excel host,
// against a real `jixiao serve --http` (docs/experts.md): the admin adds experts and issues one's
// token in the 人员 tab; finance assigns a target form to three experts in the 专家评审 tab; the
// expert sees their assignments with due dates, opens the form read-only into a protected sheet,
// comments on a cell they select there and on a row in the pane, fills the sheet, sees nobody's
// scores until they submit, then the panel with the outlier marked; downloads an assigned plan;
// the same tab in a plain browser; finance reads the panel and records the conclusion. Screenshots under test-output/e2e/experts-*.png.
import { beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { demoForm } from "../../server/demo-form.ts";
import { planDocx } from "../documents/files.ts";
import { atPaneWidth, describeBrowser, fakeExcel, forestryBureau, issueTokenInPane, paneSuite } from "./harness.ts";

const narrow = { width: 320, height: 1000 };

describeBrowser("expert review in the pane against jixiao serve", () => {
  const suite = paneSuite("experts", { units: [forestryBureau], tokens: { admin: ["admin", undefined, ["--label", "信息科"]], finance: ["finance"], unit: ["unit", "U01"] } });
  const { api, tokens, errors } = suite;
  /** the experts' tokens, issued by the admin in the first test */
  const experts = { e1: "", e2: "", e3: "" };
  const shot = (page: Page, name: string) => suite.shot(page, name);
  /** a pane at Excel's default width, connected with `token` */
  const pane = async (token: string) => {
    const page = await suite.pane(token, narrow);
    await atPaneWidth(page);
    return page;
  };
  const project = { code: "P001", name: "森林资源管护项目" };
  /** the unit's target form, as the demo form saved in beforeAll holds it */
  const form = demoForm("target", { year: 2025, unit: { code: "U01", name: "区林业局" }, project });
  const full = (s: number[]) => ({ completeness: s[0], clarity: s[1], relevance: s[2], measurability: s[3], budget: s[4] });

  beforeAll(async () => {
    await suite.demoForm(tokens.unit, "target", { year: 2025, unit: forestryBureau, project });
    const res = await fetch(`${suite.base}/api/documents/2025/U01/P001/evalPlan?name=${encodeURIComponent("森林资源管护项目绩效评价方案.docx")}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${tokens.unit}`, "Content-Type": "application/octet-stream" },
      body: (await planDocx("森林资源管护项目绩效评价方案")) as BodyInit,
    });
    expect(res.status).toBe(201);
  }, 120_000);

  it("the admin adds experts and issues an expert's token in the 人员 tab", async () => {
    const admin = await pane(tokens.admin);
    await admin.getByTestId("people").waitFor();
    for (const [code, name, field] of [
      ["E01", "张明", "performance"],
      ["E02", "李华", "industry"],
      ["E03", "王芳", "performance"],
    ] as const) {
      await admin.getByTestId("expert-code").fill(code);
      await admin.getByTestId("expert-name").fill(name);
      await admin.getByTestId("expert-field").selectOption(field);
      await admin.getByTestId("add-expert").click();
      await admin.locator(`[data-expert="${code}"]`).waitFor();
    }
    await admin.locator('[data-expert="E02"]').getByText("行业专家").waitFor();
    await admin.getByTestId("token-role").selectOption("expert");
    await admin.getByTestId("token-expert").selectOption("E01");
    experts.e1 = await issueTokenInPane(admin, "张明（绩效专家）");
    await admin.getByTestId("tokens").getByText("评审专家 · 张明").waitFor();
    await shot(admin, "01-people");
    experts.e2 = (await api("POST", "/api/tokens", tokens.admin, { role: "expert", expert: "E02" })).token;
    experts.e3 = (await api("POST", "/api/tokens", tokens.admin, { role: "expert", expert: "E03" })).token;
  });

  it("finance assigns the target form to three experts with a due date", async () => {
    const finance = await pane(tokens.finance);
    await finance.getByRole("tab", { name: "专家评审" }).click();
    await finance.getByTestId("experts-tab").waitFor();
    await finance.getByTestId("assign-kind").selectOption("target");
    await finance.getByTestId("assign-project").selectOption("2025/U01/P001");
    for (const e of ["E01", "E02", "E03"]) await finance.locator(`input[data-expert="${e}"]`).check();
    await finance.getByTestId("assign-due").fill("2026-12-20");
    await finance.getByTestId("assign").click();
    await finance.getByTestId("review-list").getByText("绩效目标表 · 森林资源管护项目").waitFor();
    await finance.getByTestId("review-list").getByText("0/3 已提交", { exact: false }).waitFor();
    await shot(finance, "02-assigned");
    await api("POST", "/api/reviews", tokens.finance, { year: 2025, unit: "U01", project: "P001", kind: "plan", experts: ["E01", "E02"], due: "2025-05-31" });
    await finance.close();
  });

  let expert: Page;
  let assigned = "";
  it("the expert sees their assignments, opens the form read-only, comments on cells, and sees nobody's scores before submitting", async () => {
    expert = await pane(experts.e1);
    await expert.getByTestId("expert-pane").waitFor();
    await expert.getByText("张明 · 绩效专家").waitFor();
    const items = expert.getByTestId("assignments").locator("[data-assignment]");
    await expect.poll(() => items.count()).toBe(2);
    await expert.getByText("截止 2026-12-20", { exact: false }).waitFor();
    // the plan's due date has passed: marked overdue
    await expert.getByTestId("assignments").getByText("已逾期").waitFor();
    await expert.getByText("评价方案 · 森林资源管护项目").waitFor();
    await shot(expert, "03-expert-list");

    const first = items.filter({ hasText: "绩效目标表" });
    assigned = (await first.getAttribute("data-assignment"))!;
    await first.click();
    await expert.getByTestId("assignment").waitFor();
    await expert.getByTestId("form-lines").getByText("森林资源管护项目").waitFor();

    // into a protected sheet; a cell selected there is commented on as the field it holds
    await expert.getByTestId("open-sheet").click();
    await expert.getByTestId("expert-note").getByText("仅供查阅", { exact: false }).waitFor();
    const sheets = await fakeExcel<{ name: string; visibility: string }[]>(expert, "sheetNames");
    const sheet = sheets.find((s) => s.visibility === "Visible" && s.name !== "Sheet1")!.name;
    const isProtected = await expert.evaluate((n) => (window as any).__fakeExcel.books.sheets.find((s: any) => s.name === n).protectedFlag, sheet);
    expect(isProtected).toBe(true);
    const firstIndicator = (form.indicators[0] as { name: string }).name;
    const row = await fakeExcel<number>(expert, "findRow", sheet, firstIndicator);
    expect(row).toBeGreaterThan(0);
    await fakeExcel(expert, "select", sheet, `D${row}`);
    await expert.getByTestId("comment-selection").click();
    await expert.getByText("对“第1行指标", { exact: false }).waitFor();
    await expert.getByTestId("cell-text").fill("指标值低于上年实际完成值，请说明依据");
    await expert.getByTestId("add-cell").click();
    // and a field from the pane's read-only list
    await expert.locator('[data-path="goals.annual"]').getByRole("button").click();
    await expert.getByTestId("cell-text").fill("年度目标未量化");
    await expert.getByTestId("add-cell").click();
    await expert.getByTestId("cell-comments").getByText("年度目标未量化").waitFor();

    // E02 and E03 submit first (E03 far below); E01 still sees none of it
    await api("POST", `/api/reviews/${assigned}/submit`, experts.e2, { scores: full([16, 15, 17, 14, 15]), comment: "李华：预算测算依据不足" });
    await api("POST", `/api/reviews/${assigned}/submit`, experts.e3, { scores: full([8, 9, 10, 8, 10]), comment: "王芳：指标普遍不可衡量" });
    for (const [id, v] of Object.entries({ completeness: "18", clarity: "16", relevance: "17", measurability: "15" })) await expert.getByTestId(`score-${id}`).fill(v);
    await expert.getByTestId("comment-completeness").fill("目标表要素齐全");
    await expert.getByTestId("overall").fill("总体较好，年度目标需量化。");
    await expert.getByTestId("save-sheet").click();
    await expert.getByText("草稿已保存。").waitFor();
    await expert.getByTestId("hidden-panel").getByText("已有 2 位提交", { exact: false }).waitFor();
    expect(await expert.content()).not.toContain("预算测算依据不足");
    await shot(expert, "04-sheet-draft");

    // incomplete: the server says which criterion is missing
    await expert.getByTestId("submit-sheet").click();
    await expert.getByTestId("expert-note").getByText("预算合理性", { exact: false }).waitFor();
    await expert.getByTestId("score-budget").fill("16");
    await expert.getByTestId("submit-sheet").click();
    await expert.getByText("评审表已提交，不能再修改。").waitFor();
    await expert.getByTestId("panel").waitFor();
    const total = expert.getByTestId("panel-total");
    await total.getByText("45 偏离").waitFor();
    expect(await total.locator('[data-outlier="true"]').count()).toBe(1);
    await expert.getByTestId("total").getByText("合计 82 分").waitFor();
    await shot(expert, "05-submitted-panel");
  }, 120_000);

  it("the expert downloads the assigned plan", async () => {
    await expert.getByRole("button", { name: "← 返回任务列表" }).click();
    await expert.getByTestId("assignments").locator("[data-assignment]").filter({ hasText: "评价方案" }).click();
    await expert.getByTestId("documents").getByText("森林资源管护项目绩效评价方案.docx", { exact: false }).waitFor();
    const [download] = await Promise.all([expert.waitForEvent("download"), expert.getByTestId("download-1").click()]);
    expect(download.suggestedFilename()).toBe("森林资源管护项目绩效评价方案.docx");
    await expert.getByText("第1轮", { exact: false }).first().waitFor();
    await shot(expert, "06-plan");
  }, 60_000);

  it("in a plain browser, without Excel: the same tab, the form listed read-only, no sheet to open", async () => {
    const context = await suite.browser.newContext({ locale: "zh-CN", viewport: narrow, acceptDownloads: true });
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    await page.addInitScript(`localStorage.setItem("jixiao.settings", JSON.stringify({ server: ${JSON.stringify(suite.base)}, token: ${JSON.stringify(experts.e2)} }))`);
    await page.goto(`${suite.base}/taskpane.html`);
    await page.getByTestId("expert-pane").waitFor();
    await page.getByText("李华 · 行业专家").waitFor();
    await page.getByTestId("assignments").locator(`[data-assignment="${assigned}"]`).getByText("已提交").waitFor();
    await page.getByTestId("assignments").locator(`[data-assignment="${assigned}"]`).click();
    await page.getByTestId("form-lines").getByText("森林资源管护项目").waitFor();
    expect(await page.getByTestId("open-sheet").count()).toBe(0);
    await page.getByTestId("panel-total").getByText("45 偏离").waitFor();
    await shot(page, "08-browser");
    await context.close();
  }, 60_000);

  it("finance reads the panel side by side and records the conclusion", async () => {
    const finance = await pane(tokens.finance);
    await finance.getByRole("tab", { name: "专家评审" }).click();
    await finance.locator(`[data-assignment="${assigned}"]`).click();
    await finance.getByTestId("review-panel").waitFor();
    await finance.getByTestId("panel-total").getByText("45 偏离").waitFor();
    await finance.locator('[data-review="E01"]').getByText("年度目标未量化", { exact: false }).waitFor();
    await finance.locator('[data-review="E01"]').getByText("第1行指标", { exact: false }).waitFor();
    await finance.getByTestId("verdict").selectOption("revise");
    await finance.getByTestId("conclusion-text").fill("修改后通过：量化年度目标，补充预算测算依据；王芳评分偏离，已复议。");
    await finance.getByTestId("conclude").click();
    await finance.getByTestId("conclusion").getByText("修改后通过").first().waitFor();
    await shot(finance, "07-conclusion");
    const audit = await api("GET", `/api/reviews/${assigned}`, tokens.finance);
    expect(audit.assignment.conclusion.verdict).toBe("revise");
    expect(errors).toEqual([]);
  }, 60_000);
});
