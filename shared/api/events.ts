// The event stream (GET /api/events, docs/api.md) on the wire: each event's name and its data, as
// the server announces them (server/announce.ts holds the same shapes as types, held equal to
// these at compile time in test/server/contract-walk.test.ts) and as the pane reads them.
import { z } from "zod";
import { FormKindSchema } from "../form.ts";
import { StatusSchema } from "./submissions.ts";

const counts = z.object({ onTime: z.number().int(), late: z.number().int(), due: z.number().int(), missing: z.number().int() });

export const LibraryPublishedEventSchema = z.object({
  type: z.literal("library.published"),
  data: z.object({ version: z.number().int(), note: z.string(), publishedAt: z.string(), added: z.number().int(), changed: z.number().int(), deprecated: z.number().int(), removed: z.number().int() }),
});

export const SubmissionStatusEventSchema = z.object({
  type: z.literal("submission.status"),
  data: z.object({ year: z.number().int(), unit: z.string(), project: z.string(), kind: FormKindSchema, status: StatusSchema, revision: z.number().int(), at: z.string() }),
});

export const NoticeIssuedEventSchema = z.object({
  type: z.literal("notice.issued"),
  data: z.object({ id: z.string(), year: z.number().int(), kind: FormKindSchema, title: z.string(), deadline: z.string(), units: z.union([z.literal("all"), z.array(z.string())]), at: z.string() }),
});

export const NoticeOverdueEventSchema = z.object({
  type: z.literal("notice.overdue"),
  data: z.object({
    id: z.string(),
    year: z.number().int(),
    kind: FormKindSchema,
    title: z.string(),
    deadline: z.string(),
    unit: z.string().optional(),
    counts,
    missing: z.array(z.object({ unit: z.string(), project: z.string().nullable() })),
    at: z.string(),
  }),
});

export const RectificationEventSchema = z.object({
  type: z.literal("rectification.state"),
  data: z.object({
    id: z.string(),
    year: z.number().int(),
    unit: z.string(),
    project: z.string(),
    kind: FormKindSchema,
    action: z.enum(["open", "answer", "accept", "reopen"]),
    state: z.enum(["open", "answered", "closed"]),
    deadline: z.string(),
    at: z.string(),
  }),
});

export const OpinionEventSchema = z.object({
  type: z.literal("opinion.step"),
  data: z.object({
    id: z.string(),
    year: z.number().int(),
    units: z.array(z.string()),
    action: z.enum(["send", "answer", "reply", "finalise"]),
    state: z.enum(["open", "final"]),
    unit: z.string().optional(),
    at: z.string(),
  }),
});

export const TokenRevokedEventSchema = z.object({ type: z.literal("token.revoked"), data: z.object({ id: z.string(), at: z.string() }) });

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
