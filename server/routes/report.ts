// GET /api/report?year=&half=1|2&format=docx|json (the bureau's finance, admin): the performance
// work report (绩效工作报告) for the leadership, as a Word document or its figures (docs/work-report.md).
import { Hono } from "hono";
import { ReportQuerySchema, WorkReportSchema } from "../../shared/api/report.ts";
import { requireBureau, requireRole, type AppEnv } from "../auth.ts";
import { workReportOf } from "../report/facts.ts";
import { answer, queryOf } from "../validation.ts";
import { currentLibrary } from "../workflow.ts";
import { attachment } from "./download.ts";
import type { RouteContext } from "./context.ts";

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export function reportRoutes({ store, now }: Pick<RouteContext, "store" | "now">) {
  return new Hono<AppEnv>().get("/", requireRole("finance", "admin"), requireBureau(), async (c) => {
    const q = queryOf(c, ReportQuerySchema);
    await currentLibrary(store); // 503 no_library before anything else
    const report = await workReportOf(store, { year: q.year, ...(q.half ? { half: Number(q.half) as 1 | 2 } : {}), ...(q.bureau ? { bureau: q.bureau } : {}), now: now() });
    c.header("Cache-Control", "no-store");
    if (q.format === "json") return answer(c, WorkReportSchema, report);
    c.header("Content-Type", DOCX_TYPE);
    c.header("Content-Disposition", attachment(`绩效工作报告-${q.year}${q.half ? `-H${q.half}` : ""}.docx`));
    // the .docx library is loaded when a report is first asked for, not at the server's start (docs/storage.md, "Start-up")
    const { workReportDocx } = await import("../report/docx.ts");
    return c.body(new Uint8Array(await workReportDocx(report)));
  });
}
