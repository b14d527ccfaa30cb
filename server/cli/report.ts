// `jixiao report --year Y [--half 1|2] [--bureau NAME] --data DIR|postgres://… --out FILE.docx`: the
// performance work report (绩效工作报告) for the district's leadership (docs/work-report.md).
import { writeFile } from "node:fs/promises";
import { workReportDocx } from "../report/docx.ts";
import { workReportOf } from "../report/facts.ts";
import { noPositionals, options, parseArgs, UsageError, withUsage } from "./args.ts";
import { openDataFolder } from "./store.ts";

const usage = "usage: jixiao report --year Y [--half 1|2] [--bureau NAME] --data DIR|postgres://… --out FILE.docx";

export async function run(args: string[]): Promise<number> {
  return withUsage("report", usage, async () => {
    const { values, positionals } = parseArgs(args, options(["year", "half", "bureau", "data", "out"]));
    noPositionals(positionals);
    if (!values.year || !/^\d{4}$/.test(values.year)) throw new UsageError("--year must be a four-digit year");
    if (values.half !== undefined && values.half !== "1" && values.half !== "2") throw new UsageError("--half must be 1 or 2");
    if (!values.out?.endsWith(".docx")) throw new UsageError("--out must name a .docx file");
    const store = await openDataFolder(values.data);
    try {
      if (!(await store.currentLibrary())) throw new UsageError("no library has been published in this data folder 尚未发布指标库");
      const report = await workReportOf(store, {
        year: Number(values.year),
        ...(values.half ? { half: Number(values.half) as 1 | 2 } : {}),
        ...(values.bureau ? { bureau: values.bureau } : {}),
        now: new Date(),
      });
      await writeFile(values.out, await workReportDocx(report));
      process.stderr.write(`wrote ${values.out}: ${report.title}\n`);
    } finally {
      await store.close();
    }
    return 0;
  });
}
