// Every Excel API member the add-in uses, mapped to its requirement set from the Office.js type
// definitions (@types/office-js: each member's doc comment carries `[Api set: ExcelApi 1.x]`).
// A member above the manifest's floor must sit under a `supports("ExcelApi", "1.x")` guard of at
// least its version (directly, or in a function called only under such guards): otherwise an
// Excel at the floor lists the add-in and then fails at that call.
//
// The receiver's type is not known to a text scan, so a member name takes the LOWEST version any
// Excel class gives it (`delete` is 1.1 on Worksheet, so a Comment's 1.10 `delete` is not caught
// by name alone; it is used inside the 1.10 comments guard anyway). Names only the newer API sets
// have — dataValidation, comments, insertWorksheetsFromBase64, pageLayout — are caught exactly.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { floor } from "../../addin/excel/requirements.ts";
import { repoRoot } from "../e2e/harness.ts";

type Version = [number, number];
const parseVersion = (v: string): Version => v.split(".").map(Number) as Version;
const above = (a: Version, b: Version) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
const show = (v: Version) => v.join(".");

/** member name → lowest ExcelApi version of any Excel class or interface declaring it */
function excelMembers(): Map<string, Version> {
  const dts = readFileSync(path.join(repoRoot, "node_modules/@types/office-js/index.d.ts"), "utf8");
  const start = dts.indexOf("declare namespace Excel {");
  const end = dts.indexOf("\ndeclare namespace", start + 10);
  const lines = dts.slice(start, end < 0 ? undefined : end).split("\n");
  const out = new Map<string, Version>();
  let doc = "";
  let inDoc = false;
  for (const line of lines) {
    if (/^\s*\/\*\*/.test(line)) {
      inDoc = true;
      doc = "";
    }
    if (inDoc) {
      doc += `${line}\n`;
      if (/\*\//.test(line)) inDoc = false;
      continue;
    }
    // members of classes and interfaces sit at 8 spaces
    const m = /^ {8}(?:readonly )?([A-Za-z_]\w*)\??\s*[(:<]/.exec(line);
    if (m && !["load", "toJSON", "set", "track", "untrack", "context"].includes(m[1]!)) {
      // untagged members (a collection's `items`) are the base set's
      const set = /\[Api set: ExcelApi (\d+\.\d+)/.exec(doc)?.[1] ?? "1.1";
      const v = parseVersion(set);
      const prev = out.get(m[1]!);
      if (!prev || above(prev, v)) out.set(m[1]!, v);
    }
    if (line.trim() && !inDoc) doc = "";
  }
  return out;
}

/**
 * Property names the repository's own types declare (plans, pull sheets, findings): `sheet.header`
 * on a PullColumn is not Office's. A name both declare is left to its guard by review, not this scan.
 */
function ownNames(): Set<string> {
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name)) {
        for (const m of readFileSync(p, "utf8").matchAll(/(?:^\s+|[{;,]\s*)(?:readonly\s+)?([A-Za-z_]\w*)\??:\s/gm)) out.add(m[1]!);
      }
    }
  };
  for (const d of ["shared", "addin/excel", "addin/src"]) walk(path.join(repoRoot, d));
  return out;
}

