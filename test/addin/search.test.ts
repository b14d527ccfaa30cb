import { describe, expect, it } from "vitest";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { buildIndex, search } from "../../addin/src/search.ts";

const library = starterLibrary();
const index = buildIndex(library);
const names = (q: string, f = {}) => search(index, q, f).map((i) => i.name);

describe("indicator search", () => {
  it("finds by initials as Chinese users type them", () => {
    expect(names("slfg")[0]).toBe("森林覆盖率");
    expect(names("slfgl")[0]).toBe("森林覆盖率");
  });

  it("finds by whole pinyin, mixed pinyin, and ü typed as v or u", () => {
    expect(names("senlinfugailv")[0]).toBe("森林覆盖率");
    expect(names("senlinfugailu")[0]).toBe("森林覆盖率");
    expect(names("senlfg")[0]).toBe("森林覆盖率");
    expect(names("SLFG")[0]).toBe("森林覆盖率");
  });

  it("finds by name, and by a run inside the name", () => {
    expect(names("覆盖率")).toContain("森林覆盖率");
    expect(names("fgl")).toContain("森林覆盖率");
    expect(names("满意度")).toContain("服务对象满意度");
  });

  it("filters by field and level", () => {
    const forestryOnly = search(index, "", { field: "forestry" });
    expect(forestryOnly.length).toBeGreaterThan(5);
    expect(forestryOnly.every((i) => i.fields.length === 0 || i.fields.includes("forestry"))).toBe(true);
    const sat = search(index, "", { level1: "satisfaction" }, 500);
    expect(sat.every((i) => i.level1 === "satisfaction")).toBe(true);
    expect(names("slfg", { field: "roads" })).not.toContain("森林覆盖率");
    expect(names("slfg", { level2: "sustainability" })[0]).toBe("森林覆盖率");
  });

  it("lists the project's field first, the other fields after", () => {
    const plain = search(index, "", {}, 500);
    const firstInField = plain.findIndex((i) => i.fields.includes("water"));
    expect(firstInField).toBeGreaterThan(0); // without a preference another field's come first
    const preferred = search(index, "", { prefer: "water" }, 500);
    const inField = preferred.filter((i) => i.fields.includes("water")).length;
    expect(inField).toBeGreaterThan(3);
    expect(preferred.slice(0, inField).every((i) => i.fields.includes("water"))).toBe(true);
    expect(preferred.length).toBe(plain.length); // nothing hidden
  });

  it("leaves deprecated indicators out unless asked", () => {
    const first = library.indicators[0]!;
    const lib = { ...library, indicators: [{ ...first, status: "deprecated" as const }, ...library.indicators.slice(1)] };
    const idx = buildIndex(lib);
    expect(search(idx, first.name).map((i) => i.code)).not.toContain(first.code);
    expect(search(idx, first.name, { includeDeprecated: true }).map((i) => i.code)).toContain(first.code);
  });

  it("is precomputed once: one entry per indicator, searched without rebuilding", () => {
    // speed is a benchmark's business (timings are never asserted in tests)
    expect(index.entries.length).toBe(library.indicators.length);
    expect(search(index, "slfg")).toEqual(search(index, "slfg"));
  });
});
