// `jixiao library export [--data DIR] [--out FILE]`: the current library as JSON (the starter
// library when no data folder is named). `import` arrives with the server's store.
import { writeFile } from "node:fs/promises";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { parseArgs, UsageError } from "./args.ts";

const usage = "usage: jixiao library export [--data DIR] [--out FILE]";

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === "export") return await exportLibrary(rest);
    throw new UsageError(`unknown subcommand '${sub ?? ""}'`);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`jixiao library: ${err.message}\n${usage}\n`);
      return 2;
    }
    throw err;
  }
}

async function exportLibrary(args: string[]): Promise<number> {
  const { values } = parseArgs(args, { data: { type: "string" }, out: { type: "string" } });
  if (values.data !== undefined) throw new UsageError("--data needs the server's store, which this build does not have yet");
  const json = `${JSON.stringify(starterLibrary(), null, 2)}\n`;
  if (values.out) {
    await writeFile(values.out, json, "utf8");
    process.stderr.write(`wrote ${values.out}\n`);
  } else {
    process.stdout.write(json);
  }
  return 0;
}
