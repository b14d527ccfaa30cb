// The built pane against the browsers it declares (addin/targets.ts, the Vite build's target): a
// bundle calling what its oldest target lacks is a blank pane there. Each built script is parsed
// by acorn at the syntax level the targets share (ES2022, less class static blocks: Safari 16.4),
// and scanned for the library functions newer than a target, with the first Chrome and Safari
// versions that have them (MDN's browser compatibility tables).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse, type Node } from "acorn";
import { describe, expect, it } from "vitest";
import { browserTargets } from "../../addin/targets.ts";
import { repoRoot } from "../e2e/harness.ts";

type Engine = "chrome" | "safari";
/** [chrome, safari] first versions. Prototype methods whose names a library may define for itself (at, findLast) are left out: a text scan cannot tell them apart. */
const apis: { name: string; object?: string; since: Record<Engine, number> }[] = [
  { object: "Object", name: "hasOwn", since: { chrome: 93, safari: 15.4 } },
  { name: "structuredClone", since: { chrome: 98, safari: 15.4 } },
  { object: "Object", name: "groupBy", since: { chrome: 117, safari: 17.4 } },
  { object: "Map", name: "groupBy", since: { chrome: 117, safari: 17.4 } },
  { object: "Promise", name: "withResolvers", since: { chrome: 119, safari: 17.4 } },
  { object: "Array", name: "fromAsync", since: { chrome: 121, safari: 16.4 } },
  { object: "AbortSignal", name: "timeout", since: { chrome: 103, safari: 16 } },
  { object: "AbortSignal", name: "any", since: { chrome: 116, safari: 17.4 } },
  { object: "crypto", name: "randomUUID", since: { chrome: 92, safari: 15.4 } },
  { name: "toSorted", since: { chrome: 110, safari: 16 } },
  { name: "toReversed", since: { chrome: 110, safari: 16 } },
  { name: "toSpliced", since: { chrome: 110, safari: 16 } },
  { name: "isWellFormed", since: { chrome: 111, safari: 16.4 } },
];
/** syntax beyond ES2022's common ground: class static blocks */
const staticBlockSince: Record<Engine, number> = { chrome: 94, safari: 16.4 };

/** the oldest version of each engine among the targets (edge is Chromium) */
function oldest(targets: readonly string[]): Record<Engine, number> {
  const out: Record<Engine, number> = { chrome: Infinity, safari: Infinity };
  for (const t of targets) {
    const m = /^(chrome|edge|safari)(\d+(?:\.\d+)?)$/.exec(t);
    if (!m) throw new Error(`unknown target ${t}`);
    const engine: Engine = m[1] === "safari" ? "safari" : "chrome";
    out[engine] = Math.min(out[engine], Number(m[2]));
  }
  return out;
}

function walk(node: unknown, visit: (n: Node & Record<string, any>) => void): void {
  if (!node || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit);
    return;
  }
  const n = node as Node & Record<string, any>;
  if (typeof n.type === "string") visit(n);
  for (const k of Object.keys(n)) if (k !== "loc" && k !== "range") walk(n[k], visit);
}

/** Findings for one script: what it uses that a target lacks. */
function tooNew(code: string, targets: readonly string[]): string[] {
  const min = oldest(targets);
  const lacks = (since: Record<Engine, number>) => (Object.keys(min) as Engine[]).filter((e) => min[e] !== Infinity && min[e] < since[e]).map((e) => `${e} ${min[e]} (needs ${since[e]})`);
  const out: string[] = [];
  const ast = parse(code, { ecmaVersion: 2022, sourceType: "module" });
  walk(ast, (n) => {
    if (n.type === "StaticBlock") for (const l of lacks(staticBlockSince)) out.push(`class static block: ${l}`);
    if (n.type === "Identifier" && n.name === "structuredClone") for (const l of lacks(apis[1]!.since)) out.push(`structuredClone: ${l}`);
    if (n.type === "MemberExpression" && !n.computed && n.property.type === "Identifier") {
      const obj = n.object.type === "Identifier" ? n.object.name : undefined;
      for (const api of apis) {
        if (api.name !== n.property.name || (api.object && api.object !== obj)) continue;
        for (const l of lacks(api.since)) out.push(`${api.object ? `${api.object}.` : "."}${api.name}: ${l}`);
      }
    }
  });
  return [...new Set(out)];
}

describe("the bundle against its browser targets", () => {
  const dir = path.join(repoRoot, "addin/dist/assets");
  const scripts = readdirSync(dir).filter((f) => f.endsWith(".js"));

  it("parses every built script and finds nothing a target lacks", () => {
    expect(scripts.length).toBeGreaterThan(0);
    const findings: string[] = [];
    for (const f of scripts) for (const x of tooNew(readFileSync(path.join(dir, f), "utf8"), browserTargets)) findings.push(`${f}: ${x}`);
    expect(findings).toEqual([]);
  });

  it("would catch the bundle's calls against an older Safari (the check can fail)", () => {
    const all = scripts.map((f) => readFileSync(path.join(dir, f), "utf8"));
    const found = all.flatMap((c) => tooNew(c, ["chrome100", "safari15"]));
    expect(found.some((x) => x.startsWith("Object.hasOwn: safari 15 "))).toBe(true);
    expect(tooNew("class A { static { x(); } }", ["safari15.4"])).toEqual(["class static block: safari 15.4 (needs 16.4)"]);
    expect(() => tooNew("const re = /[\\p{L}--a]/v;", ["chrome100"])).toThrow();
  });
});
