// The revision cache's bound and its admission of values read on a miss (docs/storage.md, "Memory").
import { describe, expect, it } from "vitest";
import { ByteLru } from "../../server/store/byte-lru.ts";

describe("ByteLru", () => {
  it("keeps entries within its bytes, pushing out the least recently used", () => {
    const lru = new ByteLru<string>(100);
    lru.set("2025/单位甲/P1/target", "a", 40);
    lru.set("2025/单位甲/P2/target", "b", 40);
    expect(lru.get("2025/单位甲/P1/target")).toBe("a"); // now the most recent
    lru.set("2025/单位乙/P1/target", "c", 40);
    expect(lru.get("2025/单位甲/P2/target")).toBeUndefined();
    expect(lru.get("2025/单位甲/P1/target")).toBe("a");
    expect(lru.bytes).toBe(80);
    lru.set("big", "d", 101);
    expect(lru.get("big")).toBeUndefined();
  });

  it("admits a value read on a miss only when its key was missed before, lately", () => {
    const lru = new ByteLru<string>(1000);
    expect(lru.admit("2025/单位甲/P1/target")).toBe(false);
    expect(lru.admit("2025/单位甲/P2/target")).toBe(false);
    expect(lru.admit("2025/单位甲/P1/target")).toBe(true);
    // admitted once: a third miss counts as a first again
    expect(lru.admit("2025/单位甲/P1/target")).toBe(false);
    expect(lru.admit("2025/单位甲/P2/target")).toBe(true);
  });

  it("forgets the oldest misses beyond the ones it remembers", () => {
    const lru = new ByteLru<string>(1000);
    expect(lru.admit("first")).toBe(false);
    for (let i = 0; i < 16_384; i++) lru.admit(`k${i}`);
    expect(lru.admit("first")).toBe(false);
    expect(lru.admit(`k${16_383}`)).toBe(true);
  });
});
