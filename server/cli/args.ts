// A small, strict option parser shared by the verbs: `--flag`, `--opt value`, `--opt=value`,
// positionals. Unknown options are an error with the command's usage, never ignored.
import { parseArgs as nodeParseArgs } from "node:util";

export type OptionSpec = Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }>;

export class UsageError extends Error {}

export function parseArgs<T extends OptionSpec>(args: string[], options: T) {
  try {
    return nodeParseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
