// `jixiao template KIND [--from FORM.json] [--library FILE] --out FILE.xlsx`: a blank template of
// a form (target 申报表, monitor 监控表, selfEval 自评表), or a form laid out as the add-in would,
// with the library's indicator names in the dropdowns.
import { readFile, writeFile } from "node:fs/promises";
import { formKinds, kindTerms, keyOf, type FormKind } from "../../shared/glossary.ts";
import { LibrarySchema, type Library } from "../../shared/library.ts";
import { readForm } from "../../shared/read-form.ts";
import { layoutForm } from "../../shared/sheet/layout.ts";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { renderWorkbook } from "../xlsx/render.ts";
import { options, parseArgs, UsageError, withUsage } from "./args.ts";

const usage = `usage: jixiao template KIND [--from FORM.json] [--library FILE] --out FILE.xlsx
  KIND: ${formKinds.map((k) => `${k} (${kindTerms[k].zh})`).join(", ")}`;

export async function run(args: string[]): Promise<number> {
  try {
    return await withUsage("template", usage, () => template(args));
  } catch (err) {
    if (err instanceof ReadError) {
      process.stderr.write(`jixiao template: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

class ReadError extends Error {}

async function readJson(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new ReadError(`cannot read ${what} ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new ReadError(`${what} ${file} is not JSON: ${(err as Error).message}`);
  }
}

export async function loadLibrary(file: string | undefined): Promise<Library> {
  if (file === undefined) return starterLibrary();
  const parsed = LibrarySchema.safeParse(await readJson(file, "library"));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ReadError(`library ${file} does not fit the schema: ${first?.path.join(".") ?? ""} ${first?.message ?? ""}`);
  }
  return parsed.data;
}

async function template(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs(args, options(["from", "library", "out"]));
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "KIND is missing" : `one KIND only (got ${positionals.join(" ")})`);
  const kind = keyOf(kindTerms, positionals[0]!) as FormKind | undefined;
  if (!kind) throw new UsageError(`unknown KIND '${positionals[0]}'`);
  if (!values.out) throw new UsageError("--out FILE.xlsx is required");
  if (!/\.xlsx$/i.test(values.out)) throw new UsageError("--out must name an .xlsx file");
  const library = await loadLibrary(values.library);

  let form;
  if (values.from) {
    const read = readForm(await readJson(values.from, "form"));
    if (!read.form) {
      for (const i of read.issues) process.stderr.write(`${values.from}: ${i.rule} ${i.path}: ${i.message.en}\n`);
      throw new ReadError(`${values.from} is not a form that fits the schema`);
    }
    if (read.form.kind !== kind) throw new UsageError(`${values.from} is a ${read.form.kind} form, not ${kind}`);
    form = read.form;
  }
  const bytes = await renderWorkbook(layoutForm(kind, form, library));
  await writeFile(values.out, bytes);
  process.stderr.write(`wrote ${values.out} (${kindTerms[kind].zh}${form ? `, ${form.project.name}` : ", blank"})\n`);
  return 0;
}
