// The day a notice's deadline passes: a timer looks every `intervalMs` (default a minute) for
// notices whose deadline is behind the clock and not yet announced; the store's compare-and-set
// (`markNoticeOverdue`) lets exactly one server announce each, over SSE (`notice.overdue`: finance
// hears every late or missing form, each owing unit its own) and in the audit log. The clock is
// injected, so tests move time instead of waiting.
import { countStates, noticeItems, type Notice } from "../../shared/cycle/notice.ts";
import { loadForms, type CycleContext } from "./facts.ts";

/** Announces every notice whose deadline has passed since the last check; returns their ids. */
export async function checkOverdue(ctx: CycleContext): Promise<string[]> {
  const now = ctx.now().toISOString();
  const passed = (await ctx.store.listNotices()).filter((n) => n.overdueAt === undefined && now > n.deadline);
  const done: string[] = [];
  for (const n of passed) {
    if (!(await ctx.store.markNoticeOverdue(n.id, now))) continue;
    await announce(ctx, n, now);
    done.push(n.id);
  }
  return done;
}

async function announce(ctx: CycleContext, n: Notice, now: string): Promise<void> {
  const units = (await ctx.store.listUnits()).map((u) => u.code);
  const items = noticeItems(n, units, await loadForms(ctx.store, n.year), now);
  const counts = countStates(items);
  const missing = items.filter((i) => i.state === "missing").map((i) => ({ unit: i.unit, project: i.project }));
  await ctx.store.appendAudit({ at: now, actor: "system", action: "notice.overdue", target: n.id, details: { year: n.year, kind: n.kind, deadline: n.deadline, counts, missing } });
  const base = { id: n.id, year: n.year, kind: n.kind, title: n.title, deadline: n.deadline, at: now };
  ctx.bus?.publish({ type: "notice.overdue", data: { ...base, counts, missing } });
  const owing = new Set(missing.map((m) => m.unit));
  for (const u of owing) {
    const mine = items.filter((i) => i.unit === u);
    ctx.bus?.publish({ type: "notice.overdue", data: { ...base, unit: u, counts: countStates(mine), missing: missing.filter((m) => m.unit === u) } });
  }
}

/** Starts the periodic check; the returned function stops it. The timer never keeps the process alive. */
export function watchOverdue(ctx: CycleContext, options: { intervalMs?: number; log?: (err: unknown) => void } = {}): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    checkOverdue(ctx)
      .catch((err: unknown) => options.log?.(err))
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, options.intervalMs ?? 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
