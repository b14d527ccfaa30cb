// `jixiao consolidate --data DIR --year Y [--kind K] --out FILE.xlsx`: the consolidated workbook
// from a data folder, while no server runs (the store takes the folder's lock, so a running
// `jixiao serve` makes this say so instead of reading half-written files). Streams to a temp file
// beside FILE and renames it when complete, so FILE is never a half-written workbook.
import { createWriteStream } from "node:fs";
import { rename, unlink } from "node:fs/promises";
import { resolve } from "node:path";
import { consolidate } from "../../shared/consolidate/index.ts";
import { FormKindSchema } from "../../shared/form.ts";
import { storeSource } from "../consolidate/source.ts";
import { writeConsolidatedXlsx } from "../xlsx/consolidated.ts";
import { noPositionals, options, parseArgs, UsageError, withUsage } from "./args.ts";
import { openDataFolder } from "./store.ts";

const usage = "usage: jixiao consolidate --data DIR --year Y [--kind target|monitor|selfEval] --out FILE.xlsx";

export async function run(args: string[]): Promise<number> {
  return withUsage("consolidate", usage, async () => {
    const { values, positionals } = parseArgs(args, options(["data", "year", "kind", "out"]));
    noPositionals(positionals);
    if (!values.data) throw new UsageError("--data DIR is required");
    const year = Number(values.year);
    if (!values.year || !Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError("--year must be a year, e.g. 2025");
    let kind;
    if (values.kind !== undefined) {
      const k = FormKindSchema.safeParse(values.kind);
      if (!k.success) throw new UsageError("--kind must be target, monitor or selfEval");
      kind = k.data;
    }
    if (!values.out) throw new UsageError("--out FILE.xlsx is required");
    if (!values.out.toLowerCase().endsWith(".xlsx")) throw new UsageError("--out must name an .xlsx file");
    const out = resolve(values.out);
    const store = await openDataFolder(values.data);
    try {
      const library = (await store.currentLibrary())?.library;
      if (!library) {
        process.stderr.write("jixiao consolidate: the data folder has no indicator library; start the server once or run jixiao library import\n");
        return 1;
      }
      const result = await consolidate(await storeSource(store, library.policy, year, kind, new Date()));
      const tmp = `${out}.${process.pid}.tmp`;
      const file = createWriteStream(tmp);
      const finished = new Promise<void>((ok, fail) => {
        file.on("finish", ok);
        file.on("error", fail);
      });
      try {
        const counts = await writeConsolidatedXlsx(result, file);
        await finished;
        await rename(tmp, out);
        process.stderr.write(
          `wrote ${out}: ${counts.summary} summary lines, ${counts.forms} forms, ${counts.rows} indicator rows, ${counts.missing} missing, ${counts.findings} findings\n`,
        );
      } catch (err) {
        file.destroy();
        await unlink(tmp).catch(() => undefined);
        throw err;
      }
    } finally {
      await store.close();
    }
    return 0;
  });
}
