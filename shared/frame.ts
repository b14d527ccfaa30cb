// The indicator framework (三级指标, docs/domain.md): the fixed level-1/level-2 frame in its two
// published variants. The policy names which one a bureau uses.
import { level1Terms, level2Terms, type Level1, type Level2 } from "./glossary.ts";

export type FrameName = "2021" | "2015";

/** 财预〔2021〕101号: cost is a level-1 category of its own. */
const frame2021: Record<Level1, readonly Level2[]> = {
  output: ["quantity", "quality", "timeliness"],
  cost: ["economicCost", "socialCost", "ecologicalCost"],
  benefit: ["economic", "social", "ecological", "sustainability"],
  satisfaction: ["serviceSatisfaction"],
};

/** 财预〔2015〕88号 / 财预〔2020〕10号: cost sits under output; there is no level-1 cost. */
const frame2015: Record<Level1, readonly Level2[]> = {
  output: ["quantity", "quality", "timeliness", "cost"],
  cost: [],
  benefit: ["economic", "social", "ecological", "sustainability"],
  satisfaction: ["serviceSatisfaction"],
};

export const frames: Record<FrameName, Record<Level1, readonly Level2[]>> = {
  "2021": frame2021,
  "2015": frame2015,
};

/** The level-1 categories a frame uses, in the order the forms list them. */
export function level1sOf(frame: FrameName): Level1[] {
  return (Object.keys(frames[frame]) as Level1[]).filter((l1) => frames[frame][l1].length > 0);
}

export function level2sOf(frame: FrameName, level1: Level1): readonly Level2[] {
  return frames[frame][level1];
}

export function isInFrame(frame: FrameName, level1: string, level2: string): boolean {
  const l2s = frames[frame][level1 as Level1];
  return l2s !== undefined && l2s.includes(level2 as Level2);
}

/** The level-1 a level-2 belongs to in a frame (cost → output in 2015), if any. */
export function parentOf(frame: FrameName, level2: Level2): Level1 | undefined {
  return level1sOf(frame).find((l1) => frames[frame][l1].includes(level2));
}

// Sheets show Chinese labels; units type them with or without the trailing 指标, and the
// keys are accepted too. Level-2 "cost" (2015) and level-1 "cost" share the label 成本指标,
// so the two lookups are kept apart.
function labelLookup<K extends string>(terms: Record<K, { zh: string; en: string }>): Map<string, K> {
  const map = new Map<string, K>();
  for (const [key, term] of Object.entries(terms) as [K, { zh: string; en: string }][]) {
    map.set(key.toLowerCase(), key);
    map.set(term.zh, key);
    map.set(term.zh.replace(/指标$/, ""), key);
    map.set(term.en.toLowerCase(), key);
  }
  return map;
}
const level1ByLabel = labelLookup(level1Terms);
const level2ByLabel = labelLookup(level2Terms);

function normaliseLabel(text: string): string {
  return text.replace(/[\s\u3000]+/g, "").toLowerCase();
}

export function parseLevel1(text: string): Level1 | undefined {
  return level1ByLabel.get(normaliseLabel(text));
}

export function parseLevel2(text: string): Level2 | undefined {
  return level2ByLabel.get(normaliseLabel(text));
}
