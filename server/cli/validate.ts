// `jixiao validate [--library FILE] [--json] FILE...`: checks forms against the library and policy
// (docs/api.md). Exit 0: no errors; 1: errors found; 2: a file could not be read (the others are
// still checked) or the command was misused.
import { readFile } from "node:fs/promises";
import { checkForm, type CheckResult, type FormLights, type FormScore } from "../../shared/check.ts";
import { formKinds, kindTerms, lightTerms, ratingTerms, type FormKind, lights } from "../../shared/glossary.ts";
import { countBySeverity, hasErrors, type Issue, type Severity } from "../../shared/issue.ts";
import { LibrarySchema, type Library } from "../../shared/library.ts";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { helpOption, options, parseArgs, printUsage, UsageError, withUsage } from "./args.ts";
import { mergeFindings } from "../../shared/read-form.ts";
import { cageLimits } from "../xlsx/read.ts";
import { explainReport } from "./explain.ts";
import { loadForms, LoadError } from "./load-forms.ts";

const usage =
  "usage: jixiao validate [--library FILE] [--json | --explain] FILE...  (FILE: .json with one form or an array of forms, or .xlsx with a form per template sheet; --explain: which label was read from which cell into which field, and what was skipped)";

export interface FormReport {
  sheet?: string;
  kind: FormKind | "unknown";
  issues: Issue[];
  score?: FormScore;
  lights?: FormLights;
  /** the form as read (for a sheet: with its `cells`, field path → cell), missing fields absent */
  form?: unknown;
}

export interface FileReport {
  file: string;
  forms: FormReport[];
  /** set when the file could not be read (exit 2); not part of a readable file's report */
  error?: string;
}

type Lang = "zh" | "en";

export function languageOf(env: NodeJS.ProcessEnv): Lang {
  const tag = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return tag.toLowerCase().startsWith("zh") ? "zh" : "en";
}

export async function run(args: string[]): Promise<number> {
  return withUsage("validate", usage, () => validateCommand(args));
}

async function validateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs(args, { ...options(["library"], ["json", "explain"]), ...helpOption });
  if (values.help) return printUsage(usage);
  if (positionals.length === 0) throw new UsageError("no files given");
  const library = values.library !== undefined ? await loadLibrary(values.library) : starterLibrary();
  if (!library) return 2;

  const lang = languageOf(process.env);
  if (values.explain) return explainFiles(positionals, library, lang);
  // As many files at once as workbooks are read at once (server/xlsx/read.ts); reported in order.
  const files: FileReport[] = new Array<FileReport>(positionals.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(cageLimits.workers, positionals.length) }, async () => {
      while (next < positionals.length) {
        const i = next++;
        files[i] = await checkFile(positionals[i]!, library);
      }
    }),
  );

  if (values.json) {
    process.stdout.write(`${JSON.stringify({ files }, null, 2)}\n`);
  } else {
    process.stdout.write(humanReport(files, lang));
  }
  for (const f of files) if (f.error !== undefined) process.stderr.write(`jixiao validate: ${f.file}: ${f.error}\n`);
  if (files.some((f) => f.error !== undefined)) return 2;
  return files.some((f) => f.forms.some((form) => hasErrors(form.issues))) ? 1 : 0;
}

async function loadLibrary(file: string): Promise<Library | undefined> {
  let json: unknown;
  try {
    json = JSON.parse((await readFile(file, "utf8")).replace(/^\uFEFF/, ""));
  } catch (err) {
    process.stderr.write(`jixiao validate: cannot read the library ${file} 无法读取指标库: ${(err as Error).message}\n`);
    return undefined;
  }
  const parsed = LibrarySchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 5).map((i) => `  ${i.path.join(".") || "(library)"}: ${i.message}`);
    process.stderr.write(`jixiao validate: ${file} is not a valid library 指标库格式不正确:\n${first.join("\n")}\n`);
    return undefined;
  }
  return parsed.data;
}

export async function checkFile(file: string, library: Library): Promise<FileReport> {
  let loaded;
  try {
    loaded = await loadForms(file, library);
  } catch (err) {
    if (err instanceof LoadError) return { file, forms: [], error: err.message };
    throw err;
  }
  return {
    file,
    forms: loaded.map(({ sheet, input, issues: found = [], kind }) => {
      // A sheet that could not be read as a form has only what reading it found.
      const result: CheckResult = input === undefined && found.length > 0 ? { issues: [] } : checkForm(input, library);
      const report: FormReport = { kind: result.form?.kind ?? kind ?? kindOf(result, input), issues: mergeFindings(found, result.issues) };
      if (sheet !== undefined) report.sheet = sheet;
      if (result.score) report.score = result.score;
      if (result.lights) report.lights = result.lights;
      if (input !== undefined) report.form = input;
      const shownForm = (result.form ?? input) as { project?: { name?: unknown }; unit?: { name?: unknown }; year?: unknown } | undefined;
      if (shownForm?.project?.name !== undefined) titles.set(report, `${String(shownForm.project.name)}（${String(shownForm.unit?.name ?? "")}，${String(shownForm.year ?? "")}）`);
      return report;
    }),
  };
}

