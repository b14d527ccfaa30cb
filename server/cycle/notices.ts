// Notices: issue one (finance), and read them with where each addressed unit stands.
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { addressedTo, countStates, isOpenFor, noticeItems, unitItems, type Notice, type NoticeInputSchema, type NoticeItem } from "../../shared/cycle/notice.ts";
import { DomainError } from "../domain-error.ts";
import { loadForms, type CycleContext } from "./facts.ts";

export async function issueNotice(ctx: CycleContext, actor: string, input: z.output<typeof NoticeInputSchema>): Promise<Notice> {
  if (input.units !== "all") {
    const known = new Set((await ctx.store.listUnits()).map((u) => u.code));
    const unknown = [...new Set(input.units)].filter((u) => !known.has(u));
    if (unknown.length > 0) {
      throw new DomainError("unknown_units", `通知对象中有未登记的单位：${unknown.join("、")}`, `The notice names units that are not registered: ${unknown.join(", ")}`, {
        units: unknown,
      });
    }
  }
  const at = ctx.now().toISOString();
  const notice: Notice = {
    id: `N${input.year}-${randomBytes(4).toString("hex")}`,
    year: input.year,
    kind: input.kind,
    units: input.units === "all" ? "all" : [...new Set(input.units)].sort(),
    deadline: input.deadline,
    title: input.title,
    text: input.text,
    issuedBy: actor,
    issuedAt: at,
  };
  if (input.template) notice.template = input.template;
  if (!(await ctx.store.createNotice(notice))) throw new DomainError("notice_exists", "通知编号冲突，请重试", "The notice id is taken: try again");
  await ctx.store.appendAudit({
    at,
    actor,
    action: "notice.issue",
    target: notice.id,
    details: { year: notice.year, kind: notice.kind, units: notice.units, deadline: notice.deadline, title: notice.title, template: notice.template ?? null },
  });
  ctx.bus?.publish({ type: "notice.issued", data: { id: notice.id, year: notice.year, kind: notice.kind, title: notice.title, deadline: notice.deadline, units: notice.units, at } });
  return notice;
}

export interface NoticeView extends Notice {
  passed: boolean;
  /** For a unit: whether it still owes something under this notice (or the deadline is ahead). */
  open: boolean;
  counts: ReturnType<typeof countStates>;
  items: NoticeItem[];
}

/** Notices of a year (or all) with their items; a unit sees only notices addressed to it and only its own items. */
/** `viewer.unit`: a unit sees the notices addressed to it; `viewer.scope`: an office's finance sees those addressed to its units, with their standings only (docs/offices.md). */
export async function noticeViews(
  ctx: CycleContext,
  viewer: { unit?: string | undefined; scope?: ReadonlySet<string> | undefined },
  filter: { year?: number | undefined; id?: string },
): Promise<NoticeView[]> {
  const now = ctx.now().toISOString();
  let notices = filter.id !== undefined ? [await ctx.store.getNotice(filter.id)].filter((n): n is Notice => n !== undefined) : await ctx.store.listNotices(filter.year);
  if (viewer.unit !== undefined) notices = notices.filter((n) => addressedTo(n, viewer.unit as string));
  const scope = viewer.scope;
  if (scope !== undefined) notices = notices.filter((n) => n.units === "all" || n.units.some((u) => scope.has(u)));
  if (notices.length === 0) return [];
  const units = (await ctx.store.listUnits()).map((u) => u.code).filter((u) => scope === undefined || scope.has(u));
  const formsByYear = new Map<number, Awaited<ReturnType<typeof loadForms>>>();
  const out: NoticeView[] = [];
  for (const n of notices) {
    let forms = formsByYear.get(n.year);
    if (!forms) formsByYear.set(n.year, (forms = await loadForms(ctx.store, n.year)));
    const items = viewer.unit !== undefined ? unitItems(n, viewer.unit, forms, now) : noticeItems(n, units, forms, now);
    out.push({ ...n, passed: now > n.deadline, open: isOpenFor(items, n, now), counts: countStates(items), items });
  }
  return out;
}
