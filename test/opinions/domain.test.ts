// The steps of a draft sent for opinions and the counting, pure (shared/cycle/opinions.ts,
// handover.ts): the deadline's last millisecond in Beijing, silence recorded in words, counts.
import { describe, expect, it } from "vitest";
import { findingRow, handoverCounts, type Handover } from "../../shared/cycle/handover.ts";
import { answer, ConsultationInputSchema, finalise, newConsultation, opinionCounts, reply, SILENCE_ZH, type Consultation } from "../../shared/cycle/opinions.ts";

const input = ConsultationInputSchema.parse({ year: 2025, subject: { kind: "results" }, title: "通报", draft: { text: "通报" }, units: ["U-A", "U-B", "U-C"], deadline: "2025-03-10" });
const sent = () => newConsultation("O2025-00000000", input, "finance#f", "2025-03-01T00:00:00.000Z");
function must(x: ReturnType<typeof answer>): Consultation {
  if (!x.ok) throw new Error(x.refusal.en);
  return x.next;
}

describe("a draft's deadline and silence", () => {
  it("takes an answer until 24:00 Beijing time on the deadline's day, not a millisecond later", () => {
    expect(input.deadline).toBe("2025-03-10T15:59:59.999Z");
    expect(answer(sent(), "U-A", { stance: "agree", reasons: "" }, "unit:U-A#t", "2025-03-10T15:59:59.999Z").ok).toBe(true);
    const late = answer(sent(), "U-A", { stance: "agree", reasons: "" }, "unit:U-A#t", "2025-03-10T16:00:00.000Z");
    expect(late.ok ? null : late.refusal.code).toBe("opinion_closed");
    const other = answer(sent(), "U-X", { stance: "agree", reasons: "" }, "unit:U-X#t", "2025-03-02T00:00:00.000Z");
    expect(other.ok ? null : other.refusal.code).toBe("not_asked");
  });

  it("finalising before the deadline names the silent units; after it, they are recorded as agreeing, in words", () => {
    let c = must(answer(sent(), "U-B", { stance: "disagree", reasons: "数据有误" }, "unit:U-B#t", "2025-03-02T00:00:00.000Z"));
    const early = finalise(c, "finance#f", "2025-03-10T15:59:59.999Z");
    expect(early.ok ? null : early.refusal).toMatchObject({ code: "opinions_pending", details: { units: ["U-A", "U-C"] } });
    const unanswered = finalise(c, "finance#f", "2025-03-11T00:00:00.000Z");
    expect(unanswered.ok ? null : unanswered.refusal).toMatchObject({ code: "objections_unanswered", details: { units: ["U-B"] } });
    c = must(reply(c, { unit: "U-B", decision: "rejected", reason: "经核实数据无误" }, "finance#f", "2025-03-11T00:00:00.000Z"));
    const done = must(finalise(c, "finance#f", "2025-03-11T01:00:00.000Z"));
    expect(done.opinions.map((o) => [o.unit, o.stance, o.reasons])).toEqual([
      ["U-A", "agree", SILENCE_ZH],
      ["U-B", "disagree", "数据有误"],
      ["U-C", "agree", SILENCE_ZH],
    ]);
    expect(opinionCounts([done, sent()])).toEqual({ consultations: 2, bySubject: { results: 2, conclusion: 0 }, final: 1, asked: 6, answered: 1, agreed: 0, objected: 1, silent: 2, accepted: 0, rejected: 1, pending: 0 });
    // as it stood before the reply: the objection pending, nothing final, nobody silent yet
    expect(opinionCounts([done], "2025-03-10T00:00:00.000Z")).toMatchObject({ consultations: 1, final: 0, answered: 1, objected: 1, pending: 1, rejected: 0, silent: 0 });
    expect(opinionCounts([done], "2025-02-28T00:00:00.000Z").consultations).toBe(0);
  });
});

describe("a finding's row", () => {
  it("is the sheet row of its cell, else the indicator row as the rules count", () => {
    expect(findingRow({ cell: "'绩效目标申报表'!F16", path: "indicators[2].target" })).toBe(16);
    expect(findingRow({ cell: "Sheet1!$B$7", path: "funds.total" })).toBe(7);
    expect(findingRow({ path: "indicators[2].target" })).toBe(3);
    expect(findingRow({ path: "funds.total" })).toBeUndefined();
  });

  it("handed-on records are counted by kind, department and unit", () => {
    const h = (id: string, unit: string, department: string, kind: "finding" | "rectification"): Handover => ({
      id, year: 2025, unit, department, date: "2025-04-02", reference: "x", summary: "y", by: "f", at: "t",
      subject: kind === "finding" ? { kind, project: "P1", form: "target", rule: "I208" } : { kind, id: "R2025-00000000", project: "P1", form: "target" },
    });
    expect(handoverCounts([h("1", "U-A", "区纪委监委", "finding"), h("2", "U-A", "区审计局", "rectification"), h("3", "U-B", "区审计局", "finding")])).toEqual({
      total: 3, units: 2, byKind: { finding: 2, rectification: 1, conclusion: 0 }, byDepartment: { 区纪委监委: 1, 区审计局: 2 },
    });
  });
});
