// The work report (绩效工作报告) as JSON (GET /api/report?format=json, docs/work-report.md): its
// sections as the document words them and every figure it states.
import { z } from "zod";
import { ExpertFieldSchema, ItemKindSchema, VerdictSchema } from "../expert/review.ts";
import { RatingSchema } from "./check-result.ts";
import { YearParamSchema } from "./params.ts";

export const ReportQuerySchema = z.object({
  year: YearParamSchema,
  half: z.enum(["1", "2"]).optional(),
  format: z.enum(["docx", "json"]).default("docx"),
  bureau: z.string().trim().min(1).max(60).optional(),
});

const int = z.number().int();

const ExpertReviewKindFiguresSchema = z.object({
  items: int,
  concluded: int,
  sheets: int,
  meanScore: z.number().nullable(),
  outliers: int,
  divergent: int,
  verdicts: z.record(VerdictSchema, int),
});

export const WorkReportSchema = z.object({
  title: z.string(),
  byline: z.string(),
  sections: z.array(
    z.object({
      heading: z.string(),
      paragraphs: z.array(z.string()),
      table: z
        .object({ caption: z.string(), headers: z.array(z.string()), rows: z.array(z.array(z.union([z.string(), z.number()]))), widths: z.array(z.number()).optional() })
        .optional(),
      chart: z
        .object({ caption: z.string(), bars: z.array(z.object({ label: z.string(), value: z.number(), colour: z.enum(["green", "blue", "yellow", "red"]) })) })
        .optional(),
    }),
  ),
  figures: z.object({
    units: int, targetForms: int, targetFundsWan: z.number(), monitorForms: int, selfEvalForms: int, selfEvalFundsWan: z.number(),
    approved: int, onTime: int, late: int, missing: int, due: int, returns: int, returnedForms: int,
    averageScore: z.number().nullable(), grades: z.record(RatingSchema, int),
    red: int, yellow: int, paymentRed: int, paymentYellow: int,
    rectOpen: int, rectOverdue: int, rectClosed: int, rectClosedOnTime: int, keyProjects: int,
    expertReviews: z.object({
      items: int,
      concluded: int,
      sheets: int,
      experts: int,
      expertsByField: z.record(ExpertFieldSchema, int),
      meanScore: z.number().nullable(),
      outliers: int,
      divergent: int,
      byKind: z.record(ItemKindSchema, ExpertReviewKindFiguresSchema),
    }),
    /** drafts sent for the units' opinions (征求意见) and problems handed on (问题移送): docs/opinions.md */
    opinions: z.object({
      consultations: int,
      bySubject: z.object({ results: int, conclusion: int }),
      final: int, asked: int, answered: int, agreed: int, objected: int, silent: int, accepted: int, rejected: int, pending: int,
    }),
    handovers: z.object({
      total: int,
      units: int,
      byKind: z.object({ finding: int, rectification: int, conclusion: int }),
      byDepartment: z.record(z.string(), int),
    }),
  }),
});
export type WorkReportBody = z.infer<typeof WorkReportSchema>;
