// Level cells as published → the frame's level-1 and level-2 (docs/reading-forms.md).
// A level label may carry its weight (`产出指标(50分)`), a local name the policy maps to a standard
// one (`效果指标` → `效益指标`, `时效指标(工期指标)`), or the short form without 指标 (`质量`).
// The pair is then put where the policy's frame has it: 2015's 成本指标 under 产出指标 is the 2021
// frame's 经济成本指标, and satisfaction printed under 效益指标 (2015) is the satisfaction level-1.
import { parseLevel1, parseLevel2, type FrameName } from "../frame.ts";
import type { Level1, Level2 } from "../glossary.ts";
import { normaliseLabel } from "./labels.ts";

export interface LevelCell {
  level1?: Level1;
  level2?: Level2;
}

function normaliseLevel(text: string): string {
  return normaliseLabel(text).replace(/\(\d+(?:\.\d+)?分\)$/u, "");
}

/** Reads level cells with a policy's local level names (`labels.levels`); memoised per text. */
export class LevelReader {
  private readonly synonyms = new Map<string, string>();
  private readonly cache = new Map<string, LevelCell>();

  constructor(levels: Record<string, string> = {}) {
    for (const [local, standard] of Object.entries(levels)) this.synonyms.set(normaliseLevel(local).replace(/[()]/g, ""), normaliseLevel(standard));
  }

  read(text: string): LevelCell {
    let hit = this.cache.get(text);
    if (hit) return hit;
    hit = this.lookup(normaliseLevel(text));
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(text, hit);
    return hit;
  }

  private lookup(n: string): LevelCell {
    const direct = parsed(n);
    if (direct.level1 || direct.level2) return direct;
    const bare = n.replace(/[()]/g, "");
    const standard = this.synonyms.get(bare);
    if (standard !== undefined) return parsed(standard);
    // `数量指标(或建筑规模指标)`: the part before the note
    const head = n.replace(/\(.*$/u, "");
    return head !== n && head !== "" ? parsed(head) : {};
  }
}

function parsed(n: string): LevelCell {
  const out: LevelCell = {};
  const l1 = parseLevel1(n);
  const l2 = parseLevel2(n);
  if (l1) out.level1 = l1;
  if (l2) out.level2 = l2;
  // `满意度指标` in a level-2 cell: satisfaction has one level-2
  if (l1 === "satisfaction" && !l2) out.level2 = "serviceSatisfaction";
  return out;
}

/** The pair as the policy's frame has it (see the top of this file); other pairs as they are. */
export function toFrame(level1: Level1, level2: Level2, frame: FrameName | undefined): [Level1, Level2] {
  if (level2 === "serviceSatisfaction") return ["satisfaction", level2];
  if (frame === "2021" && level1 === "output" && level2 === "cost") return ["cost", "economicCost"];
  // `产出指标 | 经济成本指标`: a 2021 cost level-2 printed under output, as 2015-minded layouts do
  if (frame === "2021" && level1 === "output" && (level2 === "economicCost" || level2 === "socialCost" || level2 === "ecologicalCost")) return ["cost", level2];
  if (frame === "2015" && level1 === "cost" && level2 === "economicCost") return ["output", "cost"];
  return [level1, level2];
}
