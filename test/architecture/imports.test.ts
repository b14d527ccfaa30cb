// The seams of docs/architecture.md hold: every source file of shared/, server/ and addin/ goes
// through the checker (import-rules.ts); made-up sources show each rule refusing what it forbids.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importCircles, importsOf, officeUses, violations } from "./import-rules.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, dir))) {
    const rel = `${dir}/${name}`;
    if (name === "node_modules" || name === "dist") continue;
    if (statSync(path.join(root, rel)).isDirectory()) out.push(...sources(rel));
    else if (/\.(ts|tsx|mts|mjs|js)$/.test(name)) out.push(rel);
  }
  return out;
}

describe("the repository keeps its seams", () => {
  it("has no import across a forbidden seam", () => {
    const files = ["shared", "server", "addin"].flatMap(sources);
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((f) => violations(f, readFileSync(path.join(root, f), "utf8")));
    expect(found).toEqual([]);
  });

  it("has no import circle: a file never reaches itself through what it imports, types included", () => {
    const files = ["shared", "server", "addin"].flatMap(sources);
    expect(importCircles(new Map(files.map((f) => [f, readFileSync(path.join(root, f), "utf8")])))).toEqual([]);
  });
});

describe("each rule refuses what it forbids (the checker on made-up sources)", () => {
  it("finds a circle, through a type import too, and not a chain", () => {
    const circle = new Map([
      ["shared/rules/context.ts", `import type { Budget } from "./facts.ts";`],
      ["shared/rules/facts.ts", `import { rule } from "./rule.ts";`],
      ["shared/rules/rule.ts", `import type { Rule } from "./context.ts";`],
      ["shared/rules/other.ts", `import type { Rule } from "./context.ts";`],
    ]);
    expect(importCircles(circle)).toEqual([["shared/rules/context.ts", "shared/rules/facts.ts", "shared/rules/rule.ts"]]);
    circle.set("shared/rules/rule.ts", `import { x } from "../values.ts";`);
    expect(importCircles(circle)).toEqual([]);
  });

  it("reads imports, not comments or strings", () => {
    const src = `// import x from "hono";\nimport { a } from "../a.ts";\nexport * from './b.ts';\nconst s = "import y from 'pg'";\nconst m = await import("node:fs");\nexport { c } from "./c.ts";`;
    expect(importsOf(src)).toEqual(["../a.ts", "./b.ts", "node:fs", "./c.ts"]);
    expect(officeUses(`// Excel.run here\nconst t = "Office.context";\nawait Excel.run(f);`)).toEqual(["Excel.run"]);
  });

  it("shared/ importing Node, exceljs, hono, React or Office fails", () => {
    for (const spec of ["node:fs", "fs", "exceljs", "hono", "hono/cors", "react", "@fluentui/react-components", "@microsoft/office-js"]) {
      expect(violations("shared/rules/x.ts", `import { a } from "${spec}";`).map((v) => v.what), spec).toEqual([spec]);
    }
    expect(violations("shared/rules/x.ts", `import { a } from "../../server/workflow.ts";`)).toHaveLength(1);
    expect(violations("shared/rules/x.ts", `import { z } from "zod";\nimport { a } from "../form.ts";`)).toEqual([]);
  });

  it("addin/ importing server/ fails", () => {
    expect(violations("addin/src/x.ts", `import { createApp } from "../../server/app.ts";`)).toHaveLength(1);
    expect(violations("addin/src/x.ts", `import { formIdPath } from "../../shared/api/form-id.ts";`)).toEqual([]);
  });

  it("Office.js outside addin/excel/ fails", () => {
    const src = `export const run = () => Excel.run(async (ctx) => ctx.sync());`;
    expect(violations("addin/src/x.ts", src).map((v) => v.what)).toEqual(["Excel.run"]);
    expect(violations("addin/excel/x.ts", src)).toEqual([]);
    expect(violations("shared/x.ts", `const lang = Office.context.displayLanguage;`)).toHaveLength(1);
  });

  it("the store or a service importing the HTTP layer or the CLI fails", () => {
    for (const [file, spec] of [
      ["server/workflow.ts", "./errors.ts"],
      ["server/workflow.ts", "./auth.ts"],
      ["server/cycle/notices.ts", "../events.ts"],
      ["server/store/lowdb-store.ts", "../routes/submissions.ts"],
      ["server/treasury/imports.ts", "../cli/store.ts"],
      ["server/validation.ts", "./errors.ts"],
      ["server/store/postgres/pg-store.ts", "hono"],
    ] as const) {
      expect(violations(file, `import { x } from "${spec}";`), `${file} → ${spec}`).toHaveLength(1);
    }
    expect(violations("server/workflow.ts", `import { DomainError } from "./domain-error.ts";\nimport type { Announcer } from "./announce.ts";`)).toEqual([]);
    // the routes are the HTTP layer: they may
    expect(violations("server/routes/submissions.ts", `import { ApiError } from "../errors.ts";`)).toEqual([]);
  });
});
