// What paths and queries carry, as text: a year (`/api/submissions/2025/…`, `?year=2025`).
import { z } from "zod";
import { BudgetYearSchema } from "../form.ts";

/** A four-digit year in a path or a query, as a number (not `0x7E9`, `2.025e3` or blank). */
export const YearParamSchema = z.string().regex(/^\d{4}$/, "a four-digit year").transform(Number).pipe(BudgetYearSchema);

/** `?year=2025` and nothing else. */
export const YearOnlyQuerySchema = z.object({ year: YearParamSchema });
