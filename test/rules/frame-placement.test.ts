// I201 reads a row filed where the library files it from the library's placement (Placement.inFrame),
// made once per frame: the placement must say what the frame says of the pair, also for a library
// indicator filed under a pair the frame does not hold (the library's schema accepts any pair).
import { describe, expect, it } from "vitest";
import { isInFrame, type FrameName } from "../../shared/frame.ts";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { indicatorFacts, placedIn } from "../../shared/rules/indicator-facts.ts";
import { findings, fixtureLibrary, library, target } from "./fixtures.ts";

const odd = { code: "ODD-01", name: "产出社会效益混合指标", level1: "output" as const, level2: "social" as const, fields: [], valueType: "quantitative" as const, operators: [">=" as const], unit: "%" };

describe("a library placement and the frame", () => {
  it("agree for every indicator of the starter and fixture libraries, in both frames", () => {
    for (const lib of [starterLibrary(), library, fixtureLibrary({}, [odd])]) {
      const facts = indicatorFacts(lib.indicators);
      for (const frame of ["2021", "2015"] as FrameName[]) {
        const placed = placedIn(facts, frame);
        for (let i = 0; i < lib.indicators.length; i++) {
          expect(placed.inFrame[i], `${lib.indicators[i]!.code} in ${frame}`).toBe(isInFrame(frame, placed.level1[i]!, placed.level2[i]!) ? 1 : 0);
        }
      }
    }
  });

  it("I201 fires on a row filed as the library files it when the frame does not hold that pair", () => {
    const lib = fixtureLibrary({}, [odd]);
    const form = target((f) => {
      f.indicators.push({ level1: "output", level2: "social", code: "ODD-01", name: odd.name, operator: ">=", target: "≥90%", unit: "%" });
    });
    const got = findings(form, "I201", lib);
    expect(got.map((g) => g.path)).toEqual([`indicators[${form.indicators.length - 1}].level2`]);
    expect(findings(form, "I204", lib)).toEqual([]);
  });
});
