// `jixiao rectify open|answer|accept|reopen|list`: rectification items (整改), from the data folder.
import { RectAnswerSchema, RectOpenSchema, RectReopenSchema } from "../../shared/cycle/rectification.ts";
import { openRectification, stepRectification } from "../cycle/rectifications.ts";
import { printJson, withCycle, zodMessage } from "./cycle.ts";
import { parseArgs, UsageError } from "./args.ts";
import { withUsage } from "./store.ts";

const usage = `usage: jixiao rectify open --data DIR --year Y --unit U --project P --kind K --requirement T --deadline YYYY-MM-DD
                            [--rule R101] [--cell B12] [--finding T]
       jixiao rectify answer --data DIR --id ID --measures T --evidence T
       jixiao rectify accept --data DIR --id ID [--comment T]
       jixiao rectify reopen --data DIR --id ID --comment T [--deadline YYYY-MM-DD]
       jixiao rectify list --data DIR [--year Y] [--unit U] [--state open|answered|closed] [--json]`;

export async function run(args: string[]): Promise<number> {
  return withUsage("rectify", usage, async () => {
    const [sub, ...rest] = args;
    if (sub === "open") return open(rest);
    if (sub === "answer" || sub === "accept" || sub === "reopen") return step(sub, rest);
    if (sub === "list") return list(rest);
    throw new UsageError(`unknown subcommand '${sub ?? ""}'`);
  });
}

function noPositionals(p: string[]): void {
  if (p.length > 0) throw new UsageError(`unexpected '${p[0]}'`);
}

async function open(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs(args, {
    data: { type: "string" },
    year: { type: "string" },
    unit: { type: "string" },
    project: { type: "string" },
    kind: { type: "string" },
    requirement: { type: "string" },
    deadline: { type: "string" },
    rule: { type: "string" },
    cell: { type: "string" },
    finding: { type: "string" },
  });
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
  const { values, positionals } = parseArgs(args, {
    data: { type: "string" },
    id: { type: "string" },
    measures: { type: "string" },
    evidence: { type: "string" },
    comment: { type: "string" },
    deadline: { type: "string" },
  });
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
  const { values, positionals } = parseArgs(args, { data: { type: "string" }, year: { type: "string" }, unit: { type: "string" }, state: { type: "string" }, json: { type: "boolean" } });
  noPositionals(positionals);
  const state = values.state;
  if (state !== undefined && state !== "open" && state !== "answered" && state !== "closed") throw new UsageError("--state must be open, answered or closed");
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
