// A finding whose words are built when first read (issue() given a function) is, to everything that
// reads it, the plain { rule, severity, path, message, cell? } object the API, the CLI and the pane
// read: JSON, spreading, cloning, comparing and the schema all see the message, built once.
import { describe, expect, it } from "vitest";
import { FormSchema } from "../../shared/form.ts";
import { IssueSchema } from "../../shared/issue.ts";
import { issue } from "../../shared/rules/messages.ts";
import { formOf } from "../server/helpers.ts";

const form = FormSchema.parse({ ...(formOf("target", "U-A", "P1") as object), cells: { "indicators[0].name": "'绩效目标申报表'!C12" } });

describe("a finding with its words built when read", () => {
  it("reads as the plain finding, the words built once", () => {
    let built = 0;
    const lazy = issue(form, "I203", "warning", "indicators[0].name", () => {
      built++;
      return { zh: "第1行指标“森林管护面积”不在指标库中", en: "Indicator row 1 is not in the library" };
    });
    expect(built).toBe(0);
    const plain = { rule: "I203", severity: "warning", path: "indicators[0].name", message: { zh: "第1行指标“森林管护面积”不在指标库中", en: "Indicator row 1 is not in the library" }, cell: "'绩效目标申报表'!C12" };
    expect(JSON.parse(JSON.stringify(lazy))).toEqual(plain);
    expect(Object.keys(lazy)).toEqual(["rule", "severity", "path", "message", "cell"]);
    expect({ ...lazy }).toEqual(plain);
    expect(lazy).toEqual(plain);
    expect(structuredClone(lazy)).toEqual(plain);
    expect(IssueSchema.parse(lazy)).toEqual(plain);
    expect(built).toBe(1);
    lazy.message = { zh: "改写", en: "rewritten" };
    expect(lazy.message.zh).toBe("改写");
    expect(built).toBe(1);
  });

  it("is the same as a finding given its words at once", () => {
    const words = { zh: "中", en: "en" };
    expect(issue(form, "I215", "error", "indicators[1].name", () => words)).toEqual(issue(form, "I215", "error", "indicators[1].name", words));
  });
});
