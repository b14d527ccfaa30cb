// The event stream (GET /api/events, docs/api.md) on the wire: each event's name and its data, as
// the server announces them (server/announce.ts holds the same shapes as types, held equal to
// these at compile time in test/server/contract-walk.test.ts) and as the pane reads them.
import { z } from "zod";
import { ConsultationStateSchema, OpinionActionSchema } from "../cycle/opinions.ts";
import { RectActionSchema, RectStateSchema } from "../cycle/rectification.ts";
import { FormKindSchema } from "../form.ts";
import { StateCountsSchema } from "./cycle.ts";
import { StatusSchema } from "./submissions.ts";

/** An event as the stream carries it: its SSE event name (`type`) and its JSON data. */
function serverEvent<T extends string, D extends z.ZodRawShape>(type: T, data: D) {
  return z.object({ type: z.literal(type), data: z.object(data) });
}

export const LibraryPublishedEventSchema = serverEvent("library.published", { version: z.number().int(), note: z.string(), publishedAt: z.string(), added: z.number().int(), changed: z.number().int(), deprecated: z.number().int(), removed: z.number().int() });

export const SubmissionStatusEventSchema = serverEvent("submission.status", { year: z.number().int(), unit: z.string(), project: z.string(), kind: FormKindSchema, status: StatusSchema, revision: z.number().int(), at: z.string() });

const noticeFields = { id: z.string(), year: z.number().int(), kind: FormKindSchema, title: z.string(), deadline: z.string() };

export const NoticeIssuedEventSchema = serverEvent("notice.issued", {
  ...noticeFields,
  units: z.union([z.literal("all"), z.array(z.string())]),
  at: z.string(),
});

export const NoticeOverdueEventSchema = serverEvent("notice.overdue", {
  ...noticeFields,
  unit: z.string().optional(),
  counts: StateCountsSchema,
  missing: z.array(z.object({ unit: z.string(), project: z.string().nullable() })),
  at: z.string(),
});

export const RectificationEventSchema = serverEvent("rectification.state", {
  id: z.string(),
  year: z.number().int(),
  unit: z.string(),
  project: z.string(),
  kind: FormKindSchema,
  action: RectActionSchema,
  state: RectStateSchema,
  deadline: z.string(),
  at: z.string(),
});

export const OpinionEventSchema = serverEvent("opinion.step", {
  id: z.string(),
  year: z.number().int(),
  units: z.array(z.string()),
  action: OpinionActionSchema,
  state: ConsultationStateSchema,
  unit: z.string().optional(),
  at: z.string(),
});

export const TokenRevokedEventSchema = serverEvent("token.revoked", { id: z.string(), at: z.string() });

/** Every event the stream carries, by its SSE event name (`type`) and JSON data. */
export const ServerEventSchema = z.discriminatedUnion("type", [
  LibraryPublishedEventSchema,
  SubmissionStatusEventSchema,
  NoticeIssuedEventSchema,
  NoticeOverdueEventSchema,
  RectificationEventSchema,
  OpinionEventSchema,
  TokenRevokedEventSchema,
]);
export type ServerEventBody = z.infer<typeof ServerEventSchema>;

/** The first event on a stream: who it is for. */
export const ReadyEventDataSchema = z.object({ role: z.string(), unit: z.string().nullable() });
