// What the cycle's CLI verbs share: the data folder opened with a clock, a DomainError printed as
// its message (exit 1) rather than a stack, and JSON or a line per record on stdout.
import type { CycleContext } from "../cycle/facts.ts";
import { DomainError } from "../domain-error.ts";
import type { Store } from "../store/store.ts";
import { openDataFolder } from "./store.ts";

export async function withCycle(data: string | undefined, body: (ctx: CycleContext) => Promise<number>): Promise<number> {
  const store: Store = await openDataFolder(data);
  try {
    return await body({ store, now: () => new Date() });
  } catch (err) {
    if (err instanceof DomainError) {
      process.stderr.write(`${err.message}\n${err.details !== undefined ? `${JSON.stringify(err.details)}\n` : ""}`);
      return 1;
    }
    throw err;
  } finally {
    await store.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A zod failure of CLI input, as the API would report it. */
export function zodMessage(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `--${i.path.map(String).join(".") || "input"}: ${i.message}`).join("; ");
}
