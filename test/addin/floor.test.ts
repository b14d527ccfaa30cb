// The manifest's floor, ExcelApi 1.7 (volume-licensed Office 2019), on the stand-in host offering
// exactly that: a form is inserted without its drop-down lists (data validation is 1.8) and
// nothing fails; at 1.8 the lists are there.
import { describe, expect, it } from "vitest";
import { renderPlan } from "../../addin/excel/render.ts";
import { floor } from "../../addin/excel/requirements.ts";
import { layoutForm } from "../../shared/sheet/layout.ts";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { loadFakeExcel } from "../e2e/fake-host.ts";

describe("the ExcelApi floor", () => {
  for (const api of [floor.version, "1.8"]) {
    it(`inserts a target form on an ExcelApi ${api} host`, async () => {
      const host = loadFakeExcel({ api });
      const supports = (set: string, v: string) => host.Office.context.requirements.isSetSupported(set, v);
      const ctx = await host.context();
      const plan = layoutForm("target", undefined, starterLibrary());
      await renderPlan(ctx, plan, { supports });
      const form = plan.sheets.find((s) => (s.visibility ?? "visible") === "visible")!.name;
      expect(host.fake.sheetInfo(form).validations > 0).toBe(api !== floor.version);
      // and again over the existing sheets (the clearing path)
      await renderPlan(await host.context(), plan, { supports });
    });
  }
});
