// `jixiao library export [--data DIR] [--out FILE]`: the current library as JSON (the starter
// library when no data folder is named), or as the 指标库维护 sheet when FILE ends in .xlsx.
// `jixiao library import FILE.json|FILE.xlsx --data DIR [--note TEXT]`: publishes the file as a new
// version (a library document, `{ indicators, policy?, note? }`, or the edited 指标库维护 sheet,
// checked cell by cell as the finance pane checks it).
import { readFile, writeFile } from "node:fs/promises";
import { extname } from "node:path";
import type { Library } from "../../shared/library.ts";
import { hasSheetErrors, librarySheetPlan, librarySheetTitle, readLibrarySheet, type LibrarySheetRead } from "../../shared/library-sheet.ts";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { readWorkbook } from "../xlsx/read.ts";
import { renderWorkbook } from "../xlsx/render.ts";
import { DomainError } from "../domain-error.ts";
import { publishLibrary } from "../routes/library.ts";
import { options, parseArgs, subcommands, UsageError } from "./args.ts";
import { openDataFolder } from "./store.ts";

const usage = "usage: jixiao library export [--data DIR] [--out FILE]\n       jixiao library import FILE.json|FILE.xlsx --data DIR [--note TEXT]";

export const run = subcommands("library", usage, { export: exportLibrary, import: importLibrary });

async function exportLibrary(args: string[]): Promise<number> {
  const { values } = parseArgs(args, options(["data", "out"]));
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
  if (values.out?.toLowerCase().endsWith(".xlsx")) {
    await writeFile(values.out, await renderWorkbook({ sheets: [librarySheetPlan(library)] }));
    process.stderr.write(`wrote ${values.out} (${librarySheetTitle}, ${library.indicators.length} indicators, version ${library.version})\n`);
    return 0;
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

/** The library sheet of an .xlsx, or the exit code after saying why it cannot be published. */
async function librarySheetOfXlsx(file: string, published: Library | undefined): Promise<LibrarySheetRead | number> {
  let grids;
  try {
    grids = await readWorkbook(file);
  } catch (err) {
    process.stderr.write(`jixiao library: cannot read ${file}: ${(err as Error).message}\n`);
    return 2;
  }
  const grid = grids.find((g) => g.name === librarySheetTitle) ?? grids.find((g) => g.state === undefined || g.state === "visible");
  if (!grid) {
    process.stderr.write(`jixiao library: ${file} has no sheet ${librarySheetTitle}\n`);
    return 1;
  }
  const read = readLibrarySheet(grid.values, published ? { frame: published.policy.frame, published } : {});
  for (const f of read.findings) process.stderr.write(`  ${f.severity === "error" ? "错误 error" : "警告 warning"} ${grid.name}!${f.cell}: ${f.message.zh} / ${f.message.en}\n`);
  if (hasSheetErrors(read.findings)) {
    process.stderr.write(`jixiao library: ${file} has errors; nothing was published 有错误，未发布\n`);
    return 1;
  }
  return read;
}

async function importLibrary(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs(args, options(["data", "note"]));
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError("name the file to import");
  if (extra.length > 0) throw new UsageError(`unexpected '${extra[0]}'`);
  if (!values.data) throw new UsageError("--data DIR is required");
  const store = await openDataFolder(values.data);
  try {
    let body: { indicators?: unknown; policy?: unknown; note?: unknown };
    if (extname(file).toLowerCase() === ".xlsx") {
      // the 指标库维护 sheet as finance edits it in Excel (shared/library-sheet.ts), checked the same way
      const published = (await store.currentLibrary())?.library;
      const read = await librarySheetOfXlsx(file, published);
      if (typeof read === "number") return read;
      body = { indicators: read.indicators, note: `${librarySheetTitle} ${file}` };
    } else {
      try {
        body = (JSON.parse(await readFile(file, "utf8")) ?? {}) as typeof body;
      } catch (err) {
        process.stderr.write(`jixiao library: cannot read ${file}: ${(err as Error).message}\n`);
        return 2;
      }
    }
    if (!Array.isArray(body.indicators)) {
      process.stderr.write(`jixiao library: ${file} has no "indicators" array\n`);
      return 1;
    }
    const note = values.note ?? (typeof body.note === "string" ? body.note : "");
    const entry = await publishLibrary(store, { indicators: body.indicators, policy: body.policy, note }, "cli", new Date());
    const c = entry.changes;
    process.stderr.write(
      `published library version ${entry.library.version}: ${c.added.length} added, ${c.changed.length} changed, ${c.deprecated.length} deprecated, ${c.removed.length} removed\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof DomainError) {
      process.stderr.write(`jixiao library: ${err.message}\n`);
      for (const d of (err.details as { path: string; message: string }[] | undefined) ?? []) process.stderr.write(`  ${d.path}: ${d.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await store.close();
  }
}
