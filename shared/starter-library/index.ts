// The starter library (docs/domain.md): what `npm start` publishes as version 1 on an empty store, and
// what `jixiao validate` uses without `--library`. One file per field; common.ts holds the
// indicators that apply to any field (`fields: []`).
//
// Codes: <FIELD>-<LEVEL2><number>, stable once published (never renumber; add new numbers).
//   FIELD: FOR forestry, WAT water, ROAD roads, EDU education, HLT health, AGR agriculture,
//          TOUR tourism, ADM admin, ENV environment, SOC socialSecurity, HOUS housing,
//          EMG emergency, COM any field.
//   LEVEL2: QN quantity, QL quality, TM timeliness, EC economicCost, SC socialCost,
//           GC ecologicalCost, EB economic, SB social, GB ecological, SU sustainability,
//           SA serviceSatisfaction.
//   Numbers 9xx are deprecated indicators; each names its replacement in `replacedBy`.
import { LibrarySchema, type Library } from "../library.ts";
import { resolvePolicy } from "../policy.ts";
import type { IndicatorInput } from "./types.ts";
import { indicators as admin } from "./admin.ts";
import { indicators as agriculture } from "./agriculture.ts";
import { indicators as common } from "./common.ts";
import { indicators as education } from "./education.ts";
import { indicators as emergency } from "./emergency.ts";
import { indicators as environment } from "./environment.ts";
import { indicators as forestry } from "./forestry.ts";
import { indicators as health } from "./health.ts";
import { indicators as housing } from "./housing.ts";
import { indicators as roads } from "./roads.ts";
import { indicators as socialSecurity } from "./socialSecurity.ts";
import { indicators as tourism } from "./tourism.ts";
import { indicators as water } from "./water.ts";

export type { IndicatorInput } from "./types.ts";

/** Every starter indicator, field by field, then the common ones. */
export const starterIndicators: IndicatorInput[] = [
  ...forestry,
  ...water,
  ...roads,
  ...education,
  ...health,
  ...agriculture,
  ...tourism,
  ...admin,
  ...environment,
  ...socialSecurity,
  ...housing,
  ...emergency,
  ...common,
];

/** The starter library, version 1, with the default policy; parsed, so it is valid or this throws. */
export function starterLibrary(): Library {
  return LibrarySchema.parse({
    version: 1,
    publishedAt: "2026-01-01T00:00:00.000Z",
    note: "起始指标库 Starter library",
    policy: resolvePolicy(),
    indicators: starterIndicators,
  });
}
