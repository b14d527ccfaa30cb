// I203's suggestions: nearest library names by characters shared, fast with many unknown rows.
import { describe, expect, it } from "vitest";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { libraryIndex, nearestNames } from "../../shared/rules/nearest-names.ts";
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

describe("the fast path ranks as a full count does", () => {
  it("same answers with and without the common-character shortcut", async () => {
    const fc = (await import("fast-check")).default;
    const words = ["森林", "管护", "面积", "巡查", "及时率", "成活率", "道路", "养护", "里程", "满意度", "受益", "人数", "覆盖率", "资金", "治理", "长度"];
    const lib = starterLibrary();
    const fast = libraryIndex(lib);
    const full = { ...fast, commonAbove: Number.MAX_SAFE_INTEGER, answers: new Map<string, string[]>() };
    const small = { ...fast, commonAbove: 0, bitmaps: new Map<string, Uint8Array>(), answers: new Map<string, string[]>() };
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 5 }), (parts) => {
        const q = parts.join("");
        fast.answers.clear();
        const want = nearestNames(full, q);
        expect(nearestNames(fast, q)).toEqual(want);
        expect(nearestNames(small, q)).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });
});
