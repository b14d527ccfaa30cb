// A form's log (server/store/form-log.ts): compaction drops the forms of old revisions without
// parsing them, and copies the revisions it keeps whole as they are, reading their revision number
// from the line's first bytes; a line of another shape is parsed as before.
import { describe, expect, it } from "vitest";
import { formFieldAt, parseLog, revisionAtStart, stripForms } from "../../server/store/form-log.ts";

/** A revision's line as saveRevision writes it: lsn, t, revision first, the form last. */
function revLine(revision: number, extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({
    lsn: revision + 100,
    t: "rev",
    revision,
    status: "draft",
    by: "unit:U01#ab12",
    issues: [{ rule: "I212", severity: "warning", path: "indicators[0].target", message: { zh: "第1行指标“森林管护面积”的指标值低于往年", en: "row 1" } }],
    counts: { error: 0, warning: 1, info: 0 },
    ...extra,
    form: { project: { name: `项目${revision}` }, indicators: [{ name: "森林覆盖率", target: "７０％" }] },
  })}\n`;
}

describe("a form's log", () => {
  it("reads the revision from the first bytes of a line saveRevision wrote, and nothing else", () => {
    expect(revisionAtStart(Buffer.from(revLine(37)))).toBe(37);
    expect(revisionAtStart(Buffer.from('{"lsn":9,"t":"rev","revision":1234567,"status":"draft"}\n'))).toBe(1234567);
    // a status record, keys in another order, a number not followed by a comma: not read here
    expect(revisionAtStart(Buffer.from('{"lsn":9,"t":"status","status":"submitted","at":"x"}\n'))).toBeUndefined();
    expect(revisionAtStart(Buffer.from('{"t":"rev","lsn":9,"revision":3,"status":"draft"}\n'))).toBeUndefined();
    expect(revisionAtStart(Buffer.from('{"lsn":9,"t":"rev","revision":3}\n'))).toBeUndefined();
    expect(revisionAtStart(Buffer.from('{"lsn":,"t":"rev","revision":3,'))).toBeUndefined();
    expect(revisionAtStart(Buffer.from(""))).toBeUndefined();
  });

  it("finds the record's own form field, not one nested in its findings or spelled inside a text", () => {
    const line = revLine(7, {
      issues: [{ rule: "I212", severity: "warning", path: "x", message: { zh: '引号\\",\\"form\\":{ 与 \\\\', en: 'a ","form":{' }, details: { form: { kind: "target" }, list: [{ form: 1 }] } }],
    });
    const at = formFieldAt(Buffer.from(line));
    expect(at).toBe(Buffer.from(line).lastIndexOf(',"form":{"project"'));
    expect(JSON.parse(`${Buffer.from(line).toString("utf8", 0, at)}}`)).toMatchObject({ revision: 7, issues: [{ details: { form: { kind: "target" } } }] });
    expect(formFieldAt(Buffer.from('{"lsn":1,"t":"status","status":"draft","at":"x"}\n'))).toBe(-1);
    // a line inside a larger buffer: the offset is from the line's start
    const two = Buffer.from(revLine(1) + line);
    expect(formFieldAt(two, Buffer.byteLength(revLine(1)), two.length)).toBe(at);
    expect(revisionAtStart(two, Buffer.byteLength(revLine(1)), two.length)).toBe(7);
  });

  it("drops the forms up to a revision, keeps the later ones byte for byte, and parses a line of another shape", () => {
    // revision 3 written with its keys in another order (an older layout): found by parsing
    const reordered = `${JSON.stringify({ t: "rev", lsn: 103, revision: 3, status: "draft", issues: [], counts: { error: 0, warning: 0, info: 0 }, form: { project: { name: "项目3" } } })}\n`;
    const status = '{"lsn":150,"t":"status","status":"submitted","at":"2025-03-01T00:00:00.000Z"}\n';
    const lines = [revLine(1), revLine(2), reordered, status, revLine(4), revLine(5)];
    const log = Buffer.from(lines.join(""));
    const { text, stripped, removed, firstWhole, whole } = stripForms(log, 3);
    expect(stripped).toBe(3);
    expect(removed).toBe(log.length - text.length);
    expect(whole).toBe(true);
    // the first revision kept whole starts where the compacted lines and the status line end
    expect(text.subarray(firstWhole).toString("utf8")).toBe(lines[4]! + lines[5]!);
    const out = parseLog(text.toString("utf8"));
    expect(out.map((l) => (l.rec.t === "rev" ? [l.rec.revision, l.rec.form !== undefined] : [l.rec.t]))).toEqual([
      [1, false],
      [2, false],
      [3, false],
      ["status"],
      [4, true],
      [5, true],
    ]);
    // who, when and the findings stay on a compacted revision; the kept ones are the same bytes
    expect(out[0]?.rec).toMatchObject({ by: "unit:U01#ab12", counts: { error: 0, warning: 1, info: 0 } });
    expect(text.toString("utf8").endsWith(lines[4]! + lines[5]!)).toBe(true);
    expect(text.toString("utf8")).toContain(status);
  });

  it("copies the revisions before the first that may hold its form without looking into them", () => {
    const lines = [revLine(1), revLine(2), revLine(3), revLine(4)];
    // told that revisions from 3 on may hold forms, 1 and 2 are taken as compacted already and copied
    const { text, stripped } = stripForms(Buffer.from(lines.join("")), 3, 3);
    expect(stripped).toBe(1);
    const out = parseLog(text.toString("utf8"));
    expect(out.map((l) => l.rec.t === "rev" && [l.rec.revision, l.rec.form !== undefined])).toEqual([
      [1, true],
      [2, true],
      [3, false],
      [4, true],
    ]);
  });

  it("copies a kept line cut short as it is, so reading the log still ends there", () => {
    const cut = '{"lsn":102,"t":"rev","revision":2,"status":"draft","form":{"project":\n';
    const log = Buffer.from(revLine(1) + cut + revLine(3));
    const { text, stripped } = stripForms(log, 1);
    expect(stripped).toBe(1);
    expect(text.toString("utf8").endsWith(cut + revLine(3))).toBe(true);
    // a log whose last line has no newline yet is not whole: compaction leaves such a log alone
    expect(stripForms(Buffer.from(revLine(1) + revLine(2).slice(0, 30)), 1).whole).toBe(false);
    expect(parseLog(text.toString("utf8")).map((l) => l.rec.t === "rev" && [l.rec.revision, l.rec.form !== undefined])).toEqual([[1, false]]);
  });
});
