// `jixiao validate` as a clerk runs it: exit codes, the --json shape of docs/api.md, the language.
import { readFileSync } from "node:fs";
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { IssueSchema } from "../../shared/issue.ts";
import { library, monitorInput, selfEvalInput, targetInput } from "./fixtures.ts";

const exec = promisify(execFile);
const bin = new URL("../../server/cli/bin.js", import.meta.url).pathname;

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}
async function jixiao(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  try {
    const r = await exec(process.execPath, [bin, "validate", ...args], { env: { ...process.env, LANG: "en_US.UTF-8", LC_ALL: "", ...env }, maxBuffer: 16 << 20 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let dir = "";
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "jixiao-validate-"));
  await writeFile(file("library.json"), JSON.stringify(library));
  await writeFile(file("clean.json"), JSON.stringify(targetInput()));
  await writeFile(file("both.json"), JSON.stringify([selfEvalInput(), monitorInput((f) => ((f.budget as { executedToDate: number }).executedToDate = 300))]));
  await writeFile(file("bad.json"), JSON.stringify(targetInput((f) => (f.indicators[2]!.name = "巡查及时"))));
  await writeFile(file("not-a-form.json"), JSON.stringify({ hello: "世界" }));
  await writeFile(file("broken.json"), "{ 不是 JSON");
  await writeFile(file("bad-library.json"), JSON.stringify({ version: "one" }));
});

describe("jixiao validate", () => {
  it("exit 0 and a clean report for a clean form", async () => {
    const r = await jixiao(["--library", file("library.json"), file("clean.json")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("no findings");
  });

  it("exit 1 when errors are found", async () => {
    const r = await jixiao(["--library", file("library.json"), file("bad.json")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Errors\n\s+I203 indicators\[2\]\.name/);
    expect(r.stdout).toContain("护林防火巡查及时率");
  });

  it("--json has the shape of docs/api.md, with score and lights", async () => {
    const r = await jixiao(["--json", "--library", file("library.json"), file("clean.json"), file("both.json")]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { files: { file: string; forms: Record<string, unknown>[] }[] };
    expect(out.files.map((f) => f.file)).toEqual([file("clean.json"), file("both.json")]);
    expect(out.files[0]!.forms).toHaveLength(1);
    // each form as read is in the report beside its findings
    expect(out.files[0]!.forms[0]).toEqual({ kind: "target", issues: [], form: JSON.parse(readFileSync(file("clean.json"), "utf8")) });
    const [selfEval, mon] = out.files[1]!.forms as [Record<string, unknown>, Record<string, unknown>];
    expect(selfEval.kind).toBe("selfEval");
    expect(selfEval.score).toEqual({ budget: 9.58, rows: [15, 15, 10, 10, 10, 10, 10, 10], total: 99.58, grade: "excellent" });
    expect(mon.kind).toBe("monitor");
    expect(mon.lights).toEqual({ budget: "red", rows: ["green", "green", "green", null, null, "green", "green", "green"] });
    const issues = (mon.issues as unknown[]).map((i) => IssueSchema.parse(i));
    expect(issues.find((i) => i.rule === "M501")).toMatchObject({ severity: "warning", light: "red" });
  });

  it("exit 2 for an unreadable file, with the others still checked", async () => {
    const r = await jixiao(["--json", "--library", file("library.json"), file("broken.json"), file("bad.json"), file("missing.json"), file("form.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("broken.json");
    expect(r.stderr).toContain("missing.json");
    expect(r.stderr).toContain(".xlsx");
    const out = JSON.parse(r.stdout) as { files: { file: string; forms: { issues: { rule: string }[] }[] }[] };
    expect(out.files[1]!.forms[0]!.issues.map((i) => i.rule)).toContain("I203");
  });

  it("reports a JSON that is not a form as findings, kind unknown", async () => {
    const r = await jixiao(["--json", "--library", file("library.json"), file("not-a-form.json")]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { files: { forms: { kind: string; issues: { rule: string }[] }[] }[] };
    expect(out.files[0]!.forms[0]!.kind).toBe("unknown");
    expect(out.files[0]!.forms[0]!.issues.every((i) => i.rule === "P002" || i.rule === "P003")).toBe(true);
  });

  it("uses the starter library without --library", async () => {
    const r = await jixiao(["--json", file("bad.json")]);
    const out = JSON.parse(r.stdout) as { files: { forms: { issues: { rule: string; message: { zh: string } }[] }[] }[] };
    const i203 = out.files[0]!.forms[0]!.issues.find((i) => i.rule === "I203" && i.message.zh.includes("巡查及时"));
    expect(i203?.message.zh).toContain("护林防火巡查及时率");
  });

  it("speaks Chinese when LANG says zh", async () => {
    const r = await jixiao(["--library", file("library.json"), file("bad.json")], { LANG: "zh_CN.UTF-8" });
    expect(r.stdout).toContain("错误");
    expect(r.stdout).toContain("第3行指标“巡查及时”不在指标库中");
    expect(r.stdout).toContain("共 1 个文件");
  });

  it("exit 2 on misuse or a bad library", async () => {
    expect((await jixiao([])).code).toBe(2);
    expect((await jixiao(["--bogus", file("clean.json")])).code).toBe(2);
    const r = await jixiao(["--library", file("bad-library.json"), file("clean.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("not a valid library");
  });
});
