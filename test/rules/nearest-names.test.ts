// I203's suggestions: nearest library names by characters shared, fast with many unknown rows.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LibrarySchema, type Library } from "../../shared/library.ts";
import { resolvePolicy } from "../../shared/policy.ts";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { libraryIndex, nearestNames, normaliseName } from "../../shared/rules/nearest-names.ts";
import { library } from "./fixtures.ts";

describe("nearestNames", () => {
  it("巡查及时 finds 护林防火巡查及时率 first", () => {
    expect(nearestNames(libraryIndex(library), "巡查及时")[0]).toBe("护林防火巡查及时率");
    expect(nearestNames(libraryIndex(starterLibrary()), "巡查及时")).toContain("护林防火巡查及时率");
  });
  it("offers at most three, most shared first, never deprecated ones", () => {
    const near = nearestNames(libraryIndex(library), "林业有害生物防治面积");
    expect(near.length).toBeLessThanOrEqual(3);
    expect(near[0]).toBe("林业有害生物成灾率");
    expect(near).not.toContain("林业有害生物防治率");
  });
  it("offers nothing for names with nothing in common", () => {
    expect(nearestNames(libraryIndex(library), "ABC")).toEqual([]);
    expect(nearestNames(libraryIndex(library), "")).toEqual([]);
  });
  it("caches the index per library object", () => {
    expect(libraryIndex(library)).toBe(libraryIndex(library));
  });
});

/**
 * The search as it was first written, a scan of the whole library: every active name's distinct
 * characters shared with the query's; at least two (one for a query of one or two characters);
 * most shared first, then the closest in size, then library order.
 */
function linearNearest(lib: Library, query: string, max = 3): string[] {
  const q = [...new Set(normaliseName(query))];
  if (q.length === 0 || max <= 0) return [];
  const need = q.length <= 2 ? 1 : 2;
  const scored: { i: number; shared: number; fit: number }[] = [];
  lib.indicators.forEach((ind, i) => {
    if (ind.status === "deprecated") return;
    const chars = new Set(normaliseName(ind.name));
    const shared = q.filter((ch) => chars.has(ch)).length;
    if (shared >= need) scored.push({ i, shared, fit: shared / Math.max(chars.size, q.length) });
  });
  scored.sort((a, b) => b.shared - a.shared || b.fit - a.fit || a.i - b.i);
  return scored.slice(0, max).map((s) => lib.indicators[s.i]!.name);
}

describe("the indexed search answers as a scan of the whole library does", () => {
  const words = ["森林", "管护", "面积", "巡查", "及时率", "成活率", "道路", "养护", "里程", "满意度", "受益", "人数", "覆盖率", "资金", "治理", "长度", "公里", "学校", "新建", "农村"];

  it("on the starter library, for names made of its words", () => {
    const lib = starterLibrary();
    const index = libraryIndex(lib);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 6 }), (parts, max) => {
        const q = parts.join("");
        expect(nearestNames(index, q, max)).toEqual(linearNearest(lib, q, max));
      }),
      { numRuns: 400 },
    );
  });

  // Made-up libraries of names drawn from an alphabet, each name deprecated at one-in-n odds. A row:
  // what it tries, the alphabet, a name's length, n, the library's size, queries, results asked, runs.
  const cases: [string, string, [number, number], number, [number, number], number, [number, number], number][] = [
    ["on made-up libraries (repeated, deprecated and overlapping names), for any query from their characters", "林业面积巡查率道路养护里程满意度公学校新建农村 ", [1, 9], 2, [1, 60], 8, [1, 5], 300],
    [
      "on big libraries of few characters, where two characters together are held by far fewer names than either (the search by pairs, and its hand-over to the postings)",
      "森林管护面积巡查率道路养", [2, 8], 10, [150, 400], 10, [1, 12], 150,
    ],
  ];
  for (const [about, alphabet, nameLength, deprecatedOneIn, librarySize, queries, max, numRuns] of cases) it(about, () => {
    const name = fc.array(fc.constantFrom(...alphabet), { minLength: nameLength[0], maxLength: nameLength[1] }).map((cs) => cs.join(""));
    const indicator = fc.record({ name, deprecated: fc.integer({ min: 0, max: deprecatedOneIn - 1 }).map((x) => x === 0) });
    fc.assert(
      fc.property(
        fc.array(indicator, { minLength: librarySize[0], maxLength: librarySize[1] }),
        fc.array(name, { minLength: 1, maxLength: queries }),
        fc.integer({ min: max[0], max: max[1] }),
        (inds, qs, m) => {
          const lib = libraryOf(inds);
          const index = libraryIndex(lib);
          for (const q of qs) expect(nearestNames(index, q, m), q).toEqual(linearNearest(lib, q, m));
        },
      ),
      { numRuns },
    );
  });
});

function libraryOf(inds: { name: string; deprecated: boolean }[]): Library {
  return LibrarySchema.parse({
    version: 1,
    publishedAt: "2026-01-01",
    note: "",
    policy: resolvePolicy(),
    indicators: inds.map((ind, i) => ({
      code: `T-${i}`,
      name: ind.name.trim() === "" ? "空" : ind.name,
      level1: "output",
      level2: "quantity",
      fields: [],
      valueType: "quantitative",
      operators: [">="],
      unit: "个",
      ...(ind.deprecated ? { status: "deprecated" } : {}),
    })),
  });
}