/** The code with comments and string contents blanked (positions kept). */
function codeOnly(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|`(?:\\[\s\S]|[^`\\])*`|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g, (s) =>
    s.startsWith("/") ? s.replace(/[^\n]/g, " ") : s[0] + s.slice(1, -1).replace(/[^\n]/g, " ") + s.slice(-1),
  );
}

/** The end of the block or statement that an `if (…)` at `at` governs. */
function governed(code: string, at: number): [number, number] {
  let i = code.indexOf("(", at);
  let depth = 0;
  for (; i < code.length; i++) {
    if (code[i] === "(") depth++;
    else if (code[i] === ")" && --depth === 0) break;
  }
  let j = i + 1;
  while (/\s/.test(code[j]!)) j++;
  if (code[j] !== "{") return [j, code.indexOf(";", j)];
  depth = 0;
  for (let k = j; k < code.length; k++) {
    if (code[k] === "{") depth++;
    else if (code[k] === "}" && --depth === 0) return [j, k];
  }
  return [j, code.length];
}

interface Source {
  file: string;
  raw: string;
  code: string;
  guards: { from: number; to: number; version: Version }[];
}

function sources(): Source[] {
  const dir = path.join(repoRoot, "addin/excel");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => {
      const raw = readFileSync(path.join(dir, f), "utf8");
      const code = codeOnly(raw);
      const guards: Source["guards"] = [];
      // `if (… supports("ExcelApi", "1.x") …)` — read in the raw text, the strings blanked in `code`
      for (const m of raw.matchAll(/\bif\s*\(([^)]*?)(?:supports|isSetSupported)\(\s*"ExcelApi"\s*,\s*"(\d+\.\d+)"\s*\)/g)) {
        if (/!\s*$/.test(m[1]!)) continue; // a negated test guards the fallback, not the feature
        const [from, to] = governed(code, m.index!);
        guards.push({ from, to, version: parseVersion(m[2]!) });
      }
      return { file: `addin/excel/${f}`, raw, code, guards };
    });
}

function lineOf(src: string, at: number): number {
  return src.slice(0, at).split("\n").length;
}

describe("requirement sets", () => {
  const members = excelMembers();
  const own = ownNames();
  const floorVersion = parseVersion(floor.version);
  const files = sources();

  it("reads the API sets from the type definitions", () => {
    expect(members.get("dataValidation")).toEqual([1, 8]);
    expect(members.get("insertWorksheetsFromBase64")).toEqual([1, 13]);
    expect(members.get("getActiveCell")).toEqual([1, 7]);
    expect(members.get("getRange")).toEqual([1, 1]);
    expect(members.size).toBeGreaterThan(500);
  });

  it("the manifest asks for the floor the adapter declares", () => {
    const xml = readFileSync(path.join(repoRoot, "manifest.xml"), "utf8");
    expect(/<Set Name="ExcelApi" MinVersion="(\d+\.\d+)" \/>/.exec(xml)?.[1]).toBe(floor.version);
  });

  it("uses nothing above the floor outside a supports() guard of its version", () => {
    const guardedAt = (src: Source, at: number, v: Version) => src.guards.some((g) => at >= g.from && at <= g.to && !above(v, g.version));
    /** a function whose every call (in addin/excel) is under a guard of at least `v` */
    const guardedFunction = (name: string, v: Version): boolean => {
      const calls = files.flatMap((s) => [...s.code.matchAll(new RegExp(`(?<!function\\s)\\b${name}\\(`, "g"))].map((m) => ({ s, at: m.index! })));
      return calls.length > 0 && calls.every(({ s, at }) => guardedAt(s, at, v));
    };
    const offences: string[] = [];
    const used = new Map<string, Version>();
    for (const src of files) {
      for (const m of src.code.matchAll(/\.([A-Za-z_]\w*)\b/g)) {
        const v = members.get(m[1]!);
        if (!v) continue;
        // a name our own types also have counts only on Office's workbook object itself
        if (own.has(m[1]!) && !/\b(?:context|ctx)\.workbook$/.test(src.code.slice(Math.max(0, m.index! - 40), m.index!))) continue;
        used.set(m[1]!, v);
        if (!above(v, floorVersion)) continue;
        const at = m.index!;
        if (guardedAt(src, at, v)) continue;
        // the enclosing function, if every call of it is guarded
        const before = src.code.slice(0, at);
        const fn = [...before.matchAll(/\bfunction\s+(\w+)\s*\(/g)].pop()?.[1];
        if (fn && guardedFunction(fn, v)) continue;
        offences.push(`${src.file}:${lineOf(src.raw, at)} .${m[1]} needs ExcelApi ${show(v)} (floor ${floor.version})`);
      }
    }
    expect(offences).toEqual([]);
    // what it saw: the newer members the adapter does use, each under its guard
    for (const name of ["dataValidation", "insertWorksheetsFromBase64", "comments", "pageLayout"]) expect(used.has(name), name).toBe(true);
  });

  it("catches an unguarded member above the floor (the check can fail)", () => {
    const src = 'export function f(ws: Excel.Worksheet) { ws.getRange("A1").dataValidation.clear(); if (supports("ExcelApi", "1.8")) ws.getRange("A2").dataValidation.clear(); }';
    const code = codeOnly(src);
    const hits = [...code.matchAll(/\.dataValidation\b/g)].map((m) => m.index!);
    const guard = governed(code, code.indexOf("if ("));
    expect(hits.map((at) => at > guard[0] && at < guard[1])).toEqual([false, true]);
  });

  it("keeps Office.js in addin/excel/: the rest of the pane reaches it only through there", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(ts|tsx)$/.test(e.name)) {
          const code = codeOnly(readFileSync(p, "utf8"));
          for (const m of code.matchAll(/\b(Excel|Office|OfficeRuntime)\.(?!RequestContext\b)[a-z]\w*/g)) offenders.push(`${path.relative(repoRoot, p)}: ${m[0]}`);
        }
      }
    };
    walk(path.join(repoRoot, "addin/src"));
    expect(offenders).toEqual([]);
  });
});
