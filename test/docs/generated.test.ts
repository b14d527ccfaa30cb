// docs/rules.md and docs/api.md are generated from the code (scripts/docs.ts): the rule catalogue
// and the shared/api schemas. When either is out of date this fails; `npm run docs` rewrites them.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { catalogue } from "../../shared/rules/catalogue.ts";
import { apiDoc, generated, rulesDoc } from "../../scripts/docs.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("generated documents", () => {
  it.each(Object.entries(generated))("%s is what `npm run docs` writes", (file, make) => {
    const onDisk = readFileSync(path.join(root, file), "utf8");
    // a plain equality, so a stale file fails with the lines that differ; run `npm run docs`
    expect(onDisk).toBe(make());
  });

  it("gives every rule of the catalogue its section, with an example that fires", () => {
    const doc = rulesDoc();
    for (const e of catalogue) {
      const section = doc.split(`\n## ${e.id}\n`)[1]?.split("\n## ")[0] ?? "";
      expect(section, e.id).toContain(e.checks.en);
      expect(section, e.id).toContain("Example that fires");
    }
  });

  it("documents every error code with its status", () => {
    expect(apiDoc()).toMatch(/\| `approved_locked` \| 409 \|/);
    expect(apiDoc()).toMatch(/\| `stale_revision` \| 409 \|/);
  });
});
