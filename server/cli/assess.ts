// `jixiao assess --data DIR --year Y [--json]`: the assessment of units, ranked (weights from the
// current library's policy).
import { yearResults } from "../cycle/results.ts";
import { printJson, withCycle } from "./cycle.ts";
import { noPositionals, options, parseArgs, UsageError, withUsage } from "./args.ts";

const usage = "usage: jixiao assess --data DIR --year Y [--json]";
const fmt = (n: number | null) => (n === null ? "-" : (Math.round(n * 100) / 100).toFixed(2));

export async function run(args: string[]): Promise<number> {
  return withUsage("assess", usage, async () => {
    const { values, positionals } = parseArgs(args, options(["data", "year"], ["json"]));
    noPositionals(positionals);
    const year = Number(values.year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError("--year must be a year");
    return withCycle(values.data, async (ctx) => {
      const { assessment, weights } = await yearResults(ctx, year);
      if (values.json) {
        printJson({ year, weights, units: assessment });
        return 0;
      }
      process.stdout.write("rank\tunit\tname\ttotal\tonTime\tfirstPass\terrors\tselfEval\trectification\n");
      for (const a of assessment) {
        const c = a.components;
        process.stdout.write(
          `${a.rank ?? "-"}\t${a.unit}\t${a.name}\t${fmt(a.total)}\t${fmt(c.onTime.score)}\t${fmt(c.firstPass.score)}\t${fmt(c.errors.score)}\t${fmt(c.selfEval.score)}\t${fmt(c.rectification.score)}\n`,
        );
      }
      return 0;
    });
  });
}
