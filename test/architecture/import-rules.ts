// The import rules of docs/architecture.md as a checker: given a file's repository path and its
// source, the imports that cross a seam the document forbids. test/architecture/imports.test.ts
// runs it over the repository, and over made-up sources to show that a forbidden import fails.
import { builtinModules } from "node:module";
import path from "node:path";

export interface Violation {
  file: string;
  what: string;
  rule: string;
}

/** Packages the pure domain code may not use: I/O, the HTTP server, the UI, Excel, storage. */
const notInShared = ["exceljs", "hono", "@hono/", "react", "react-dom", "@fluentui/", "@microsoft/office-js", "office-addin-", "pg", "lowdb", "selfsigned", "playwright-core"];
const builtins = new Set(builtinModules);

/** The HTTP layer and the CLI: what the store and the services may not import. */
const httpLayer = ["server/errors.ts", "server/auth.ts", "server/events.ts", "server/app.ts", "server/control.ts", "server/https.ts"];
const httpFolders = ["server/routes/", "server/cli/"];

/** The services: the domain work the routes and the CLI call (docs/architecture.md). */
const services = ["server/workflow.ts", "server/form-identity.ts", "server/library-changes.ts", "server/cycle/", "server/treasury/"];

/**
 * Files outside addin/excel/ allowed to call Office.js while their calls move into addin/excel/
 * (docs/architecture.md keeps this list). Empty: every Office.js call is in addin/excel/.
 */
export const officeAllowance: readonly string[] = [];

const strip = /("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g;

/** The source with comments removed (strings kept, or emptied with `emptyStrings`). */
export function code(source: string, emptyStrings = false): string {
  return source.replace(strip, (m, str: string | undefined) => (str ? (emptyStrings ? str[0]! + str[0]! : str) : ""));
}

/** Every module a source imports: `import … from`, `export … from`, `import "x"`, `import("x")`. */
export function importsOf(source: string): string[] {
  // Each string becomes a numbered placeholder, so an import written inside a string is not one.
  const strings: string[] = [];
  const body = source.replace(strip, (m, str: string | undefined) => (str ? `"\u0000${strings.push(str.slice(1, -1)) - 1}"` : ""));
  const out: string[] = [];
  const re = /(?:\bimport\s+(?:type\s+)?(?:[\w*{}\s,]+\s+from\s+)?|\bexport\s+(?:type\s+)?(?:\*|\{[^}]*\})(?:\s+as\s+\w+)?\s+from\s+|\bimport\s*\(\s*)"\u0000(\d+)"/g;
  for (const m of body.matchAll(re)) out.push(strings[Number(m[1])]!);
  return out;
}

/** Office.js calls in code (not in comments or strings): `Excel.run`, `Office.context`. */
export function officeUses(source: string): string[] {
  return [...code(source, true).matchAll(/(?<![\w.$])(Excel|Office|OfficeRuntime)\.[A-Za-z_]\w*/g)].map((m) => m[0]);
}

const under = (file: string, prefixes: readonly string[]) => prefixes.some((p) => (p.endsWith("/") ? file.startsWith(p) : file === p));

/** The imports of `file` (a repository path such as `shared/form.ts`) that break a rule. */
export function violations(file: string, source: string): Violation[] {
  const out: Violation[] = [];
  for (const spec of importsOf(source)) {
    const target = spec.startsWith(".") ? path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)) : undefined;
    if (file.startsWith("shared/")) {
      const node = spec.startsWith("node:") || builtins.has(spec.split("/")[0]!);
      if (node || notInShared.some((p) => (p.endsWith("/") || p.endsWith("-") ? spec.startsWith(p) : spec === p || spec.startsWith(`${p}/`)))) {
        out.push({ file, what: spec, rule: "shared/ is pure domain code: no Node, exceljs, hono, React or Office" });
      } else if (target !== undefined && !target.startsWith("shared/")) {
        out.push({ file, what: spec, rule: "shared/ imports only shared/" });
      }
    }
    if (file.startsWith("addin/") && target?.startsWith("server/")) {
      out.push({ file, what: spec, rule: "addin/ does not import server/: the contract is shared/api" });
    }
    const isStore = file.startsWith("server/store/");
    if (isStore || under(file, services) || file === "server/validation.ts") {
      if (target !== undefined && (httpLayer.includes(target) || under(target, httpFolders))) {
        out.push({ file, what: spec, rule: "the store and the services do not import the HTTP layer or the CLI: they throw DomainError and take plain values" });
      }
      if ((isStore || under(file, services)) && (spec === "hono" || spec.startsWith("hono/") || spec.startsWith("@hono/"))) {
        out.push({ file, what: spec, rule: "the store and the services do not use hono" });
      }
    }
  }
  if (!file.startsWith("addin/excel/") && !officeAllowance.includes(file)) {
    for (const use of new Set(officeUses(source))) out.push({ file, what: use, rule: "Office.js only in addin/excel/" });
  }
  return out;
}

/**
 * The import circles among `sources` (repository path → source): groups of two or more files that
 * each reach the others through relative imports, types included (docs/architecture.md, seam 7).
 */
export function importCircles(sources: ReadonlyMap<string, string>): string[][] {
  const edges = new Map<string, string[]>();
  for (const [file, source] of sources) {
    const to = importsOf(source)
      .filter((spec) => spec.startsWith("."))
      .map((spec) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)))
      .filter((target) => sources.has(target));
    edges.set(file, to);
  }
  // Tarjan's strongly connected components
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1) out.push(group.sort());
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return out;
}
