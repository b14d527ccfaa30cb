// `jixiao validate` given the whole hostile corpus (test/support/hostile-workbooks.ts) and one real
// form in a single run: the process does not crash, each hostile file the reader refuses gets one
// line saying why, and the real form after them is still checked (exit 2: some files unreadable).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { demoForm } from "../../server/demo-form.ts";
import { hostileWorkbooks } from "../support/hostile-workbooks.ts";
import { runJixiao } from "../server/process.ts";

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe("jixiao validate on the hostile corpus", { timeout: 240_000 }, () => {
  it("reports each unreadable workbook as one finding and still checks the files after it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jixiao-hostile-cli-"));
    dirs.push(dir);
    const corpus = hostileWorkbooks();
    const files: string[] = [];
    for (const [i, h] of corpus.entries()) {
      const f = join(dir, `${String(i).padStart(3, "0")}-${h.family}.xlsx`);
      await writeFile(f, h.bytes);
      files.push(f);
    }
    const good = join(dir, "zz-good.json");
    await writeFile(good, JSON.stringify(demoForm("target", { year: 2025, unit: { code: "U-A", name: "林业局" }, project: { code: "P1", name: "森林管护" } })));
    const r = await runJixiao(["validate", "--json", ...files, good], 220_000);
    expect(r.err).not.toMatch(/heap out of memory|FATAL|at .*\.ts:\d+/);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.out) as { files: { file: string; forms: unknown[]; error?: string }[] };
    expect(report.files.map((f) => f.file)).toEqual([...files, good]);
    const last = report.files[report.files.length - 1]!;
    expect(last.error).toBeUndefined();
    expect(last.forms).toHaveLength(1);
    // The bombs are named as what they are, in both languages.
    const byName = new Map(corpus.map((h, i) => [h.name, report.files[i]!]));
    expect(byName.get("sheet declares 12 KB, inflates to 48 MB")!.error).toMatch(/unpacks to more than 32 MB.*解压后超过/);
    expect(byName.get("20,000 real rows under full-row merges")!.error).toMatch(/merged ranges cover.*合并单元格/);
    expect(byName.get("an .xls header")!.error).toMatch(/另存为 \.xlsx/);
    for (const f of report.files) if (f.error !== undefined) expect(f.error).toMatch(/[\u4e00-\u9fff]/);
  });
});
