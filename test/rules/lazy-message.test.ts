// A finding whose words are built when read (issue() given a function, rowIssue()) reads, to
// everything that reads it, as the plain { rule, severity, path, message, cell? } object the API, the
// CLI and the pane read: its JSON, its path and message read as properties, the schema, and a copy
// made with plainFinding all give the words, built once and only when read.
import { describe, expect, it } from "vitest";
import { FormSchema } from "../../shared/form.ts";
import { IssueSchema } from "../../shared/issue.ts";
import { issue, plainFinding, rowIssue } from "../../shared/rules/messages.ts";
import { formOf } from "../server/helpers.ts";

const bare = FormSchema.parse(formOf("target", "U-A", "P1"));
const form = FormSchema.parse({ ...(formOf("target", "U-A", "P1") as object), cells: { "indicators[0].name": "'绩效目标申报表'!C12" } });
const words = { zh: "第1行指标“森林管护面积”不在指标库中", en: "Indicator row 1 is not in the library" };

describe("a finding with its words built when read", () => {
  it("reads as the plain finding, the words built once", () => {
    let built = 0;
    const lazy = issue(form, "I203", "warning", "indicators[0].name", () => {
      built++;
      return words;
    });
    expect(built).toBe(0);
    const plain = { rule: "I203", severity: "warning", path: "indicators[0].name", message: words, cell: "'绩效目标申报表'!C12" };
    expect(JSON.stringify(lazy)).toBe(JSON.stringify(plain));
    expect(built).toBe(1);
    expect(lazy.message).toEqual(words);
    expect(lazy.path).toBe("indicators[0].name");
    expect(IssueSchema.parse(lazy)).toEqual(plain);
    const copy = plainFinding(lazy);
    expect(Object.keys(copy)).toEqual(["rule", "severity", "path", "message", "cell"]);
    expect(copy).toEqual(plain);
    expect(structuredClone(copy)).toEqual(plain);
    expect(built).toBe(1);
    lazy.message = { zh: "改写", en: "rewritten" };
    expect(lazy.message.zh).toBe("改写");
    expect(JSON.parse(JSON.stringify(lazy)).message).toEqual({ zh: "改写", en: "rewritten" });
    expect(built).toBe(1);
  });

  it("is the same as a finding given its words at once", () => {
    const lazy = issue(form, "I215", "error", "indicators[1].name", () => words);
    const eager = issue(form, "I215", "error", "indicators[1].name", words);
    expect(JSON.stringify(lazy)).toBe(JSON.stringify(eager));
    expect(plainFinding(lazy)).toEqual(eager);
    expect(plainFinding(eager)).toEqual(eager);
  });

  it("makes a row's path when read, or at once for a form with cells", () => {
    let built = 0;
    const lazy = rowIssue(bare, "I208", "error", 3, "target", () => {
      built++;
      return words;
    });
    expect(lazy.path).toBe("indicators[3].target");
    expect(lazy.cell).toBeUndefined();
    expect(built).toBe(0);
    expect(JSON.parse(JSON.stringify(lazy))).toEqual({ rule: "I208", severity: "error", path: "indicators[3].target", message: words });
    lazy.path = "indicators[4].target";
    expect(lazy.path).toBe("indicators[4].target");
    const placed = rowIssue(form, "I203", "error", 0, "name", () => words);
    expect(plainFinding(placed)).toEqual({ rule: "I203", severity: "error", path: "indicators[0].name", message: words, cell: "'绩效目标申报表'!C12" });
  });
});
