// The treasury's data in the data folder (docs/treasury.md):
//
//   data/treasury/payments.jsonl         one payment a line, appended; never rewritten
//   data/treasury/budgets-<year>.json    the approved budgets of a year
//
// Payments are read into memory on first use (a district's year is a few hundred thousand
// lines) and indexed by voucher, so an import checks each voucher once, and by project.
import { appendFile, mkdir, open, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Budget } from "../../shared/treasury/budgets.ts";
import type { Payment } from "../../shared/treasury/payments.ts";
import { enqueue, syncDir, writeFileDurable, type DurableOptions } from "./durable-file.ts";
import { byDateThenVoucher, paymentMatches, samePayment, type BudgetFilter, type PaymentFilter, type PaymentsAdded, type TreasuryStore } from "./treasury.ts";

export class LowTreasury implements TreasuryStore {
  private loaded: Promise<void> | undefined;
  private readonly byVoucher = new Map<string, Payment>();
  /** `unit/project` → its payments */
  private readonly byProject = new Map<string, Payment[]>();
  private readonly budgets = new Map<number, Map<string, Budget>>();

  constructor(
    private readonly dir: string,
    private readonly options: DurableOptions,
  ) {}

  private get file(): string {
    return join(this.dir, "treasury", "payments.jsonl");
  }

