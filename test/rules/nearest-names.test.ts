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
  it("stays fast: 2,000 unknown names against the starter library", () => {
    const index = libraryIndex(starterLibrary());
    const t0 = performance.now();
    for (let i = 0; i < 2000; i++) nearestNames(index, `第${i}号新建林区防火道路长度`);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
