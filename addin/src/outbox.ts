// Saves wait here while the server is unreachable (docs/architecture.md), persisted in the pane's
// storage so they survive a reload, and go out in the order they were made. A save that meets a
// newer revision on the server (409) stops the queue and waits for the unit to choose: keep mine
// (send again based on the server's revision), take the server's (drop mine), or compare.
import { StaleRevisionDetailsSchema, type StaleRevisionDetails } from "../../shared/api/submissions.ts";
import type { FormInput } from "../../shared/form.ts";
import { ApiError, OfflineError, keyOfForm, keyPath, type SaveResult } from "./api.ts";
import type { KeyValueStore } from "./storage.ts";

/** The server's revision a save met (a 409 stale_revision's details). */
export type Conflict = StaleRevisionDetails;

export interface QueuedSave {
  id: string;
  /** `/api/submissions/…` path: which form */
  key: string;
  form: FormInput;
  basedOn?: number;
  queuedAt: string;
  conflict?: Conflict;
  error?: { status: number; code: string; message: string; details?: unknown };
}

export type Send = (form: FormInput, basedOn: number | undefined) => Promise<SaveResult>;

export interface FlushReport {
  sent: { item: QueuedSave; result: SaveResult }[];
  /** refused for good this run (an approved form's approved_locked, a limit): each with its error */
  failed: QueuedSave[];
  offline: boolean;
  conflict?: QueuedSave;
}

export class Outbox {
  private items: QueuedSave[] = [];
  private listeners = new Set<(items: readonly QueuedSave[]) => void>();
  private flushing: Promise<FlushReport> | undefined;
  private seq = 0;

  private constructor(
    private readonly store: KeyValueStore,
    private readonly storageKey: string,
  ) {}

  static async open(store: KeyValueStore, storageKey = "jixiao.outbox"): Promise<Outbox> {
    const box = new Outbox(store, storageKey);
    const text = await store.get(storageKey);
    if (text) {
      try {
        const parsed = JSON.parse(text) as QueuedSave[];
        if (Array.isArray(parsed)) box.items = parsed;
      } catch {
        // a damaged queue is dropped rather than blocking the pane
      }
    }
    return box;
  }

  list(): readonly QueuedSave[] {
    return this.items;
  }

  onChange(fn: (items: readonly QueuedSave[]) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private async persist(): Promise<void> {
    await this.store.set(this.storageKey, JSON.stringify(this.items));
    for (const fn of this.listeners) fn(this.items);
  }

  async enqueue(form: FormInput, basedOn?: number): Promise<QueuedSave> {
    const item: QueuedSave = {
      id: `${Date.now().toString(36)}-${(this.seq++).toString(36)}-${Math.random().toString(36).slice(2, 6)}`,
      key: keyPath(keyOfForm(form)),
      form,
      ...(basedOn === undefined ? {} : { basedOn }),
      queuedAt: new Date().toISOString(),
    };
    this.items.push(item);
    await this.persist();
    return item;
  }

  /** Sends in order until done, offline, or a conflict. Concurrent calls share one run. */
  flush(send: Send): Promise<FlushReport> {
    this.flushing ??= this.run(send).finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async run(send: Send): Promise<FlushReport> {
    const report: FlushReport = { sent: [], failed: [], offline: false };
    while (this.items.length) {
      const item = this.items.find((i) => !i.error);
      if (!item) break;
      if (item.conflict) {
        report.conflict = item;
        break;
      }
      try {
        const result = await send(item.form, item.basedOn);
        this.items = this.items.filter((i) => i.id !== item.id);
        // later saves of the same form were based on the revision before this one
        for (const later of this.items) if (later.key === item.key) later.basedOn = result.revision;
        report.sent.push({ item, result });
        await this.persist();
      } catch (err) {
        if (err instanceof OfflineError) {
          report.offline = true;
          break;
        }
        // An edit conflict (stale_revision) waits for the unit's choice; an approved form
        // (approved_locked) is final, so that save fails with its own message below.
        if (err instanceof ApiError && err.status === 409 && err.code === "stale_revision") {
          const parsed = StaleRevisionDetailsSchema.safeParse(err.details);
          const d: Conflict = parsed.success ? parsed.data : { revision: null };
          item.conflict = { revision: d.revision ?? null, ...(d.status ? { status: d.status } : {}), ...(d.form ? { form: d.form } : {}), ...(d.by ? { by: d.by } : {}), ...(d.at ? { at: d.at } : {}) };
          await this.persist();
          report.conflict = item;
          break;
        }
        const e = err instanceof ApiError ? { status: err.status, code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } : { status: 0, code: "client", message: String(err) };
        item.error = e;
        report.failed.push(item);
        await this.persist();
      }
    }
    return report;
  }

  /** The unit's answer to a 409. */
  async resolve(id: string, choice: "mine" | "theirs"): Promise<void> {
    const item = this.items.find((i) => i.id === id);
    if (!item?.conflict) return;
    if (choice === "theirs") {
      this.items = this.items.filter((i) => i.key !== item.key);
    } else {
      const rev = item.conflict.revision;
      delete item.conflict;
      if (rev === null) delete item.basedOn;
      else item.basedOn = rev;
    }
    await this.persist();
  }

  async dismiss(id: string): Promise<void> {
    this.items = this.items.filter((i) => i.id !== id);
    await this.persist();
  }
}
