// The shape the starter-library files are written in: an indicator as zod accepts it (defaults
// such as `status: "active"` and `fields: []` may be left out).
import type { z } from "zod";
import type { IndicatorSchema } from "../library.ts";

export type IndicatorInput = z.input<typeof IndicatorSchema>;
