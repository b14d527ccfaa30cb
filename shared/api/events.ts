// The event stream (GET /api/events, docs/api.md) on the wire: each event's name and its data, as
// the server announces them (server/announce.ts takes its types from these) and as the pane reads
// them, and who hears each.
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

/** A notice was issued: heard by finance and the units it is addressed to (`units` is "all" or codes). */
export const NoticeIssuedEventSchema = serverEvent("notice.issued", {
  ...noticeFields,
  units: z.union([z.literal("all"), z.array(z.string())]),
  at: z.string(),
});

/**
 * A notice's deadline has passed (announced once): finance hears one event with every late or
 * missing form (`unit` absent); each unit that owes forms hears its own (`unit` set).
 */
export const NoticeOverdueEventSchema = serverEvent("notice.overdue", {
  ...noticeFields,
  unit: z.string().optional(),
  counts: StateCountsSchema,
  missing: z.array(z.object({ unit: z.string(), project: z.string().nullable() })),
  at: z.string(),
});

/** A rectification item changed state: heard by finance and its unit. */
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

/**
 * A draft sent for opinions moved (docs/opinions.md): sent, answered, an objection answered,
 * finalised. Heard by finance (its units) and by the units asked — a unit hears another unit's
 * answer or its handling never (`unit` names whose step it was, when it was one unit's).
 */
export const OpinionEventSchema = serverEvent("opinion.step", {
  id: z.string(),
  year: z.number().int(),
  units: z.array(z.string()),
  action: OpinionActionSchema,
  state: ConsultationStateSchema,
  unit: z.string().optional(),
  at: z.string(),
});

/** A token was revoked: heard only by the streams opened with it, which then end. */
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
