// The bureau's cycle in the finance pane at 350 px, against a real `jixiao serve --http`: a notice
// issued from the pane and followed (each unit's standing in words), a rectification item opened,
// answered by the unit and accepted, the assessment shown. Screenshots: test-output/e2e/cycle-*.png.
import { beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { describeBrowser, forestryBureau, paneSuite, thisYear as year, waterBureau } from "./harness.ts";

describeBrowser("the bureau's cycle in the finance pane", () => {
  const suite = paneSuite("cycle", { units: [forestryBureau, waterBureau], tokens: { U01: ["unit", "U01"], finance: ["finance"] } });
  const { api, tokens, errors } = suite;
  let finance: Page;
  const shot = (name: string) => suite.shot(finance, name);

  beforeAll(async () => {
    await suite.demoForm(tokens.U01, "target", { year, unit: forestryBureau, project: { code: "P001", name: "森林资源管护项目" } });
    finance = await suite.pane(tokens.finance, { width: 350, height: 900 });
    await finance.getByRole("tab", { name: "通知与整改" }).click();
    await finance.getByTestId("cycle").waitFor();
  }, 180_000);

  it("issues a notice to every unit and follows it: on time for the unit that sent, due for the one that has not", async () => {
    await finance.getByTestId("notice-deadline").fill(`${year}-12-31`);
    await finance.getByTestId("notice-title").fill(`关于报送${year}年度绩效目标的通知`);
    await finance.getByTestId("notice-text").fill("请各预算单位于12月31日前通过绩效填报加载项报送项目绩效目标申报表。");
    await finance.getByTestId("issue-notice-button").click();
    await finance.getByText(/已发布通知/).waitFor();
    const items = finance.getByTestId("notice-items");
    await items.waitFor();
    await items.locator('[data-unit="U01"]').getByText("按时报送").waitFor();
    await items.locator('[data-unit="U02"]').getByText("待报送").waitFor();
    const text = await items.innerText();
    expect(text).not.toMatch(/onTime|due|missing/);
    const notices = (await api("GET", `/api/notices?year=${year}`, tokens.finance)).notices;
    expect(notices).toHaveLength(1);
    expect(notices[0].units).toBe("all");
    await shot("01-notice-followed");
  }, 60_000);

  it("opens a rectification item, the unit answers, finance accepts it; the assessment shows", async () => {
    await finance.getByTestId("rect-unit").fill("U01");
    await finance.getByTestId("rect-project").fill("P001");
    await finance.getByTestId("rect-kind").selectOption("target");
    await finance.getByTestId("rect-requirement").fill("补充森林管护面积的测算依据");
    await finance.getByTestId("rect-deadline").fill(`${year}-12-31`);
    await finance.getByTestId("rect-open").click();
    await finance.getByText("已开立整改事项").waitFor();
    const items = (await api("GET", `/api/rectifications?year=${year}`, tokens.U01)).rectifications;
    expect(items).toHaveLength(1);
    await api("POST", `/api/rectifications/${items[0].id}/answer`, tokens.U01, { measures: "已按林地年报核实面积并修改申报表", evidence: "林业局2025年林地年报" });
    const rect = finance.locator(`[data-rect="${items[0].id}"]`);
    await rect.getByText("已答复").waitFor({ timeout: 10_000 });
    await rect.getByRole("button", { name: "验收通过" }).click();
    await rect.getByText("已办结").waitFor();
    await finance.getByTestId("show-assessment").click();
    await finance.getByTestId("assessment").getByText("区林业局").waitFor();
    await shot("02-rectification-and-assessment");
    expect(errors).toEqual([]);
  }, 60_000);
});