  /** Whether the payments are in memory (load has finished). */
  private ready = false;

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      const text = await readFile(this.file, "utf8").catch((err: NodeJS.ErrnoException) => {
        if (err.code === "ENOENT") return "";
        throw err;
      });
      let start = 0;
      while (start < text.length) {
        let end = text.indexOf("\n", start);
        if (end < 0) end = text.length;
        const line = text.slice(start, end);
        start = end + 1;
        // a line cut by a crash was never acknowledged: skip it
        if (line === "") continue;
        let p: Payment;
        try {
          p = JSON.parse(line) as Payment;
        } catch {
          continue;
        }
        this.index(p);
      }
      if (text !== "" && !text.endsWith("\n")) await appendFile(this.file, "\n", { encoding: "utf8", mode: 0o600 });
      this.ready = true;
    })();
    return this.loaded;
  }

  private index(p: Payment): void {
    if (this.byVoucher.has(p.voucher)) return;
    this.byVoucher.set(p.voucher, p);
    const k = `${p.unit}/${p.project}`;
    const list = this.byProject.get(k);
    if (list) list.push(p);
    else this.byProject.set(k, [p]);
  }

  addPayments(payments: readonly Payment[]): Promise<PaymentsAdded> {
    return enqueue("treasury/payments", async () => {
      await this.load();
      const out: PaymentsAdded = { imported: 0, duplicates: 0, conflicts: [] };
      const fresh: Payment[] = [];
      // Fresh payments are indexed at once, so a voucher repeated within the import is seen too;
      // should the write fail, the index is dropped and read again from the file on next use.
      for (const p of payments) {
        const stored = this.byVoucher.get(p.voucher);
        if (stored) {
          if (samePayment(stored, p)) out.duplicates++;
          else out.conflicts.push({ voucher: p.voucher, stored, incoming: p });
          continue;
        }
        this.index(p);
        fresh.push(p);
      }
      if (fresh.length > 0) {
        try {
          await this.append(fresh);
        } catch (err) {
          this.forget();
          throw err;
        }
      }
      out.imported = fresh.length;
      return out;
    });
  }

  private async append(fresh: readonly Payment[]): Promise<void> {
    // private, as every data file is (docs/storage.md)
    await mkdir(join(this.dir, "treasury"), { recursive: true, mode: 0o700 });
    const fh = await open(this.file, "a", 0o600);
    try {
      // in slices, so a year's export never becomes one string of its own
      for (let i = 0; i < fresh.length; i += 10_000) await fh.writeFile(fresh.slice(i, i + 10_000).map((p) => JSON.stringify(p)).join("\n") + "\n", "utf8");
      if (this.options.fsync !== false) await fh.datasync();
    } finally {
      await fh.close();
    }
    if (this.options.fsync !== false) await syncDir(join(this.dir, "treasury"));
  }

  private forget(): void {
    this.loaded = undefined;
    this.ready = false;
    this.byVoucher.clear();
    this.byProject.clear();
  }

  async listPayments(filter: PaymentFilter): Promise<Payment[]> {
    await this.load();
    return this.paymentsOf(filter);
  }

  /**
   * A project's payments and its budget of a year (a save's treasury facts) when both are in memory
   * already, read without waiting; undefined otherwise (then ask listPayments and listBudgets).
   */
  projectNow(year: number, unit: string, project: string): { payments: Payment[]; budget?: Budget } | undefined {
    const budgets = this.budgets.get(year);
    if (!this.ready || !budgets) return undefined;
    const payments = this.paymentsOf({ unit, project });
    const budget = budgets.get(`${unit}/${project}`);
    return budget ? { payments, budget } : { payments };
  }

  private paymentsOf(filter: PaymentFilter): Payment[] {
    let source: Iterable<Payment>;
    if (filter.unit !== undefined && filter.project !== undefined) source = this.byProject.get(`${filter.unit}/${filter.project}`) ?? [];
    else source = this.byVoucher.values();
    const out: Payment[] = [];
    for (const p of source) if (paymentMatches(p, filter)) out.push(p);
    return out.sort(byDateThenVoucher);
  }

  private budgetFile(year: number): string {
    return join(this.dir, "treasury", `budgets-${year}.json`);
  }

  private async budgetsOf(year: number): Promise<Map<string, Budget>> {
    let map = this.budgets.get(year);
    if (map) return map;
    const text = await readFile(this.budgetFile(year), "utf8").catch((err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return "[]";
      throw err;
    });
    map = new Map((JSON.parse(text) as Budget[]).map((b) => [`${b.unit}/${b.project}`, b]));
    this.budgets.set(year, map);
    return map;
  }

  putBudgets(budgets: readonly Budget[]): Promise<{ added: number; replaced: number }> {
    return enqueue("treasury/budgets", async () => {
      let added = 0;
      let replaced = 0;
      const years = new Set(budgets.map((b) => b.year));
      for (const year of years) {
        const current = await this.budgetsOf(year);
        const next = new Map(current);
        for (const b of budgets) {
          if (b.year !== year) continue;
          const k = `${b.unit}/${b.project}`;
          if (next.has(k)) replaced++;
          else added++;
          next.set(k, b);
        }
        await writeFileDurable(this.budgetFile(year), JSON.stringify([...next.values()]), this.options);
        this.budgets.set(year, next);
      }
      return { added, replaced };
    });
  }

  async listBudgets(filter: BudgetFilter): Promise<Budget[]> {
    // one project's budget of a year (a save's treasury facts): one look-up, not a walk of the year's budgets
    if (filter.year !== undefined && filter.unit !== undefined && filter.project !== undefined) {
      const b = (await this.budgetsOf(filter.year)).get(`${filter.unit}/${filter.project}`);
      return b ? [b] : [];
    }
    const years = filter.year !== undefined ? [filter.year] : await this.budgetYears();
    const all: Budget[] = [];
    for (const y of years) all.push(...(await this.budgetsOf(y)).values());
    return all
      .filter((b) => (filter.unit === undefined || b.unit === filter.unit) && (filter.project === undefined || b.project === filter.project))
      .sort((a, b) => a.year - b.year || (a.unit + "/" + a.project).localeCompare(b.unit + "/" + b.project));
  }

  private async budgetYears(): Promise<number[]> {
    const names = await readdir(join(this.dir, "treasury")).catch(() => [] as string[]);
    return names.map((n) => /^budgets-(\d{4})\.json$/.exec(n)?.[1]).filter((y): y is string => y !== undefined).map(Number).sort();
  }
}
