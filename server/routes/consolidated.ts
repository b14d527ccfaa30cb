// GET /api/consolidated?year=&kind=&format=json|xlsx (finance, admin): every unit's latest forms,
// scores, lights, statuses and the units that sent nothing (docs/api.md), as a streamed .xlsx or JSON.
// The first pass (summary, forms, missing) runs before the response starts, so a failure there is
// still an error response; the rows after it are streamed.
import { PassThrough, Readable } from "node:stream";
import { Hono } from "hono";
import { ConsolidatedQuerySchema } from "../../shared/api/consolidated.ts";
import { consolidate } from "../../shared/consolidate/index.ts";
import { requireRole, type AppEnv } from "../auth.ts";
import { consolidatedJson } from "../consolidate/json.ts";
import { storeSource } from "../consolidate/source.ts";
import { queryOf } from "../validation.ts";
import { currentLibrary } from "../workflow.ts";
import { workbookFileName, writeConsolidatedXlsx } from "../xlsx/consolidated.ts";
import type { RouteContext } from "./context.ts";
import { attachment, XLSX_TYPE } from "./download.ts";

export function consolidatedRoutes({ store, now, log }: Pick<RouteContext, "store" | "now" | "log">) {
  return new Hono<AppEnv>().get("/", requireRole("finance", "admin"), async (c) => {
    const q = queryOf(c, ConsolidatedQuerySchema);
    const library = await currentLibrary(store);
    const result = await consolidate(await storeSource(store, library.policy, q.year, q.kind, now(), c.get("auth").scope));
    // Finance's data: never kept by a proxy or the browser's cache.
    c.header("Cache-Control", "no-store");
    if (q.format === "xlsx") {
      const out = new PassThrough();
      writeConsolidatedXlsx(result, out).catch((err: unknown) => {
        log(err);
        out.destroy(err instanceof Error ? err : new Error(String(err)));
      });
      c.header("Content-Type", XLSX_TYPE);
      c.header("Content-Disposition", attachment(workbookFileName(result)));
      return c.body(Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>);
    }
    const chunks = consolidatedJson(result, now().toISOString());
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (err) {
          log(err);
          controller.error(err);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    c.header("Content-Type", "application/json; charset=UTF-8");
    return c.body(body);
  });
}
