// The `jixiao` command: one module per verb in this folder (`validate.ts`, `serve.ts`, …), each
// exporting `run(args)`. The verb's module is loaded only when asked for, so `jixiao validate`
// does not pay for the server's start-up.
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

export interface Verb {
  summary: string;
  run(args: string[]): Promise<number>;
}

const verbs: Record<string, string> = {
  serve: "start the server (HTTPS on localhost) 启动服务",
  validate: "check forms (.json, .xlsx) against the library 检查表单",
  template: "write a blank or filled form as .xlsx 生成表样",
  consolidate: "write the consolidated workbook 汇总",
  library: "library export | import 指标库导出/导入",
  units: "units add 添加预算单位",
  token: "token create 创建令牌",
  notice: "notice issue | list | show 通知与报送时限",
  rectify: "rectify open | answer | accept | reopen | list 整改",
  results: "the results notice of a year (.json, .xlsx) 结果通报",
  assess: "the assessment of units, ranked 单位考核",
  store: "store copy: a data folder into PostgreSQL 迁移到数据库",
  treasury: "treasury import: the payment platform's export 导入国库支付数据",
  budget: "budget import: approved budgets of a year 导入预算批复",
  report: "the performance work report (.docx) 绩效工作报告",
  "build-pane": "build the task pane for serving 构建任务窗格",
  manifest: "write manifest.xml for the bureau's server address 生成加载项清单",
};

function usage(): string {
  const lines = Object.entries(verbs).map(([v, s]) => `  ${v.padEnd(12)} ${s}`);
  return `usage: jixiao <command> [options]\n\n${lines.join("\n")}\n`;
}

export async function main(argv: string[]): Promise<number> {
  // `jixiao library export | head` closes the pipe early: that is not an error.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
  const [verb, ...args] = argv;
  if (!verb || verb === "--help" || verb === "-h" || verb === "help") {
    process.stdout.write(usage());
    return verb ? 0 : 2;
  }
  if (!Object.hasOwn(verbs, verb)) {
    process.stderr.write(`jixiao: unknown command '${verb}' 未知命令\n\n${usage()}`);
    return 2;
  }
  const file = fileURLToPath(new URL(`./${verb}.ts`, import.meta.url));
  if (!existsSync(file)) {
    process.stderr.write(`jixiao: '${verb}' is not available in this build 此版本尚无该命令\n`);
    return 2;
  }
  const mod = (await import(pathToFileURL(file).href)) as Partial<Verb>;
  if (typeof mod.run !== "function") throw new Error(`server/cli/${verb}.ts exports no run()`);
  return mod.run(args);
}

// Run directly (`tsx server/cli/main.ts …`, as `npm run jixiao` does).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
