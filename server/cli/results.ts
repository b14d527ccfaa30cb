// `jixiao results --data DIR --year Y [--public] [--out FILE.xlsx|FILE.json]`: the results notice
// (结果通报) of a year; JSON on stdout without --out.
import { writeFile } from "node:fs/promises";
import { generateResults } from "../cycle/results.ts";
import { withCycle } from "./cycle.ts";
import { noPositionals, options, parseArgs, UsageError, withUsage } from "./args.ts";

const usage = "usage: jixiao results --data DIR --year Y [--public] [--out FILE.xlsx|FILE.json]";

export async function run(args: string[]): Promise<number> {
  return withUsage("results", usage, async () => {
    const { values, positionals } = parseArgs(args, options(["data", "year", "out"], ["public"]));
    noPositionals(positionals);
    const year = Number(values.year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError("--year must be a year");
    const format = values.out?.toLowerCase().endsWith(".xlsx") ? "xlsx" : "json";
    return withCycle(values.data, async (ctx) => {
      const out = await generateResults(ctx, "cli", year, format, values.public ? "public" : "full");
      const data = "json" in out ? `${JSON.stringify(out.json, null, 2)}\n` : out.xlsx;
      if (values.out) {
        await writeFile(values.out, data);
        process.stderr.write(`wrote ${values.out}\n`);
      } else process.stdout.write(data);
      return 0;
    });
  });
}
