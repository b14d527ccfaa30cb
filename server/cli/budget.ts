// `jixiao budget import FILE.csv|FILE.xlsx --year Y --data DIR|postgres://…`: each project's approved
// and adjusted budget for the year (预算批复), replacing what was stored for that project
// (docs/treasury.md). Exit 1 when rows were rejected, 2 when the file cannot be read.
import { defaultPolicy } from "../../shared/policy.ts";
import { importBudgets } from "../treasury/imports.ts";
import { options, parseArgs, subcommands, UsageError } from "./args.ts";
import { fileLine, rejectedRowLine, withFile } from "./treasury.ts";

const usage = "usage: jixiao budget import FILE.csv|FILE.xlsx --year Y --data DIR|postgres://…";

export const run = subcommands("budget", usage, {
  async import(rest) {
    const { values, positionals } = parseArgs(rest, options(["data", "year"]));
    if (positionals.length !== 1) throw new UsageError("name one file");
    if (!values.year || !/^\d{4}$/.test(values.year)) throw new UsageError("--year must be a four-digit year");
    const year = Number(values.year);
    return withFile(positionals[0]!, values.data, async (store, bytes, file) => {
      const policy = (await store.currentLibrary())?.library.policy ?? defaultPolicy;
      const r = await importBudgets(store, bytes, year, policy, "cli", new Date().toISOString());
      const lines = [
        fileLine(file, r),
        `  rows read 读取   ${r.read}`,
        `  added 新增       ${r.added}`,
        `  replaced 更新    ${r.replaced}`,
        `  rejected 未导入  ${r.rejected}`,
        ...r.unknownUnits.map((u) => `  row ${u.row} 第${u.row}行: unit ${u.unit} is not in the directory 单位不在名录中 (imported 已导入)`),
        ...r.rejectedRows.map(rejectedRowLine),
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
      return r.rejected > 0 ? 1 : 0;
    });
  },
});
