// `jixiao library export [--data DIR] [--out FILE]`: the current library as JSON (the starter
// library when no data folder is named).
// `jixiao library import FILE.json --data DIR [--note TEXT]`: publishes the file as a new version
// (a library document, or `{ indicators, policy?, note? }`). .xlsx arrives with the sheets work.
import { readFile, writeFile } from "node:fs/promises";
import { extname } from "node:path";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { ApiError } from "../errors.ts";
import { publishLibrary } from "../routes/library.ts";
import { parseArgs, UsageError } from "./args.ts";
import { openDataFolder } from "./store.ts";

const usage = "usage: jixiao library export [--data DIR] [--out FILE]\n       jixiao library import FILE.json --data DIR [--note TEXT]";

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === "export") return await exportLibrary(rest);
    if (sub === "import") return await importLibrary(rest);
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
  let library;
  if (values.data !== undefined) {
    const store = await openDataFolder(values.data);
    try {
      library = (await store.currentLibrary())?.library;
    } finally {
      await store.close();
    }
    if (!library) throw new UsageError(`no library published in ${values.data} yet 尚未发布指标库`);
  } else {
    library = starterLibrary();
  }
  const json = `${JSON.stringify(library, null, 2)}\n`;
  if (values.out) {
    await writeFile(values.out, json, "utf8");
    process.stderr.write(`wrote ${values.out}\n`);
  } else {
    process.stdout.write(json);
  }
  return 0;
}

async function importLibrary(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs(args, { data: { type: "string" }, note: { type: "string" } });
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError("name the file to import");
  if (extra.length > 0) throw new UsageError(`unexpected '${extra[0]}'`);
  if (extname(file).toLowerCase() === ".xlsx") throw new UsageError(".xlsx import is not in this build yet: export the sheet as JSON");
  if (!values.data) throw new UsageError("--data DIR is required");
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, "utf8"));
  } catch (err) {
    process.stderr.write(`jixiao library: cannot read ${file}: ${(err as Error).message}\n`);
    return 2;
  }
  const body = (doc ?? {}) as { indicators?: unknown; policy?: unknown; note?: unknown };
  if (!Array.isArray(body.indicators)) {
    process.stderr.write(`jixiao library: ${file} has no "indicators" array\n`);
    return 1;
  }
  const note = values.note ?? (typeof body.note === "string" ? body.note : "");
  const store = await openDataFolder(values.data);
  try {
    const entry = await publishLibrary(store, { indicators: body.indicators, policy: body.policy, note }, "cli", new Date());
    const c = entry.changes;
    process.stderr.write(
      `published library version ${entry.library.version}: ${c.added.length} added, ${c.changed.length} changed, ${c.deprecated.length} deprecated, ${c.removed.length} removed\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof ApiError) {
      process.stderr.write(`jixiao library: ${err.message}\n`);
      for (const d of (err.details as { path: string; message: string }[] | undefined) ?? []) process.stderr.write(`  ${d.path}: ${d.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await store.close();
  }
}
