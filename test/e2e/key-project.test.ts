// A key project (重点项目) walked end to end against a real `jixiao serve` over HTTPS, on the data
// folder and on PostgreSQL (issue 20's "done when"):
// - the unit's target form saved and submitted; three experts review it, one far below the others
//   and marked so in finance's side-by-side view; the panel concludes, the form is returned and
//   approved;
// - the evaluation plan and then the evaluation report, real .docx files, reviewed in two rounds,
//   each with its conclusion (the report's two experts far apart: divergent, neither called the
//   outlier, as the outlier rule says of a panel of two);
// - the unit's self-evaluation report uploaded (read by nobody else, not even the project's
//   experts); the project's evaluation conclusion sent to the unit for its opinion (agreed); the
//   draft results notice sent to three units: one objection, with that report as evidence,
//   accepted (the draft changes), one not (with the reason), one unit silent;
// - the server started again two days later on the same data, past the deadline: the silent unit
//   taken as agreeing at finalising;
// - a rectification item handed on to the audit bureau, the conclusion to the discipline
//   commission; the final notice (JSON and workbook) and the assessment list the opinions and
//   the hand-overs;
// - the half-year work report's figures held to all of it, its .docx converted to PDF with
//   LibreOffice and the text checked for the same figures; `jixiao report` on the store, the
//   server stopped, writes the same words.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beijingDay } from "../../shared/beijing.ts";
import { SILENCE_ZH } from "../../shared/cycle/opinions.ts";
import type { WorkReport } from "../../shared/report/work-report.ts";
import { demoForm } from "../../server/demo-form.ts";
import { repo, runJixiao, spawnServe, type Served } from "../server/process.ts";
import { httpsApi, type HttpsApi } from "../support/https-api.ts";
import { onCluster } from "../support/postgres.ts";
import { docxWords, missingPhrases, pdfTextOfDocx, writerPresent } from "../support/word.ts";
import { tempDirs } from "../support/temp.ts";

const HOUR = 3_600_000;
/** How far the server's clock is moved on its second start: past the opinions' deadline (tomorrow, Beijing time). */
const SHIFT = 50 * HOUR;
const started = Date.now();
const today = beijingDay(new Date(started));
const deadline = beijingDay(new Date(started + 24 * HOUR));
// The year and half the report is asked for: those of the day the restarted server finds, so the
// report stands at that day and counts everything the walk did.
const later = beijingDay(new Date(started + SHIFT));
const YEAR = Number(later.slice(0, 4));
const HALF = Number(later.slice(5, 7)) <= 6 ? 1 : 2;
const dayAfter = (day: string, days: number) => new Date(Date.parse(`${day}T12:00:00+08:00`) + days * 24 * HOUR).toISOString().slice(0, 10);

const units = [
  { code: "U01", name: "区林业局", field: "forestry", project: { code: "P001", name: "森林资源管护项目" } },
  { code: "U02", name: "区水利局", field: "water", project: { code: "P002", name: "中小河流治理项目" } },
  { code: "U03", name: "区教育局", field: "education", project: { code: "P003", name: "义务教育阶段学生资助项目" } },
] as const;
const experts = [
  { code: "E01", name: "张明", field: "performance" },
  { code: "E02", name: "李华", field: "performance" },
  { code: "E03", name: "王强", field: "industry" },
] as const;

/** A Word document as a third party writes an evaluation plan or report, made with the `docx` library. */
async function wordDocument(title: string, sections: [string, string][]): Promise<Buffer> {
  const doc = new Document({
    creator: "某会计师事务所",
    title,
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, heading: HeadingLevel.TITLE, children: [new TextRun({ text: title, bold: true, size: 36 })] }),
          ...sections.flatMap(([h, p]) => [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(h)] }), new Paragraph({ children: [new TextRun(p)] })]),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** Scores of a sheet: each criterion the given share of its weight, in half points. */
function scoresAt(criteria: readonly { id: string; weight: number }[], share: number): Record<string, number> {
  return Object.fromEntries(criteria.map((c) => [c.id, Math.round(c.weight * share * 2) / 2]));
}

