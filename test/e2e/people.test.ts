// People while the server runs, walked at a task pane's width (350 px): the admin adds a unit in
// the People tab and issues its token (shown once); a unit pane connects with that token at once;
// the admin revokes it and the unit's open pane is sent back to sign-in at once, saying why.
// Screenshots under test-output/e2e/people-*.png.
import { beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { connectPane, describeBrowser, forestryBureau, issueTokenInPane, paneSuite } from "./harness.ts";

const narrow = { width: 350, height: 900 };

describeBrowser("the admin's People tab in Chromium against jixiao serve", () => {
  const suite = paneSuite("people", { units: [forestryBureau], tokens: { admin: ["admin", undefined, ["--label", "信息科"]] } });
  const { errors } = suite;
  let admin: Page;
  let unit: Page;
  const shot = (page: Page, name: string) => suite.shot(page, name);

  beforeAll(async () => {
    admin = await suite.pane(undefined, narrow);
    unit = await suite.pane(undefined, narrow);
  });

  it("adds a unit and issues its token; the unit's pane uses it at once; revoking it refuses the open pane at once", async () => {
    const base = suite.base;
    await connectPane(admin, base, suite.tokens.admin);
    await admin.getByTestId("people").waitFor();
    await admin.locator('[data-unit="U01"]').waitFor();
    // the admin's own token is listed, labelled and not revocable from here
    await admin.getByTestId("tokens").getByText("信息科").waitFor();
    await admin.getByTestId("tokens").getByText("当前使用").waitFor();

    await admin.getByTestId("unit-code").fill("JT-01");
    await admin.getByTestId("unit-name").fill("区交通运输局");
    await admin.getByTestId("unit-field").selectOption("roads");
    await admin.getByTestId("save-unit").click();
    await admin.getByText("已添加单位 JT-01 区交通运输局").waitFor();
    await admin.locator('[data-unit="JT-01"]').getByText("交通公路").waitFor();
    await shot(admin, "01-unit-added");

    // the new unit is chosen for its token; a label says who holds it
    expect(await admin.getByTestId("token-unit").inputValue()).toBe("JT-01");
    const token = await issueTokenInPane(admin, "交通局 王会计");
    await admin.getByTestId("copy-token").click();
    await admin.getByTestId("copy-token").getByText("已复制").waitFor();
    await shot(admin, "02-token-issued");

    // the unit's pane, at once, with that token
    await connectPane(unit, base, token);
    await unit.getByText("本单位的表单").waitFor();
    await unit.getByText("区交通运输局").first().waitFor();
    await shot(unit, "03-unit-pane");
    // its first request shows as "last used" in the admin's list
    await admin.getByTestId("issued").getByRole("button", { name: "×" }).click();
    const row = admin.locator("[data-token]").filter({ hasText: "交通局 王会计" });
    await row.waitFor();
    expect(await row.innerText()).toContain("区交通运输局");

    // revoke: the open unit pane is sent back to sign-in, saying the token is no longer valid
    await row.getByTestId("revoke").click();
    await row.getByTestId("confirm-revoke").click();
    await admin.getByText(/已撤销令牌/).waitFor();
    await row.getByText("已撤销").waitFor();
    await shot(admin, "04-token-revoked");
    await unit.getByText("连接财政局服务器").waitFor({ timeout: 10_000 });
    await unit.getByText("令牌无效或已停用").waitFor();
    await shot(unit, "05-unit-refused");
    const me = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(401);
    expect(errors).toEqual([]);
  }, 120_000);
});
