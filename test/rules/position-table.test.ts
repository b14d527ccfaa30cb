// The library index's string → position table answers as a Map does, for any keys (colliding
// hashes, empty and long strings, keys set twice) and any look-ups.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PositionTable } from "../../shared/rules/position-table.ts";

describe("PositionTable", () => {
  it("gives what a Map gives", () => {
    const key = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom("", "FOR-QN01", "森林管护面积", "x".repeat(300)), fc.string({ unit: "binary", maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(key, { maxLength: 200 }), fc.array(key, { maxLength: 50 }), (keys, probes) => {
        const table = new PositionTable(keys.length);
        const map = new Map<string, number>();
        keys.forEach((k, i) => {
          table.set(k, i);
          map.set(k, i);
        });
        expect(table.size).toBe(map.size);
        for (const k of [...keys, ...probes]) expect(table.get(k)).toBe(map.get(k));
      }),
      { numRuns: 300 },
    );
  });

  it("holds a library's worth of codes", () => {
    const table = new PositionTable(50_000);
    for (let i = 0; i < 50_000; i++) table.set(`GEN-${i}`, i);
    for (let i = 0; i < 50_000; i += 997) expect(table.get(`GEN-${i}`)).toBe(i);
    expect(table.get("GEN-50000")).toBeUndefined();
  });

  it("refuses more keys than it was made for, rather than slow down", () => {
    const table = new PositionTable(1);
    for (let i = 0; i < 8; i++) table.set(String(i), i);
    expect(() => {
      for (let i = 8; i < 100; i++) table.set(String(i), i);
    }).toThrow(/full/);
  });
});
