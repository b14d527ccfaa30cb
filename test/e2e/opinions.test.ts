// Opinions on results and problems handed on, walked in the pane at 320 px against a real `jixiao
// serve` (docs/opinions.md): finance sends the results notice's draft to three units; one unit
// agrees and another objects in its own pane, with reasons and evidence; finance is refused
// finalising while the third is silent before the deadline (the refusal names it), accepts the
// objection, rejects the third unit's with the reason and finalises once all have answered; a key
// project's conclusion is changed by an accepted objection; a finding is handed on to the
// district's discipline commission and shows in the results notice, the unit's own line included.
// Screenshots: test-output/e2e/opinions-*.png.
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { beijingDay } from "../../shared/beijing.ts";
import { findingRow } from "../../shared/cycle/handover.ts";
import { describeBrowser, forestryBureau, outDir, paneSuite, thisYear as year, unitTokens, waterBureau } from "./harness.ts";

describeBrowser("opinions on results and problems handed on, in the pane at 320 px", () => {
  const units = [forestryBureau, waterBureau, { code: "U03", name: "区教育局", field: "education" }] as const;
  const suite = paneSuite("opinions", { units, tokens: { ...unitTokens(units), finance: ["finance"] } });
  const { api, tokens, errors } = suite;
  let finance: Page;
  /** the whole pane; with `focus`, also that part alone, readable at full size */
  const shot = async (page: Page, name: string, focus?: Locator) => {
    await suite.shot(page, name);
    if (focus) await focus.screenshot({ path: path.join(outDir, `opinions-${name}-detail.png`) });
  };
  const deadline = beijingDay(Date.now() + 10 * 86_400_000);

  async function unitPane(token: string): Promise<Page> {
    const page = await suite.narrowPane(token);
    await page.getByText("本单位的表单").waitFor();
    await page.getByRole("tab", { name: "通知与整改" }).click();
    return page;
  }

  beforeAll(async () => {
    await suite.demoForm(tokens.U01, "target", { year, unit: forestryBureau, project: { code: "P001", name: "森林资源管护项目" } }, "saved");
    finance = await suite.pane(tokens.finance, { width: 320, height: 900 });
    await finance.getByRole("tab", { name: "通知与整改" }).click();
    await finance.getByTestId("opinions").waitFor();
  }, 180_000);

  it("sends the results notice's draft; one unit agrees, one objects with reasons and evidence; finalising is refused naming the silent unit; one objection is accepted, another not, and the draft finalised", async () => {
    const box = finance.getByTestId("opinions");
    await box.getByTestId("op-title").fill(`关于${year}年度预算绩效管理工作考核结果的通报（征求意见稿）`);
    await box.getByTestId("op-text").fill("现将各单位预算绩效管理工作考核结果通报如下，请于截止日前反馈意见，逾期未反馈视为无异议。");
    await box.getByTestId("op-units").fill("U01, U02, U03");
    await box.getByTestId("op-deadline").fill(deadline);
    await box.getByTestId("op-send").click();
    await finance.getByText(/已发送征求意见稿/).waitFor();
    const draft = box.locator("[data-draft]").first();
    await draft.getByTestId("op-waiting").getByText("U01、U02、U03").waitFor();
    await shot(finance, "01-sent", draft);

    const u1 = await unitPane(tokens.U01);
    const d1 = u1.getByTestId("draft").first();
    await d1.getByText("现将各单位预算绩效管理工作考核结果通报如下").waitFor();
    await d1.getByTestId("draft-line").waitFor();
    await d1.getByTestId("op-answer").click();
    await d1.getByTestId("my-opinion").getByText("无异议").waitFor();
    await shot(u1, "02-unit-agrees");

    const u2 = await unitPane(tokens.U02);
    const d2 = u2.getByTestId("draft").first();
    await d2.getByText("有异议").click();
    // an objection needs its reasons: the button waits for them
    expect(await d2.getByTestId("op-answer").isDisabled()).toBe(true);
    await d2.getByTestId("op-reasons").fill("本单位已于截止日前报送绩效目标表，通报中记为逾期，与事实不符。");
    await d2.getByTestId("op-evidence").fill("报送回执截图；区水利局收文登记簿第 17 页");
    await shot(u2, "03-unit-objects");
    await d2.getByTestId("op-answer").click();
    await d2.getByTestId("my-opinion").getByText("有异议").waitFor();
    // the unit sees its own answer only
    expect(await u2.getByTestId("draft").first().innerText()).not.toContain("U01");

    await box.getByTestId("op-refresh").click();
    await draft.locator('[data-opinion="U02"][data-stance="disagree"]').waitFor();
    await draft.getByTestId("op-finalise").click();
    const refusal = finance.getByText(/以下单位尚未反馈：U03/);
    await refusal.waitFor();
    await shot(finance, "04-finalise-refused", draft);
    await refusal.screenshot({ path: path.join(outDir, "opinions-04-finalise-refused-banner.png") });

    await draft.getByTestId("op-reason").fill("经核对报送记录，区水利局绩效目标表按时报送，已在通报中更正。");
    await draft.getByTestId("op-accept").click();
    await draft.getByTestId("op-handled").getByText(/采纳：经核对报送记录/).waitFor();
    // U03 objects too (through the API); its objection is not accepted, with the reason
    await api("POST", `/api/opinions/${(await draft.getAttribute("data-draft"))!}/answer`, tokens.U03, { stance: "disagree", reasons: "考核权重不合理，应提高自评结果权重。" });
    const u3 = draft.locator('[data-opinion="U03"][data-stance="disagree"]');
    await u3.waitFor();
    await u3.getByTestId("op-reason").fill("考核权重按《单位预算绩效管理工作考核办法》执行，不属于本次通报调整范围。");
    await u3.getByTestId("op-reject").click();
    await u3.getByTestId("op-handled").getByText(/不予采纳：考核权重按/).waitFor();
    await draft.getByTestId("op-finalise").click();
    await box.locator('[data-draft][data-state="final"]').waitFor();
    await shot(finance, "05-finalised", draft);

    // the unit reads how its objection was handled
    await u2.getByRole("tab", { name: "表单" }).click();
    await u2.getByRole("tab", { name: "通知与整改" }).click();
    await u2.getByTestId("my-handling").getByText(/采纳：/).waitFor();
    await shot(u2, "06-unit-reads-handling");
    const notice = await api("GET", `/api/results?year=${year}`, tokens.finance);
    expect(notice.opinions[0].state).toBe("final");
    expect(notice.opinions[0].lines.map((l: { unit: string; said: string }) => [l.unit, l.said])).toEqual([
      ["U01", "无异议"],
      ["U02", "有异议"],
      ["U03", "有异议"],
    ]);
    expect(notice.opinions[0].lines.map((l: { handled: string }) => l.handled.slice(0, 5))).toEqual(["", "采纳：经核", "不予采纳："]);
    await u1.context().close();
    await u2.context().close();
  }, 120_000);

  it("a key project's conclusion: the unit objects, finance accepts and changes the grade", async () => {
    await api("POST", `/api/projects/${year}/U01/P001/key`, tokens.finance, { key: true });
    const box = finance.getByTestId("opinions");
    await box.getByTestId("op-kind").selectOption("conclusion");
    await box.getByTestId("op-unit").fill("U01");
    await box.getByTestId("op-project").fill("P001");
    await box.getByTestId("op-grade").selectOption("fair");
    await box.getByTestId("op-title").fill("森林资源管护项目绩效评价结论（征求意见稿）");
    await box.getByTestId("op-text").fill("项目完成年度管护任务，但满意度调查样本不足，评价等级为“中”。");
    await box.getByTestId("op-units").fill("U01");
    await box.getByTestId("op-deadline").fill(deadline);
    await box.getByTestId("op-send").click();
    const draft = box.locator('[data-draft][data-state="open"]').first();
    await draft.getByText("项目完成年度管护任务").waitFor();

    const u1 = await unitPane(tokens.U01);
    const d = u1.locator('[data-testid="draft"][data-state="open"]').first();
    await d.getByText("有异议").click();
    await d.getByTestId("op-reasons").fill("满意度调查有效问卷 312 份，达到评价方案要求的 300 份。");
    await d.getByTestId("op-evidence").fill("满意度调查汇总表（附件 3）");
    await d.getByTestId("op-answer").click();
    await d.getByTestId("my-opinion").waitFor();

    await box.getByTestId("op-refresh").click();
    await draft.locator('[data-opinion="U01"]').waitFor();
    await draft.getByTestId("op-reason").fill("核实问卷数量达标，评价等级调整为“良”。");
    await draft.getByTestId("op-new-text").fill("项目完成年度管护任务，满意度调查符合方案要求，评价等级为“良”。");
    await draft.getByTestId("op-new-grade").selectOption("good");
    await draft.getByTestId("op-accept").click();
    await draft.getByText(/第 2 稿 · 良（采纳 U01 的意见修改）/).waitFor();
    await shot(finance, "07-conclusion-changed", draft);
    await draft.getByTestId("op-finalise").click();
    await box.locator('[data-draft][data-state="open"]').waitFor({ state: "detached" });
    await u1.context().close();
  }, 120_000);

  it("hands a finding on to the discipline commission; it shows in the results notice and the assessment", async () => {
    const sub = await api("GET", `/api/submissions/${year}/U01/P001/target`, tokens.finance);
    const issue = (sub.issues as { rule: string; path: string; cell?: string }[]).find((i) => findingRow(i) !== undefined)!;
    const row = findingRow(issue)!;
    const box = finance.getByTestId("handovers");
    await box.getByTestId("ho-unit").fill("U01");
    await box.getByTestId("ho-project").fill("P001");
    await box.getByTestId("ho-form").selectOption("target");
    await box.getByTestId("ho-rule").fill(issue.rule);
    await box.getByTestId("ho-row").fill(String(row));
    await box.getByTestId("ho-department").fill("区纪委监委");
    await box.getByTestId("ho-date").fill(beijingDay(Date.now()));
    await box.getByTestId("ho-reference").fill(`财绩移〔${year}〕3号`);
    await box.getByTestId("ho-summary").fill("项目绩效目标明显低于上年实际，涉嫌虚报绩效目标套取资金，移送核查。");
    await box.getByTestId("ho-send").click();
    await finance.getByText(/已登记移送/).waitFor();
    await box.locator("[data-handover]").getByText(`财绩移〔${year}〕3号`).waitFor();
    await finance.getByTestId("show-assessment").click();
    await finance.getByTestId("assessment").waitFor();
    await shot(finance, "08-handed-on", box);
    await finance.getByTestId("assessment").screenshot({ path: path.join(outDir, "opinions-08-assessment.png") });
    const notice = await api("GET", `/api/results?year=${year}`, tokens.finance);
    const line = notice.units.find((u: { unit: string }) => u.unit === "U01");
    expect(line.handedOn).toHaveLength(1);
    expect(line.handedOn[0]).toMatchObject({ department: "区纪委监委", reference: `财绩移〔${year}〕3号` });
    expect(line.handedOn[0].what).toContain(`${issue.rule} 第${row}行`);
    // the notice issued, the unit reads the problem handed on in its own line
    const u1 = await unitPane(tokens.U01);
    await u1.getByTestId("handed-on").getByText(`区纪委监委 · ${beijingDay(Date.now())} · 财绩移〔${year}〕3号`, { exact: false }).waitFor();
    await shot(u1, "09-unit-reads-handed-on");
    await u1.context().close();
    expect(errors).toEqual([]);
  }, 60_000);
});
