// What happened, as the services announce it (a form's status changed, a notice was issued, a
// library published). The services take an Announcer, not the HTTP event bus: the bus
// (events.ts) is one Announcer, which delivers each event to the open streams allowed to hear it;
// the CLI has none (docs/architecture.md). The data of each is the contract's (shared/api/events.ts).
import type { FormKind, SubmissionStatus } from "../shared/glossary.ts";

export interface LibraryPublishedEvent {
  type: "library.published";
  data: { version: number; note: string; publishedAt: string; added: number; changed: number; deprecated: number; removed: number };
}

export interface SubmissionStatusEvent {
  type: "submission.status";
  data: { year: number; unit: string; project: string; kind: FormKind; status: SubmissionStatus; revision: number; at: string };
}

/** A notice was issued: heard by finance and the units it is addressed to (`units` is "all" or codes). */
export interface NoticeIssuedEvent {
  type: "notice.issued";
  data: { id: string; year: number; kind: FormKind; title: string; deadline: string; units: "all" | string[]; at: string };
}

/**
 * A notice's deadline has passed (announced once): finance hears one event with every late or
 * missing form (`unit` absent); each unit that owes forms hears its own (`unit` set).
 */
export interface NoticeOverdueEvent {
  type: "notice.overdue";
  data: {
    id: string;
    year: number;
    kind: FormKind;
    title: string;
    deadline: string;
    unit?: string;
    counts: { onTime: number; late: number; due: number; missing: number };
    missing: { unit: string; project: string | null }[];
    at: string;
  };
}

/** A rectification item changed state: heard by finance and its unit. */
export interface RectificationEvent {
  type: "rectification.state";
  data: { id: string; year: number; unit: string; project: string; kind: FormKind; action: "open" | "answer" | "accept" | "reopen"; state: "open" | "answered" | "closed"; deadline: string; at: string };
}

/**
 * A draft sent for opinions moved (docs/opinions.md): sent, answered, an objection answered,
 * finalised. Heard by finance (its units) and by the units asked — a unit hears another unit's
 * answer or its handling never (`unit` names whose step it was, when it was one unit's).
 */
export interface OpinionEvent {
  type: "opinion.step";
  data: { id: string; year: number; units: string[]; action: "send" | "answer" | "reply" | "finalise"; state: "open" | "final"; unit?: string; at: string };
}

/** A token was revoked: heard only by the streams opened with it, which then end. */
export interface TokenRevokedEvent {
  type: "token.revoked";
  data: { id: string; at: string };
}

export type ServerEvent = LibraryPublishedEvent | SubmissionStatusEvent | NoticeIssuedEvent | NoticeOverdueEvent | RectificationEvent | OpinionEvent | TokenRevokedEvent;

/** Every event type: what a relay carries to the other servers (all of them, issue 17). */
export const serverEventTypes = ["library.published", "submission.status", "notice.issued", "notice.overdue", "rectification.state", "opinion.step", "token.revoked"] as const satisfies readonly ServerEvent["type"][];
// A type added to ServerEvent and not to the list above fails here.
const _everyType: Record<ServerEvent["type"], true> = Object.fromEntries(serverEventTypes.map((t) => [t, true])) as Record<(typeof serverEventTypes)[number], true>;
void _everyType;

/** Where the services announce what happened. */
export interface Announcer {
  publish(e: ServerEvent): void;
}

/** Sends the events published on this server to the other servers. */
export interface EventRelay {
  send(e: ServerEvent): void;
}
