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

type Options<S extends string, F extends string> = { [K in S]: { type: "string" } } & { [K in F]: { type: "boolean" } };

/** A verb's options by name: `options(["data", "year"], ["json"])` takes `--data V --year V --json`. */
export function options<const S extends string, const F extends string = never>(strings: readonly S[], flags: readonly F[] = []): Options<S, F> {
  const spec: OptionSpec = {};
  for (const name of strings) spec[name] = { type: "string" };
  for (const name of flags) spec[name] = { type: "boolean" };
  return spec as Options<S, F>;
}

/** `-h`/`--help`, for the verbs a user may run to learn them (with printUsage). */
export const helpOption = { help: { type: "boolean", short: "h" } } as const;

/** Prints the usage on stdout, as asked for with --help: exit 0. */
export function printUsage(usage: string): number {
  process.stdout.write(`${usage}\n`);
  return 0;
}

/** Refuses positional arguments where a verb takes none. */
export function noPositionals(positionals: readonly string[]): void {
  if (positionals.length > 0) throw new UsageError(`unexpected '${positionals[0]}'`);
}

/** Runs a verb's body, printing a UsageError with the verb's usage (exit 2). */
export async function withUsage(verb: string, usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`jixiao ${verb}: ${err.message}\n${usage}\n`);
      return 2;
    }
    throw err;
  }
}

/** A verb made of subcommands (`jixiao units add …`): the first argument picks one from `table`. */
export function subcommands(verb: string, usage: string, table: Record<string, (args: string[]) => Promise<number>>): (args: string[]) => Promise<number> {
  return (args) =>
    withUsage(verb, usage, async () => {
      const [sub, ...rest] = args;
      const body = sub !== undefined && Object.hasOwn(table, sub) ? table[sub] : undefined;
      if (!body) throw new UsageError(`unknown subcommand '${sub ?? ""}'`);
      return body(rest);
    });
}
