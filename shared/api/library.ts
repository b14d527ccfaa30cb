// /api/library: the current library (GET, with an ETag), what changed since a version (GET
// /changes), and publishing the next version (PUT, admin or a finance token allowed to) (docs/api.md).
import { z } from "zod";
import { LibraryChangesSchema } from "../library-changes.ts";
import { IndicatorSchema } from "../library.ts";

export const LibraryChangesQuerySchema = z.object({ since: z.string().regex(/^\d+$/, "a library version number").transform(Number) });

/** GET /api/library/changes?since=N: the indicators themselves, so the pane can offer replacements. */
export const LibraryChangesViewSchema = z.object({
  since: z.number().int(),
  version: z.number().int(),
  added: z.array(IndicatorSchema),
  changed: z.array(IndicatorSchema),
  deprecated: z.array(
    z.object({ code: z.string(), replacedBy: z.string().optional(), name: z.string().optional(), replacement: IndicatorSchema.optional() }),
  ),
  removed: z.array(z.string()),
});
export type LibraryChangesView = z.infer<typeof LibraryChangesViewSchema>;

/** PUT /api/library: the indicators as edited (each is checked by the library's own schema), a note, and the policy. */
export const PublishBodySchema = z.object({
  indicators: z.array(z.unknown()),
  policy: z.unknown().optional(),
  note: z.string().max(2000).default(""),
});
export type PublishBody = z.input<typeof PublishBodySchema>;

export const PublishResultSchema = z.object({
  version: z.number().int(),
  publishedAt: z.string(),
  changes: LibraryChangesSchema,
});
export type PublishResult = z.infer<typeof PublishResultSchema>;
