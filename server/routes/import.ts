// POST /api/import (any token; body: an .xlsx, Content-Type of .xlsx, 10 MB at most): every
// template sheet's form and findings, checked as a save would be. `?save=1` saves each readable
// form as a draft of the caller's own unit: a new form as it is, an existing one only when the
// workbook names the revision it was made from (its hidden metadata), so an old file mailed
// around never overwrites newer work unseen.
import { ImportQuerySchema, type ImportResult, type ImportSaved } from "../../shared/api/session.ts";
import { Hono } from "hono";
import { checkForm } from "../../shared/check.ts";
import { mergeFindings } from "../../shared/read-form.ts";
import type { Form } from "../../shared/form.ts";
import { parseWorkbook } from "../../shared/sheet/workbook.ts";
import { canSeeUnit, type AppEnv, type Auth } from "../auth.ts";
import { readBody, XLSX_LIMIT } from "../body.ts";
import { ApiError } from "../errors.ts";
import { DomainError } from "../domain-error.ts";
import { queryOf } from "../validation.ts";
import { checkWithServerForms, currentLibrary, saveDraft, type WorkflowContext } from "../workflow.ts";
import { readWorkbook, WorkbookRefused } from "../xlsx/read.ts";
import { XLSX_TYPE } from "./download.ts";
import type { RouteContext } from "./context.ts";

export function importRoutes(ctx: Pick<RouteContext, "store" | "bus" | "now">) {
  const { store } = ctx;
  return new Hono<AppEnv>().post("/", async (c) => {
    const q = queryOf(c, ImportQuerySchema);
    if (!(c.req.header("content-type") ?? "").startsWith(XLSX_TYPE)) {
      throw new ApiError("unsupported_media_type", "请上传 .xlsx 工作簿", "Upload an .xlsx workbook", [{ path: "Content-Type", message: XLSX_TYPE }]);
    }
    const bytes = await readBody(c, XLSX_LIMIT);
    let grids;
    try {
      grids = await readWorkbook(bytes);
    } catch (err) {
      // Not a workbook, beyond the reading caps (413), or every reader busy (503): said as such.
      if (err instanceof WorkbookRefused) throw new ApiError(err.code, err.zh, err.en);
      throw err;
    }
    const auth = c.get("auth");
    const library = await currentLibrary(store);
    const forms: ImportResult["forms"] = [];
    for (const parsed of parseWorkbook(grids, { labels: library.policy.labels, frame: library.policy.frame })) {
      const out: ImportResult["forms"][number] = { sheet: parsed.sheet, kind: parsed.form?.kind ?? parsed.kind, issues: parsed.issues };
      if (parsed.form) {
        const own = canSeeUnit(auth, parsed.form.unit.code);
        const checked = own ? await checkWithServerForms(store, library, parsed.form) : checkForm(parsed.form, library);
        out.issues = mergeFindings(parsed.issues, checked.issues);
        if (checked.score) out.score = checked.score;
        if (checked.lights) out.lights = checked.lights;
        out.form = checked.form ?? parsed.form;
        if (q.save === "1") out.saved = await saveSheet(ctx, auth, parsed.form, parsed.serverRevision);
      } else if (parsed.read) {
        // a layout without some header fields: checked and scored all the same, not saved from here
        const checked = checkForm(parsed.read, library);
        out.issues = mergeFindings(parsed.issues, checked.issues);
        if (checked.score) out.score = checked.score;
        if (checked.lights) out.lights = checked.lights;
        out.form = parsed.read;
      }
      forms.push(out);
    }
    return c.json({ libraryVersion: library.version, forms } satisfies ImportResult);
  });
}

async function saveSheet(ctx: WorkflowContext, auth: Auth, form: Form, basedOn: number | undefined): Promise<ImportSaved> {
  if (auth.role !== "unit" || auth.unit !== form.unit.code) {
    return { error: { code: "forbidden", message: "只能保存本单位的表单 / Only the unit itself can save its forms" } };
  }
  const key = { year: form.year, unit: form.unit.code, project: form.project.code, kind: form.kind };
  const existing = await ctx.store.getSubmission(key);
  if (existing && basedOn === undefined) {
    return {
      error: {
        code: "if_match_required",
        message: `服务器上已有该表（版本 ${existing.revision}），而工作簿没有记录它所基于的版本：请下载最新版本后再修改 / The server holds this form (revision ${existing.revision}) and the workbook does not say which revision it was made from: download the latest and change that`,
      },
    };
  }
  try {
    const { submission } = await saveDraft(ctx, auth, key, form, basedOn);
    return { revision: submission.revision, status: submission.status };
  } catch (err) {
    if (err instanceof DomainError) return { error: { code: err.code, message: err.message } };
    throw err;
  }
}
