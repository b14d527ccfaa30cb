// `jixiao rectify open|answer|accept|reopen|list`: rectification items (整改), from the data folder.
import { RectAnswerSchema, RectOpenSchema, RectReopenSchema, RectStateSchema } from "../../shared/cycle/rectification.ts";
import { openRectification, stepRectification } from "../cycle/rectifications.ts";
import { printJson, withCycle, zodMessage } from "./cycle.ts";
import { noPositionals, options, parseArgs, subcommands, UsageError } from "./args.ts";

const usage = `usage: jixiao rectify open --data DIR --year Y --unit U --project P --kind K --requirement T --deadline YYYY-MM-DD
                            [--rule R101] [--cell B12] [--finding T]
       jixiao rectify answer --data DIR --id ID --measures T --evidence T
       jixiao rectify accept --data DIR --id ID [--comment T]
       jixiao rectify reopen --data DIR --id ID --comment T [--deadline YYYY-MM-DD]
       jixiao rectify list --data DIR [--year Y] [--unit U] [--state open|answered|closed] [--json]`;

export const run = subcommands("rectify", usage, {
  open,
  answer: (rest) => step("answer", rest),
  accept: (rest) => step("accept", rest),
  reopen: (rest) => step("reopen", rest),
  list,
});

async function open(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs(args, options(["data", "year", "unit", "project", "kind", "requirement", "deadline", "rule", "cell", "finding"]));
  noPositionals(positionals);
  const finding = values.rule || values.cell || values.finding ? { rule: values.rule, cell: values.cell, text: values.finding } : undefined;
  const parsed = RectOpenSchema.safeParse({
    year: Number(values.year),
    unit: values.unit,
    project: values.project,
    kind: values.kind,
    requirement: values.requirement,
    deadline: values.deadline,
    ...(finding ? { finding } : {}),
  });
  if (!parsed.success) throw new UsageError(zodMessage(parsed.error.issues));
  return withCycle(values.data, async (ctx) => {
    const r = await openRectification(ctx, "cli", parsed.data);
    process.stdout.write(`${r.id}\n`);
    return 0;
  });
}

async function step(action: "answer" | "accept" | "reopen", args: string[]): Promise<number> {
  const { values, positionals } = parseArgs(args, options(["data", "id", "measures", "evidence", "comment", "deadline"]));
  noPositionals(positionals);
  if (!values.id) throw new UsageError("--id is required");
  const id = values.id;
  let input: Parameters<typeof stepRectification>[3];
  if (action === "answer") {
    const p = RectAnswerSchema.safeParse({ measures: values.measures, evidence: values.evidence });
    if (!p.success) throw new UsageError(zodMessage(p.error.issues));
    input = { action, ...p.data };
  } else if (action === "reopen") {
    const p = RectReopenSchema.safeParse({ comment: values.comment, ...(values.deadline ? { deadline: values.deadline } : {}) });
    if (!p.success) throw new UsageError(zodMessage(p.error.issues));
    input = { action, comment: p.data.comment, deadline: p.data.deadline };
  } else {
    input = { action, comment: values.comment };
  }
  return withCycle(values.data, async (ctx) => {
    const r = await stepRectification(ctx, "cli", id, input, {});
    process.stderr.write(`${r.id}: ${r.state} (version ${r.version})\n`);
    return 0;
  });
}

async function list(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs(args, options(["data", "year", "unit", "state"], ["json"]));
  noPositionals(positionals);
  const parsed = RectStateSchema.optional().safeParse(values.state);
  if (!parsed.success) throw new UsageError(`--state must be ${RectStateSchema.options.join(", ")}`);
  const state = parsed.data;
  return withCycle(values.data, async (ctx) => {
    const items = await ctx.store.listRectifications({
      ...(values.year ? { year: Number(values.year) } : {}),
      ...(values.unit ? { unit: values.unit } : {}),
      ...(state ? { state } : {}),
    });
    if (values.json) printJson({ rectifications: items });
    else for (const r of items) process.stdout.write(`${r.id}\t${r.unit}\t${r.project}\t${r.kind}\t${r.state}\t${r.deadline}\t${r.requirement}\n`);
    return 0;
  });
}
