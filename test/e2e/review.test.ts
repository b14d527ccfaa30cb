// Review that cannot misfire, walked at a task pane's width (350 px) in Chromium over the stand-in
// Excel host, against a real `jixiao serve --http`: a second opened form gets its own sheet; an
// approve refused because the form moved on shows its reason beside the button, status in words;
// batch approve; withdraw an approval with a reason; the revision diff between two revisions.
// Screenshots under test-output/e2e/review-*.png.
import { beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { demoForm } from "../../server/demo-form.ts";
import { describeBrowser, fakeExcel, forestryBureau, paneSuite, waterBureau } from "./harness.ts";

describeBrowser("review in the finance pane against jixiao serve", () => {
  const suite = paneSuite("review", { units: [forestryBureau, waterBureau], tokens: { u1: ["unit", "U01"], u2: ["unit", "U02"], finance: ["finance"] } });
  const { api, tokens, errors } = suite;
  let finance: Page;
  const shot = (name: string) => suite.shot(finance, name);
  const fake = <T>(fn: string, ...args: unknown[]) => fakeExcel<T>(finance, fn, ...args);
  const path1 = (unit: string, project: string) => `/api/submissions/2025/${unit}/${project}/target`;

  beforeAll(async () => {
    // three submitted forms; the water bureau's has a returned first revision and a second one
    for (const project of [
      { code: "P001", name: "森林资源管护项目" },
      { code: "P002", name: "林业有害生物防治项目" },
    ]) {
      await suite.demoForm(tokens.u1, "target", { year: 2025, unit: forestryBureau, project });
    }
    const w = demoForm("target", { year: 2025, unit: { code: "U02", name: "区水利局" }, project: { code: "P101", name: "农村饮水安全巩固提升项目" } }) as any;
    await api("PUT", path1("U02", "P101"), tokens.u2, w);
    await api("POST", `${path1("U02", "P101")}/submit`, tokens.u2);
    await api("POST", `${path1("U02", "P101")}/return`, tokens.finance, { comment: "资金总额与批复不一致" });
    w.funds.total = w.funds.total + 20;
    w.funds.fiscal = w.funds.fiscal + 20;
    w.indicators[0].target = String(Number(w.indicators[0].target ?? 0) + 5);
    await api("PUT", path1("U02", "P101"), tokens.u2, w, { "If-Match": '"1"' });
    await api("POST", `${path1("U02", "P101")}/submit`, tokens.u2);

    finance = await suite.pane(tokens.finance, { width: 350, height: 900 });
    await finance.getByRole("tab", { name: "审核" }).click();
    await finance.getByTestId("review").waitFor();
  }, 180_000);

  it("opens two forms into two sheets; an approve refused because the form moved on says why beside the button", async () => {
    await expect.poll(() => finance.locator('[data-status="submitted"]').innerText()).toContain("3");
    await finance.locator(`[data-key="${path1("U01", "P001")}"]`).click();
    await finance.getByTestId("review-detail").waitFor();
    await finance.locator(`[data-key="${path1("U01", "P002")}"]`).click();
    await finance.getByTestId("review-detail").getByText("林业有害生物防治项目").waitFor();
    const visible = (await fake<{ name: string; visibility: string }[]>("sheetNames")).filter((s) => s.visibility === "Visible" && s.name !== "指标库");
    expect(visible.length).toBe(2);
    expect(new Set(visible.map((s) => s.name)).size).toBe(2);

    // behind the pane's back the form is approved; the pane's approve is refused and says so, in words
    await api("POST", `${path1("U01", "P002")}/approve`, tokens.finance);
    await finance.getByTestId("approve").click();
    const err = finance.locator('[data-testid="action-error"][data-action="approve"]');
    await err.waitFor();
    expect(await err.innerText()).toContain("已审核");
    expect(await err.innerText()).not.toMatch(/approved|submitted/);
    // the pane now shows the form as it is: approved, with no return or approve to press
    await finance.getByTestId("detail-status").getByText("已审核").waitFor();
    expect(await finance.getByTestId("approve").count()).toBe(0);
    await shot("01-refused-beside-button");
  }, 90_000);

  it("approves the submitted forms at once", async () => {
    await finance.getByTestId("status-counts").locator('[data-status="submitted"]').waitFor();
    await expect.poll(() => finance.locator('[data-status="submitted"]').innerText()).toContain("2");
    await finance.getByTestId("pick-all").click();
    await expect.poll(() => finance.getByTestId("approve-selected").innerText()).toContain("2");
    await shot("02-batch-picked");
    await finance.getByTestId("approve-selected").click();
    await finance.getByTestId("batch-result").getByText(/已审核通过 2 份/).waitFor();
    await expect.poll(() => finance.locator('[data-status="approved"]').innerText()).toContain("3");
    expect((await api("GET", path1("U02", "P101"), tokens.finance)).status).toBe("approved");
    await shot("03-batch-approved");
  }, 60_000);

  it("withdraws an approval with a reason; return and approve are enabled again only because it is submitted", async () => {
    await finance.locator('[data-status="approved"]').click();
    await finance.locator(`[data-key="${path1("U02", "P101")}"]`).click();
    await finance.getByTestId("withdraw-reason").waitFor();
    expect(await finance.getByTestId("return").count()).toBe(0);
    await finance.getByTestId("withdraw").click();
    await finance.locator('[data-testid="action-error"][data-action="withdraw"]').getByText("撤销审核须填写原因").waitFor();
    await finance.getByTestId("withdraw-reason").fill("指标值与预算批复口径不一致，需重新审核");
    await finance.getByTestId("withdraw").click();
    await finance.getByTestId("detail-status").getByText("已报送").waitFor();
    // enabled once the list has refreshed (the pane is busy until then)
    await expect.poll(() => finance.getByTestId("approve").isEnabled()).toBe(true);
    await expect.poll(() => finance.getByTestId("return").isEnabled()).toBe(true);
    expect((await api("GET", path1("U02", "P101"), tokens.finance)).status).toBe("submitted");
    await shot("04-withdrawn");
  }, 60_000);

  it("lists the revisions with who, when and status, and shows what changed between two", async () => {
    await finance.getByTestId("show-revisions").click();
    const revs = finance.getByTestId("revisions");
    await revs.locator('[data-revision="1"]').getByText("已退回").waitFor();
    await revs.locator('[data-revision="2"]').getByText("已报送").waitFor();
    expect(await revs.locator('[data-revision="1"]').innerText()).toContain("unit:U02");
    await finance.getByTestId("diff-from").selectOption("1");
    await finance.getByTestId("diff-to").selectOption("2");
    await finance.getByTestId("compare").click();
    const diff = finance.getByTestId("diff");
    await diff.waitFor();
    const text = await diff.innerText();
    expect(text).toContain("第1行指标的");
    expect(text).not.toMatch(/funds\.total|indicators\[/);
    await shot("05-revision-diff");
    expect(errors).toEqual([]);
  }, 60_000);
});
