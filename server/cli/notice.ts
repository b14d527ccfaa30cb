// `jixiao notice issue|list|show`: notices (通知) with deadlines, from the data folder.
import { NoticeInputSchema } from "../../shared/cycle/notice.ts";
import { issueNotice, noticeViews } from "../cycle/notices.ts";
import { printJson, withCycle, zodMessage } from "./cycle.ts";
import { noPositionals, options, parseArgs, subcommands, UsageError } from "./args.ts";

const usage = `usage: jixiao notice issue --data DIR --year Y --kind target|monitor|selfEval --deadline YYYY-MM-DD
                           [--units all|U1,U2] --title T --text T [--template KIND]
       jixiao notice list --data DIR [--year Y] [--json]
       jixiao notice show --data DIR --id ID [--json]`;

export const run = subcommands("notice", usage, { issue, list: (rest) => list("list", rest), show: (rest) => list("show", rest) });

async function issue(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs(args, options(["data", "year", "kind", "deadline", "units", "title", "text", "template"]));
  noPositionals(positionals);
  const units = !values.units || values.units === "all" ? "all" : values.units.split(",").map((u) => u.trim()).filter(Boolean);
  const parsed = NoticeInputSchema.safeParse({
    year: Number(values.year),
    kind: values.kind,
    deadline: values.deadline,
    units,
    title: values.title,
    text: values.text,
    ...(values.template ? { template: values.template } : {}),
  });
  if (!parsed.success) throw new UsageError(zodMessage(parsed.error.issues));
  return withCycle(values.data, async (ctx) => {
    const n = await issueNotice(ctx, "cli", parsed.data);
    process.stdout.write(`${n.id}\n`);
    process.stderr.write(`issued ${n.id}: ${n.kind} forms of ${n.year} due ${n.deadline} from ${n.units === "all" ? "every unit" : n.units.join(", ")}\n`);
    return 0;
  });
}

async function list(sub: string, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs(args, options(["data", "year", "id"], ["json"]));
  noPositionals(positionals);
  if (sub === "show" && !values.id) throw new UsageError("--id is required");
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && !Number.isInteger(year)) throw new UsageError("--year must be a year");
  return withCycle(values.data, async (ctx) => {
    const views = await noticeViews(ctx, {}, values.id ? { id: values.id } : { year });
    if (sub === "show" && views.length === 0) {
      process.stderr.write(`no notice ${values.id}\n`);
      return 1;
    }
    if (values.json) printJson(sub === "show" ? views[0] : { notices: views });
    else {
      for (const n of views) {
        const c = n.counts;
        process.stdout.write(`${n.id}\t${n.year}\t${n.kind}\t${n.deadline}\ton time ${c.onTime}\tlate ${c.late}\tdue ${c.due}\tmissing ${c.missing}\t${n.title}\n`);
        if (sub === "show") for (const i of n.items) process.stdout.write(`  ${i.unit}\t${i.project ?? "-"}\t${i.state}\t${i.firstSubmittedAt ?? ""}\n`);
      }
    }
    return 0;
  });
}