/** The environment of a process whose clock runs SHIFT ahead (test/support/shifted-clock.mjs). */
const shiftedEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${pathToFileURL(join(repo, "test/support/shifted-clock.mjs")).href}`.trim(),
  JIXIAO_TEST_CLOCK_SHIFT_MS: String(SHIFT),
});

/** The walk on one store: `storeArgs` are what `jixiao serve` is given besides --data. */
function walk(storeName: string, storeArgs: () => Promise<string[]>): void {
  describe(`a key project walked end to end (${storeName})`, { timeout: 120_000 }, () => {
    const tempDir = tempDirs("jixiao-e2e-key-");
    let data = "";
    let args: string[] = [];
    let served: Served | undefined;
    let api: HttpsApi;
    const t: Record<string, string> = {};
    const unitToken = (code: string) => t[code]!;
    let consultation = "";
    let conclusionDraft = "";
    let rectification = "";

    async function start(env?: NodeJS.ProcessEnv): Promise<void> {
      served = await spawnServe(["--data", data, ...args], /listening on (\S+)/, 60_000, env);
      api = httpsApi(served.url, await readFile(join(data, "certs", "jixiao-ca.crt"), "utf8"));
    }
    async function stop(): Promise<void> {
      api?.close();
      if (served && served.child.exitCode === null) {
        served.child.kill("SIGTERM");
        await served.exited;
      }
      served = undefined;
    }

    beforeAll(async () => {
      data = await tempDir();
      args = await storeArgs();
      await start();
      t.admin = /^\s+(jx_\S+)$/m.exec(served!.out())?.[1] ?? "";
      expect(t.admin, "the first start prints the admin token").toMatch(/^jx_/);
    }, 90_000);
    afterAll(async () => {
      await stop();
    });

    it("the admin adds three units, three experts and their tokens; each unit saves and submits its target form; finance marks P001 key", async () => {
      for (const u of units) {
        await api.ok("POST", "/api/units", t.admin, { code: u.code, name: u.name, field: u.field });
        t[u.code] = (await api.ok("POST", "/api/tokens", t.admin, { role: "unit", unit: u.code, label: `${u.name}财务科` })).token;
      }
      t.finance = (await api.ok("POST", "/api/tokens", t.admin, { role: "finance", label: "绩效管理科" })).token;
      for (const e of experts) {
        await api.ok("POST", "/api/experts", t.admin, e);
        t[e.code] = (await api.ok("POST", "/api/tokens", t.admin, { role: "expert", expert: e.code })).token;
      }
      expect((await api.ok("GET", "/api/me", t.E03)).role).toBe("expert");
      for (const u of units) {
        const path = `/api/submissions/${YEAR}/${u.code}/${u.project.code}/target`;
        const saved = await api.ok("PUT", path, unitToken(u.code), demoForm("target", { year: YEAR, unit: { code: u.code, name: u.name }, project: u.project }), { status: 201 });
        await api.ok("POST", `${path}/submit`, unitToken(u.code), undefined, { headers: { "if-match": `"${saved.revision}"` } });
      }
      await api.ok("POST", `/api/projects/${YEAR}/U01/P001/key`, t.finance, { key: true });
      // a unit never sees another's form
      expect((await api.call("GET", `/api/submissions/${YEAR}/U01/P001/target`, unitToken("U02"))).status).toBe(403);
    });

    it("three experts review the target form independently; the one far below the others is the outlier in finance's view; the panel concludes 修改后通过", async () => {
      const a = await api.ok("POST", "/api/reviews", t.finance, { year: YEAR, unit: "U01", project: "P001", kind: "target", experts: ["E01", "E02", "E03"], due: deadline });
      expect(a).toMatchObject({ round: 1, experts: ["E01", "E02", "E03"], submitted: 0 });
      // what an expert reaches: the form assigned, read-only, and nothing else of the unit
      const item = await api.ok("GET", `/api/reviews/${a.id}/item`, t.E01);
      expect(item.form.project.name).toBe("森林资源管护项目");
      expect((await api.call("GET", `/api/submissions/${YEAR}/U01/P001/target`, t.E01)).status).toBe(403);
      expect((await api.call("GET", `/api/documents/${YEAR}/U01/P001`, t.E01)).status).toBe(403);
      const ids = a.sheet.criteria.map((c: { id: string }) => c.id);
      expect(ids).toEqual(["completeness", "clarity", "relevance", "measurability", "budget"]);
      const sheet = (s: number[], comment: string) => ({
        scores: Object.fromEntries(ids.map((id: string, i: number) => [id, s[i]])),
        comments: { measurability: "部分指标值缺少测算依据" },
        cells: [{ cell: "indicators[2].target", comment: "第3行指标值请说明来源" }],
        comment,
      });
      await api.ok("POST", `/api/reviews/${a.id}/submit`, t.E01, sheet([17, 16, 16, 15, 16], "目标明确，建议补充测算依据"));
      // E02 has saved a draft but not submitted: E01's scores are not in what E02 is answered
      await api.ok("PUT", `/api/reviews/${a.id}/sheet`, t.E02, sheet([16, 15, 0, 0, 0], "草稿"));
      const before = await api.ok("GET", `/api/reviews/${a.id}`, t.E02);
      expect(before.mine.submittedAt).toBeUndefined();
      expect(before.reviews).toBeUndefined();
      expect(before.panel).toBeUndefined();
      expect(JSON.stringify(before)).not.toContain("目标明确，建议补充测算依据");
      expect(before.assignment.submitted).toBe(1);
      await api.ok("POST", `/api/reviews/${a.id}/submit`, t.E02, sheet([16, 15, 16, 14, 15], "基本可行"));
      expect((await api.ok("GET", `/api/reviews/${a.id}`, t.E02)).reviews).toHaveLength(2);
      await api.ok("POST", `/api/reviews/${a.id}/submit`, t.E03, sheet([9, 9, 10, 8, 9], "产出指标与资金规模不匹配"));
      // a submitted sheet never changes
      expect((await api.call("PUT", `/api/reviews/${a.id}/sheet`, t.E03, { json: sheet([20, 20, 20, 20, 20], "改分") })).status).toBe(409);

      const view = await api.ok("GET", `/api/reviews/${a.id}`, t.finance);
      expect(view.panel.experts).toEqual([
        { expert: "E01", total: 80, outlier: false },
        { expert: "E02", total: 76, outlier: false },
        { expert: "E03", total: 45, outlier: true },
      ]);
      expect(view.panel.total).toMatchObject({ mean: 67, median: 76, min: 45, max: 80, spread: 35 });
      expect(view.panel.threshold).toBe(15);
      expect(view.reviews.map((r: { expert: string; total: number }) => [r.expert, r.total])).toEqual([
        ["E01", 80],
        ["E02", 76],
        ["E03", 45],
      ]);
      const concluded = await api.ok("POST", `/api/reviews/${a.id}/conclusion`, t.finance, { verdict: "revise", text: "专家组意见：目标基本明确，补充指标值测算依据后通过。王强专家评分偏低，经讨论维持原评分。" });
      expect(concluded.conclusion.verdict).toBe("revise");
    });

    it("finance returns the form with the panel's opinion; the unit revises and submits; finance approves it", async () => {
      const path = `/api/submissions/${YEAR}/U01/P001/target`;
      await api.ok("POST", `${path}/return`, t.finance, { comment: "请按专家组意见补充指标值测算依据" });
      const current = await api.ok("GET", path, unitToken("U01"));
      const form = { ...demoForm("target", { year: YEAR, unit: { code: "U01", name: "区林业局" }, project: units[0].project }) } as Record<string, unknown>;
      (form.goals as Record<string, string>).annual += "（面积依据：区林地年报）";
      const saved = await api.ok("PUT", path, unitToken("U01"), form, { headers: { "if-match": `"${current.revision}"` } });
      await api.ok("POST", `${path}/submit`, unitToken("U01"), undefined, { headers: { "if-match": `"${saved.revision}"` } });
      await api.ok("POST", `${path}/approve`, t.finance);
      expect((await api.ok("GET", path, t.finance)).status).toBe("approved");
    });

    it("round 1: the evaluation plan, a .docx, is uploaded and reviewed by two experts; the report cannot be assigned before it is uploaded", async () => {
      const docx = await wordDocument("森林资源管护项目绩效评价方案", [
        ["一、评价对象与目的", "评价对象为区林业局2025年度森林资源管护项目，资金500万元。"],
        ["二、评价指标体系", "按决策、过程、产出、效益四个一级指标设置，权重分别为15、15、35、35。"],
        ["三、评价方法与标准", "采用比较法、因素分析法和公众评判法，满意度调查样本不少于300份。"],
      ]);
      const up = await api.call("POST", `/api/documents/${YEAR}/U01/P001/evalPlan?name=${encodeURIComponent("森林资源管护项目绩效评价方案.docx")}`, t.finance, { bytes: docx, headers: { "content-type": "application/octet-stream" } });
      expect(up.status, up.body.toString()).toBe(201);
      expect(up.json).toMatchObject({ kind: "evalPlan", version: 1, type: "docx", sha256: createHash("sha256").update(docx).digest("hex") });
      // no report yet: round 2 cannot be assigned
      const early = await api.call("POST", "/api/reviews", t.finance, { json: { year: YEAR, unit: "U01", project: "P001", kind: "report", experts: ["E02", "E03"], due: deadline } });
      expect(early.json.error.code).toBe("no_such_document");

      const a = await api.ok("POST", "/api/reviews", t.finance, { year: YEAR, unit: "U01", project: "P001", kind: "plan", experts: ["E01", "E03"], due: deadline });
      expect(a.round).toBe(1);
      // the expert downloads exactly the plan assigned; E02, not on this panel, cannot
      const item = await api.ok("GET", `/api/reviews/${a.id}/item`, t.E03);
      expect(item.documents).toHaveLength(1);
      const file = await api.call("GET", item.documents[0].href, t.E03);
      expect(file.status).toBe(200);
      expect(createHash("sha256").update(file.body).digest("hex")).toBe(up.json.sha256);
      expect((await api.call("GET", `/api/reviews/${a.id}`, t.E02)).status).toBe(404);
      expect((await api.call("GET", item.documents[0].href, t.E02)).status).toBe(403);
      await api.ok("POST", `/api/reviews/${a.id}/submit`, t.E01, { scores: scoresAt(a.sheet.criteria, 0.9), comment: "方案完整，指标体系合理" });
      await api.ok("POST", `/api/reviews/${a.id}/submit`, t.E03, { scores: scoresAt(a.sheet.criteria, 0.8), comment: "满意度调查样本量需说明抽样方法" });
      const view = await api.ok("GET", `/api/reviews/${a.id}`, t.finance);
      expect(view.panel.experts.map((e: { total: number }) => e.total)).toEqual([90, 80]);
      expect(view.panel.divergent).toBe(false);
      await api.ok("POST", `/api/reviews/${a.id}/conclusion`, t.finance, { verdict: "pass", text: "评价方案通过，按专家意见补充抽样方法后实施。" });
    });

    it("round 2: the evaluation report, a .docx, is uploaded and reviewed by two experts; its own conclusion", async () => {
      const docx = await wordDocument("森林资源管护项目绩效评价报告", [
        ["一、项目基本情况", "项目预算500万元，实际支出480万元，预算执行率96%。"],
        ["二、绩效目标实现情况", "完成森林管护面积52万亩，造林成活率92%，森林火灾受害率0.3‰。"],
        ["三、存在的问题及原因", "部分管护站点巡护记录不完整。"],
        ["四、评价结论及建议", "综合评分86分，评价等级为“良”。建议完善巡护记录管理。"],
      ]);
      const up = await api.call("POST", `/api/documents/${YEAR}/U01/P001/evalReport?name=${encodeURIComponent("绩效评价报告.docx")}`, t.finance, { bytes: docx });
      expect(up.status, up.body.toString()).toBe(201);
      const a = await api.ok("POST", "/api/reviews", t.finance, { year: YEAR, unit: "U01", project: "P001", kind: "report", experts: ["E02", "E03"], due: deadline });
      expect(a.round).toBe(2);
      const item = await api.ok("GET", `/api/reviews/${a.id}/item`, t.E02);
      expect((await api.call("GET", item.documents[0].href, t.E02)).body.equals(docx)).toBe(true);
      await api.ok("POST", `/api/reviews/${a.id}/submit`, t.E02, { scores: scoresAt(a.sheet.criteria, 0.8), comment: "结论有据" });
      await api.ok("POST", `/api/reviews/${a.id}/submit`, t.E03, { scores: scoresAt(a.sheet.criteria, 0.5), comment: "问题分析不够深入，结论依据不足" });
      // two experts 30 points apart: nobody can say which is off, so neither is the outlier; the panel is divergent (差异较大)
      const view = await api.ok("GET", `/api/reviews/${a.id}`, t.finance);
      expect(view.panel.experts).toEqual([
        { expert: "E02", total: 80, outlier: false },
        { expert: "E03", total: 50, outlier: false },
      ]);
      expect(view.panel.divergent).toBe(true);
      const concluded = await api.ok("POST", `/api/reviews/${a.id}/conclusion`, t.finance, { verdict: "revise", text: "评价报告修改后通过：补充问题成因分析。" });
      expect(concluded).toMatchObject({ round: 2, conclusion: { verdict: "revise" } });
      // each round has its own conclusion
      const all = await api.ok("GET", `/api/reviews?year=${YEAR}&unit=U01&project=P001`, t.finance);
      expect(all.assignments.map((x: { kind: string; conclusion: { verdict: string } }) => [x.kind, x.conclusion.verdict]).sort()).toEqual([
        ["plan", "pass"],
        ["report", "revise"],
        ["target", "revise"],
      ]);
    });

    it("self-evaluations are in; the draft results notice goes to the three units; U01's objection is accepted (the draft changes), U02's is not; U03 is silent; finalising waits for the deadline", async () => {
      for (const u of units.slice(0, 2)) {
        const path = `/api/submissions/${YEAR}/${u.code}/${u.project.code}/selfEval`;
        const saved = await api.ok("PUT", path, unitToken(u.code), demoForm("selfEval", { year: YEAR, unit: { code: u.code, name: u.name }, project: u.project }), { status: 201 });
        await api.ok("POST", `${path}/submit`, unitToken(u.code), undefined, { headers: { "if-match": `"${saved.revision}"` } });
      }
      // U01's self-evaluation report (自评报告), a .docx it uploads itself: its own, and nobody else's to read
      const selfReport = await wordDocument("森林资源管护项目绩效自评报告", [
        ["一、项目概况", "项目预算500万元，全年支出480万元。"],
        ["二、绩效目标完成情况", "年度管护面积52万亩（含年中追加2万亩），超额完成。"],
      ]);
      const up = await api.call("POST", `/api/documents/${YEAR}/U01/P001/selfEvalReport?name=${encodeURIComponent("森林资源管护项目自评报告.docx")}`, unitToken("U01"), { bytes: selfReport });
      expect(up.status, up.body.toString()).toBe(201);
      const href = `/api/documents/${YEAR}/U01/P001/selfEvalReport/1`;
      expect((await api.call("GET", href, unitToken("U01"))).body.equals(selfReport)).toBe(true);
      expect((await api.call("GET", href, unitToken("U02"))).status).toBe(403);
      // the expert who reviews the project's target, plan and report is not shown its self-evaluation report
      expect((await api.call("GET", href, t.E01)).status).toBe(403);

      // the key project's evaluation conclusion, as the reviewed report states it, goes to U01 first; U01 agrees, so it is final at once
      const concl = await api.ok("POST", "/api/opinions", t.finance, {
        year: YEAR,
        subject: { kind: "conclusion", unit: "U01", project: "P001" },
        title: "森林资源管护项目绩效评价结论（征求意见稿）",
        draft: { text: "综合评分86分，评价等级为“良”。管护站点巡护记录不完整，建议完善巡护记录管理。", grade: "good" },
        units: ["U01"],
        deadline,
      });
      conclusionDraft = concl.id;
      await api.ok("POST", `/api/opinions/${concl.id}/answer`, unitToken("U01"), { stance: "agree" });
      expect((await api.call("GET", `/api/opinions/${concl.id}`, unitToken("U02"))).status).toBe(404);
      expect((await api.ok("POST", `/api/opinions/${concl.id}/finalise`, t.finance, {})).state).toBe("final");

      const sent = await api.ok("POST", "/api/opinions", t.finance, {
        year: YEAR,
        subject: { kind: "results" },
        title: `${YEAR}年度预算绩效评价结果通报（征求意见稿）`,
        draft: { text: "经审核，区林业局森林资源管护项目自评等级为“良”，区水利局中小河流治理项目自评等级为“良”。" },
        units: ["U01", "U02", "U03"],
        deadline,
      });
      consultation = sent.id;
      expect(sent.waiting).toEqual(["U01", "U02", "U03"]);
      await api.ok("POST", `/api/opinions/${sent.id}/answer`, unitToken("U01"), { stance: "disagree", reasons: "森林资源管护项目经专家评审后已补充指标值测算依据，自评等级应为“优”。", evidence: "林业局关于管护面积的说明（林发〔2025〕12号）", document: { project: "P001", kind: "selfEvalReport", version: 1 } });
      await api.ok("POST", `/api/opinions/${sent.id}/answer`, unitToken("U02"), { stance: "disagree", reasons: "河道治理受汛期影响，进度滞后不应扣分。" });
      // a unit sees only its own answer
      const u02 = await api.ok("GET", `/api/opinions/${sent.id}`, unitToken("U02"));
      expect(u02.opinions.map((o: { unit: string }) => o.unit)).toEqual(["U02"]);
      const accepted = await api.ok("POST", `/api/opinions/${sent.id}/reply`, t.finance, {
        unit: "U01",
        decision: "accepted",
        reason: "经复核，补充材料属实，调整该项目等级表述。",
        draft: { text: "经审核，区林业局森林资源管护项目自评等级为“优”，区水利局中小河流治理项目自评等级为“良”。" },
      });
      expect(accepted.drafts).toHaveLength(2);
      expect(accepted.drafts[1]).toMatchObject({ n: 2, because: "U01" });
      await api.ok("POST", `/api/opinions/${sent.id}/reply`, t.finance, { unit: "U02", decision: "rejected", reason: "汛期影响已在年初目标中考虑，进度滞后属实，维持原评价。" });
      const early = await api.call("POST", `/api/opinions/${sent.id}/finalise`, t.finance, { json: {} });
      expect(early.status).toBe(409);
      expect(early.json.error.code).toBe("opinions_pending");
      expect(JSON.stringify(early.json.error)).toContain("U03");
    });

    it("a rectification item of the key project is handed on to the audit bureau, its evaluation conclusion to the discipline commission (问题移送)", async () => {
      const r = await api.ok("POST", "/api/rectifications", t.finance, { year: YEAR, unit: "U01", project: "P001", kind: "target", requirement: "完善管护站点巡护记录，补齐缺失月份台账", deadline: dayAfter(later, 30) }, { status: 201 });
      rectification = r.id;
      const h = await api.ok("POST", "/api/handovers", t.finance, {
        subject: { kind: "rectification", id: r.id },
        department: "区审计局",
        date: today,
        reference: `财绩移〔${YEAR}〕1号`,
        summary: "管护站点巡护记录缺失，涉嫌虚报管护工作量，移送审计核查。",
      });
      expect(h).toMatchObject({ unit: "U01", department: "区审计局", subject: { kind: "rectification", id: r.id } });
      // and the evaluation conclusion's clue to the discipline inspection commission
      const c = await api.ok("POST", "/api/handovers", t.finance, {
        subject: { kind: "conclusion", id: conclusionDraft },
        department: "区纪委监委",
        date: today,
        reference: `财绩移〔${YEAR}〕2号`,
        summary: "评价发现巡护记录缺失月份仍足额发放管护补助，问题线索移送核查。",
      });
      expect(c).toMatchObject({ unit: "U01", subject: { kind: "conclusion", id: conclusionDraft, project: "P001" } });
      expect((await api.ok("GET", `/api/handovers?year=${YEAR}`, unitToken("U01"))).handovers).toHaveLength(2);
      expect((await api.ok("GET", `/api/handovers?year=${YEAR}`, unitToken("U02"))).handovers).toHaveLength(0);
    });

    it("two days later (the server started again on the same data, past the deadline): U03 may no longer answer; finance finalises, U03's silence recorded as agreement", async () => {
      await stop();
      await start(shiftedEnv());
      const seen = await api.ok("GET", `/api/opinions/${consultation}`, t.finance);
      expect(seen.pastDeadline).toBe(true);
      expect(seen.waiting).toEqual(["U03"]);
      const late = await api.call("POST", `/api/opinions/${consultation}/answer`, unitToken("U03"), { json: { stance: "agree" } });
      expect(late.status).toBe(409);
      expect(late.json.error.code).toBe("opinion_closed");
      const final = await api.ok("POST", `/api/opinions/${consultation}/finalise`, t.finance, { note: "征求意见结束，按修改后稿印发。" });
      expect(final.state).toBe("final");
      expect(final.opinions.find((o: { unit: string }) => o.unit === "U03")).toMatchObject({ stance: "agree", silent: true });
    });

    it("the final notice lists each opinion and how it was handled, and the problem handed on; so does its workbook and the unit's assessment", async () => {
      const r = await api.ok("GET", `/api/results?year=${YEAR}`, t.finance);
      expect(r.opinions).toHaveLength(1);
      expect(r.opinions[0]).toMatchObject({ id: consultation, state: "final" });
      const lines = Object.fromEntries(r.opinions[0].lines.map((l: { unit: string }) => [l.unit, l]));
      expect(lines.U01).toMatchObject({ said: "有异议", evidence: "林业局关于管护面积的说明（林发〔2025〕12号）；森林资源管护项目自评报告.docx（P001 第1版）", handled: "采纳：经复核，补充材料属实，调整该项目等级表述。" });
      expect(lines.U02).toMatchObject({ said: "有异议", handled: "不予采纳：汛期影响已在年初目标中考虑，进度滞后属实，维持原评价。" });
      expect(lines.U03).toMatchObject({ said: SILENCE_ZH, handled: "" });
      const u01 = r.units.find((u: { unit: string }) => u.unit === "U01");
      expect(u01.handedOn).toEqual([
        expect.objectContaining({ department: "区审计局", reference: `财绩移〔${YEAR}〕1号`, date: today }),
        expect.objectContaining({ department: "区纪委监委", reference: `财绩移〔${YEAR}〕2号`, date: today }),
      ]);
      expect(r.units.find((u: { unit: string }) => u.unit === "U02").handedOn).toEqual([]);

      const xlsx = await api.call("GET", `/api/results?year=${YEAR}&format=xlsx`, t.finance);
      expect(xlsx.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
      const rows = (name: string) => {
        const out: string[][] = [];
        wb.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v == null ? "" : String(v)))));
        return out;
      };
      const opinionRows = rows("征求意见");
      expect(opinionRows.find((x) => x[0] === "U03")?.[4]).toBe(SILENCE_ZH);
      expect(opinionRows.find((x) => x[0] === "U02")?.[7]).toMatch(/^不予采纳：/);
      expect(rows("问题移送").some((x) => x[0] === "U01" && x.includes("区审计局") && x.includes(`财绩移〔${YEAR}〕1号`))).toBe(true);

      const assessment = await api.ok("GET", `/api/assessment?year=${YEAR}`, t.finance);
      const line = (assessment.units ?? assessment).find((u: { unit: string }) => u.unit === "U01");
      expect(line.handedOn).toHaveLength(2);
      expect(rectification).toMatch(/^R\d{4}-/);
      // the notice issued, each unit reads its own line: U01's with what was handed on, U02's without
      const mine = await api.ok("GET", `/api/results/mine?year=${YEAR}`, unitToken("U01"));
      expect(mine.issued).toBe(true);
      expect(mine.result.handedOn.map((h: { department: string }) => h.department)).toEqual(["区审计局", "区纪委监委"]);
      const theirs = await api.ok("GET", `/api/results/mine?year=${YEAR}`, unitToken("U02"));
      expect(theirs.result.unit).toBe("U02");
      expect(theirs.result.handedOn).toEqual([]);
      expect(JSON.stringify(theirs)).not.toContain("区纪委监委");
    });

    let report: WorkReport;
    let reportDocx: Buffer;
    it("the half-year work report's figures are what the walk made", async () => {
      report = await api.ok("GET", `/api/report?year=${YEAR}&half=${HALF}&format=json&bureau=${encodeURIComponent("某区财政局")}`, t.finance);
      const f = report.figures;
      // coverage: three target forms of 500 万元, two self-evaluations, one approved after one return
      expect(f).toMatchObject({ units: 3, targetForms: 3, targetFundsWan: 1500, selfEvalForms: 2, selfEvalFundsWan: 1000, approved: 1, returns: 1, returnedForms: 1, keyProjects: 1, rectOpen: 1 });
      // expert reviews: three items, seven sheets by three experts, one outlier, a conclusion in each round
      const e = f.expertReviews;
      expect(e).toMatchObject({ items: 3, concluded: 3, sheets: 7, experts: 3, expertsByField: { performance: 2, industry: 1 }, outliers: 1, divergent: 1 });
      expect(e.meanScore).toBe(Math.round(((80 + 76 + 45 + 90 + 80 + 80 + 50) / 7) * 100) / 100);
      expect(e.byKind.target).toMatchObject({ items: 1, sheets: 3, meanScore: 67, outliers: 1, verdicts: { pass: 0, revise: 1, fail: 0 } });
      expect(e.byKind.plan).toMatchObject({ items: 1, sheets: 2, meanScore: 85, outliers: 0, verdicts: { pass: 1, revise: 0, fail: 0 } });
      expect(e.byKind.report).toMatchObject({ items: 1, sheets: 2, meanScore: 65, outliers: 0, divergent: 1, verdicts: { pass: 0, revise: 1, fail: 0 } });
      // opinions: the conclusion to U01 (agreed); the results notice to three units, two objections (one accepted, one not), one silent
      expect(f.opinions).toEqual({ consultations: 2, bySubject: { results: 1, conclusion: 1 }, final: 2, asked: 4, answered: 3, agreed: 1, objected: 2, silent: 1, accepted: 1, rejected: 1, pending: 0 });
      // two problems of one unit handed on, to two departments
      expect(f.handovers).toEqual({ total: 2, units: 1, byKind: { finding: 0, rectification: 1, conclusion: 1 }, byDepartment: { 区审计局: 1, 区纪委监委: 1 } });
      const section = report.sections.find((s) => s.heading.endsWith("专家评审"))!;
      expect(section.paragraphs[0]).toContain("共组织3名专家（绩效专家2名、行业专家1名）对3个事项进行评审");
      expect(section.table!.rows).toEqual([
        ["绩效目标表", 1, 3, 67, 1, 0, 1, 0],
        ["评价方案（第一轮）", 1, 2, 85, 0, 1, 0, 0],
        ["评价报告（第二轮）", 1, 2, 65, 0, 0, 1, 0],
      ]);
      expect(report.byline).toBe(`（数据截至${later}）`);
      const res = await api.call("GET", `/api/report?year=${YEAR}&half=${HALF}&bureau=${encodeURIComponent("某区财政局")}`, t.finance);
      expect(res.status).toBe(200);
      expect(String(res.headers["content-type"])).toContain("wordprocessingml");
      reportDocx = res.body;
      expect(docxWords(reportDocx)).toContain("共组织3名专家（绩效专家2名、行业专家1名）对3个事项进行评审");
    });

    describe.skipIf(!writerPresent())("the report as LibreOffice reads it", () => {
      it("converts to PDF whose text carries the same figures", async () => {
        const pdf = pdfTextOfDocx(reportDocx, `key-project-report-${storeName}.pdf`);
        expect(pdf).toContain("—1—");
        // the page numbers in the footers (— 2 —) out of the text, so a sentence a page break cuts reads whole
        const text = pdf.replace(/—\d+—/g, "");
        expect(
          missingPhrases(text, [
            report.title,
            "绩效目标申报表3份，涉及资金1500.00万元",
            "共组织3名专家（绩效专家2名、行业专家1名）对3个事项进行评审",
            "评分明显偏离专家组中位数的1份，两名专家评分相差较大的评审组1个",
            "专家评审情况",
            `本期共发出征求意见稿2份（结果通报1份、评价结论1份），征求意见4家次，收到书面反馈3家次，其中无异议1家次、提出异议2家次；${SILENCE_ZH}1家次`,
            "采纳1条",
            "不予采纳1条",
            "本期共移送问题2个，涉及1个单位",
            "移送区审计局1个",
            "移送区纪委监委1个",
            // the table's row for the target form, read across its cells
            "绩效目标表13671010",
          ]),
        ).toEqual([]);
      }, 240_000);
    });

    it("`jixiao report` on the store, the server stopped, writes the same report", async () => {
      await stop();
      const out = join(await tempDir(), `绩效工作报告-${YEAR}-H${HALF}.docx`);
      const store = args[0] === "--store" ? args[1]! : data;
      const r = await runJixiao(["report", "--year", String(YEAR), "--half", String(HALF), "--bureau", "某区财政局", "--data", store, "--out", out], 90_000, shiftedEnv());
      expect(r.code, r.err).toBe(0);
      expect(docxWords(readFileSync(out))).toBe(docxWords(reportDocx));
    });
  });
}

walk("lowdb", async () => []);
onCluster("the key project's walk on PostgreSQL", (cluster) => {
  walk("postgres", async () => ["--store", await cluster.createDatabase("keywalk")]);
});