/** `--explain`: for each sheet, what was read from where and what was skipped; exit 2 when a file cannot be read. */
async function explainFiles(files: readonly string[], library: Library, lang: Lang): Promise<number> {
  let failed = false;
  for (const file of files) {
    try {
      process.stdout.write(explainReport(file, await loadForms(file, library), lang));
    } catch (err) {
      if (!(err instanceof LoadError)) throw err;
      process.stderr.write(`jixiao validate: ${file}: ${err.message}\n`);
      failed = true;
    }
  }
  return failed ? 2 : 0;
}

function kindOf(result: CheckResult, input: unknown): FormKind | "unknown" {
  if (result.form) return result.form.kind;
  const k = input !== null && typeof input === "object" ? (input as Record<string, unknown>).kind : undefined;
  return typeof k === "string" && (formKinds as string[]).includes(k) ? (k as FormKind) : "unknown";
}

const severityOrder: Severity[] = ["error", "warning", "info"];
const severityWords: Record<Lang, Record<Severity, [string, string]>> = {
  zh: { error: ["错误", "个错误"], warning: ["警告", "个警告"], info: ["提示", "条提示"] },
  en: { error: ["Errors", "error"], warning: ["Warnings", "warning"], info: ["Notes", "note"] },
};

function counts(issues: readonly Issue[], lang: Lang): string {
  const c = countBySeverity(issues);
  const parts = severityOrder.filter((s) => c[s] > 0 || s !== "info").map((s) => {
    const [, unit] = severityWords[lang][s];
    return lang === "zh" ? `${c[s]} ${unit}` : `${c[s]} ${unit}${c[s] === 1 ? "" : "s"}`;
  });
  return parts.join(lang === "zh" ? "，" : ", ");
}

/** The project a checked form is for, shown in the human report (not part of the JSON). */
const titles = new WeakMap<FormReport, string>();

function describeForm(form: FormReport, lang: Lang): string {
  const kind = form.kind === "unknown" ? (lang === "zh" ? "未知表样" : "unknown form") : kindTerms[form.kind][lang];
  const name = titles.get(form) ?? "";
  const sheet = form.sheet !== undefined ? `[${form.sheet}] ` : "";
  return `${sheet}${kind}${name ? ` · ${name}` : ""}`;
}

export function humanReport(files: readonly FileReport[], lang: Lang): string {
  const lines: string[] = [];
  let formCount = 0;
  const all: Issue[] = [];
  for (const f of files) {
    lines.push(f.file);
    if (f.error !== undefined) {
      lines.push(`  ${lang === "zh" ? "无法读取" : "cannot read"}: ${f.error}`, "");
      continue;
    }
    if (f.forms.length === 0) lines.push(`  ${lang === "zh" ? "没有表单" : "no forms"}`);
    for (const form of f.forms) {
      formCount++;
      all.push(...form.issues);
      lines.push(`  ${describeForm(form, lang)}: ${form.issues.length === 0 ? (lang === "zh" ? "未发现问题" : "no findings") : counts(form.issues, lang)}`);
      for (const sev of severityOrder) {
        const group = form.issues.filter((i) => i.severity === sev);
        if (group.length === 0) continue;
        lines.push(`    ${severityWords[lang][sev][0]}`);
        for (const i of group) {
          const where = i.cell ?? i.path;
          const light = i.light ? ` [${lightTerms[i.light][lang]}]` : "";
          lines.push(`      ${i.rule} ${where}${light}  ${i.message[lang]}`);
        }
      }
      if (form.score) {
        const s = form.score;
        lines.push(
          lang === "zh"
            ? `    自评得分：预算执行 ${s.budget}，总分 ${s.total}，等级 ${ratingTerms[s.grade].zh}`
            : `    Score: budget execution ${s.budget}, total ${s.total}, grade ${ratingTerms[s.grade].en}`,
        );
      }
      if (form.lights) {
        const l = form.lights;
        const word = (x: FormLights["budget"]) => (x === null ? "—" : lightTerms[x][lang]);
        const tally = lights.map((c) => `${lightTerms[c][lang]} ${l.rows.filter((r) => r === c).length}`).join(lang === "zh" ? "，" : ", ");
        lines.push(lang === "zh" ? `    监控预警：预算执行 ${word(l.budget)}；指标 ${tally}` : `    Lights: budget ${word(l.budget)}; rows ${tally}`);
      }
    }
    lines.push("");
  }
  const unreadable = files.filter((f) => f.error !== undefined).length;
  lines.push(
    lang === "zh"
      ? `共 ${files.length} 个文件、${formCount} 张表：${counts(all, lang)}${unreadable > 0 ? `；${unreadable} 个文件无法读取` : ""}`
      : `${files.length} file${files.length === 1 ? "" : "s"}, ${formCount} form${formCount === 1 ? "" : "s"}: ${counts(all, lang)}${unreadable > 0 ? `; ${unreadable} unreadable` : ""}`,
  );
  return `${lines.join("\n")}\n`;
}
