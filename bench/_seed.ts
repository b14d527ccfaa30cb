// Helpers of bench/server.ts: forms of a given size, and a data folder written directly in the
// embedded store's layout (form logs and heads.json, docs/storage.md) for the sizes a save-by-save
// seed would take minutes over (20,000 forms × 20 revisions).
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { FormSchema } from "../shared/form.ts";
import { demoForm } from "../server/demo-form.ts";
import { describeForm } from "../server/workflow.ts";
import { advance, formFile, type Head, type RevRecord } from "../server/store/form-log.ts";
import { headsFileText } from "../server/store/heads-file.ts";
import { keyString, type SubmissionKey } from "../server/store/store.ts";

/** A target form of `rows` indicator rows (the demo form's rows, repeated under distinct names). */
export function formOfRows(rows: number, year: number, unit: string, project: string): Record<string, unknown> {
  const base = demoForm("target", { year, unit: { code: unit, name: `单位 ${unit}` }, project: { code: project, name: `项目 ${project}` } });
  const indicators = Array.from({ length: rows }, (_, i) => {
    const r = base.indicators[i % base.indicators.length]!;
    return { ...r, name: `${String(r.name ?? "指标")}（${i + 1}）` };
  });
  return { ...base, indicators } as unknown as Record<string, unknown>;
}

/** Writes `forms` forms of `revisions` revisions each, straight into the layout, and heads.json. */
export async function seedLogs(dir: string, year: number, forms: number, revisions: number, rows: number, perUnit = 50): Promise<void> {
  const heads: Head[] = [];
  const made = new Set<string>();
  for (let i = 0; i < forms; i++) {
    const unit = `S${String(Math.floor(i / perUnit)).padStart(5, "0")}`;
    const project = `P${i % perUnit}`;
    const key: SubmissionKey = { year, unit, project, kind: "target" };
    const form = formOfRows(rows, year, unit, project);
    const parsed = FormSchema.safeParse(form);
    const described = describeForm(parsed.success ? parsed.data : undefined, form);
    const formText = JSON.stringify(form);
    let head: Head | undefined;
    const lines: string[] = [];
    let offset = 0;
    for (let n = 1; n <= revisions; n++) {
      const at = new Date(Date.UTC(year, 2, 1, 0, 0, n)).toISOString();
      const meta = `{"lsn":0,"t":"rev","revision":${n},"status":"draft","by":"seed","at":"${at}","libraryVersion":1,"issues":[],"counts":{"error":0,"warning":0,"info":0},"rows":${described.rows}${described.fingerprint ? `,"fingerprint":"${described.fingerprint}"` : ""}`;
      const line = `${meta},"form":${formText}}\n`;
      const bytes = Buffer.byteLength(line, "utf8");
      const rec: RevRecord = { lsn: 0, t: "rev", revision: n, status: "draft", by: "seed", at, libraryVersion: 1, issues: [], counts: { error: 0, warning: 0, info: 0 }, rows: described.rows, form };
      if (described.fingerprint) rec.fingerprint = described.fingerprint;
      head = advance(key, head, rec, offset, bytes);
      offset += bytes;
      lines.push(line);
    }
    const file = formFile(dir, key);
    if (!made.has(dirname(file))) {
      await mkdir(dirname(file), { recursive: true, mode: 0o700 });
      made.add(dirname(file));
    }
    await writeFile(file, lines.join(""), { mode: 0o600 });
    if (head) heads.push(head);
    void keyString;
  }
  await writeFile(join(dir, "heads.json"), headsFileText({ layout: 2, checkpoint: 2, lsn: 0, auditSize: 0, heads }), { mode: 0o600 });
}
