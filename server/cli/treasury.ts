// `jixiao treasury import FILE.csv|FILE.xlsx --data DIR|postgres://…`: the payment platform's
// export into the store (docs/treasury.md). Prints what happened to every row; exit 0 when every
// row was taken or was already there, 1 when rows were rejected or conflict with stored payments,
// 2 when the file cannot be read.
import { readFile } from "node:fs/promises";
import { defaultPolicy } from "../../shared/policy.ts";
import type { Store } from "../store/store.ts";
import { DomainError } from "../domain-error.ts";
import { importPayments, type PaymentImportResult } from "../treasury/imports.ts";
import { options, parseArgs, subcommands, UsageError } from "./args.ts";
import { openDataFolder } from "./store.ts";

const usage = "usage: jixiao treasury import FILE.csv|FILE.xlsx --data DIR|postgres://…";

export const run = subcommands("treasury", usage, {
  async import(rest) {
    const { values, positionals } = parseArgs(rest, options(["data"]));
    if (positionals.length !== 1) throw new UsageError("name one file");
    return withFile(positionals[0]!, values.data, async (store, bytes, file) => {
      const policy = (await store.currentLibrary())?.library.policy ?? defaultPolicy;
      const r = await importPayments(store, bytes, policy, "cli", new Date().toISOString());
      process.stdout.write(paymentReport(file, r));
      return r.rejected > 0 || r.conflicts > 0 ? 1 : 0;
    });
  },
});

/** Reads the file, opens the store, runs `body`; an unreadable file is exit 2 with its message. */
export async function withFile(file: string, data: string | undefined, body: (store: Store, bytes: Uint8Array, file: string) => Promise<number>): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    process.stderr.write(`jixiao: ${file}: ${(err as Error).message} 无法读取文件\n`);
    return 2;
  }
  const store = await openDataFolder(data);
  try {
    return await body(store, bytes, file);
  } catch (err) {
    if (err instanceof DomainError) {
      process.stderr.write(`jixiao: ${file}: ${err.zh}\n  ${err.en}\n`);
      return 2;
    }
    throw err;
  } finally {
    await store.close();
  }
}

/** The file's name, with the encoding a CSV was read in. */
export function fileLine(file: string, r: Pick<PaymentImportResult, "encoding">): string {
  return `${file}${r.encoding ? ` (${r.encoding})` : ""}`;
}

/** A refused row, with what to do. */
export function rejectedRowLine(p: PaymentImportResult["rejectedRows"][number]): string {
  return `  row ${p.row} 第${p.row}行${p.column ? ` [${p.column}]` : ""}: ${p.message.zh} ${p.message.en}`;
}

export function paymentReport(file: string, r: PaymentImportResult): string {
  const lines = [
    fileLine(file, r),
    `  rows read 读取        ${r.read}`,
    `  imported 导入         ${r.imported}  (${r.paidWan} 万元 in the file 文件合计)`,
    `  duplicates skipped 重复跳过 ${r.duplicates}`,
    `  conflicts 冲突        ${r.conflicts}`,
    `  unknown unit or project 未知单位或项目 ${r.unknown} (imported 已导入)`,
    `  rejected 未导入       ${r.rejected}`,
  ];
  for (const c of r.conflictRows) {
    lines.push(`  row ${c.row} 第${c.row}行: voucher 凭证 ${c.voucher} is stored as 已存 ${c.stored.date} ${c.stored.unit}/${c.stored.project} ${c.stored.amountWan} 万元, the file says 文件为 ${c.incoming.date} ${c.incoming.unit}/${c.incoming.project} ${c.incoming.amountWan} 万元: kept as stored 保留已存`);
  }
  for (const u of r.unknownRows) {
    lines.push(`  row ${u.row} 第${u.row}行: ${u.reason === "unit" ? `unit ${u.unit} is not in the directory 单位不在名录中` : `project ${u.unit}/${u.project} has no form or budget 项目无表单或预算`} (voucher 凭证 ${u.voucher})`);
  }
  for (const p of r.rejectedRows) lines.push(rejectedRowLine(p));
  const listed = r.conflictRows.length + r.unknownRows.length + r.rejectedRows.length;
  const total = r.conflicts + r.unknown + r.rejected;
  if (listed < total) lines.push(`  … ${total - listed} more not listed 其余未列出`);
  return `${lines.join("\n")}\n`;
}
