// The event bus behind GET /api/events: the server publishes, each open stream hears what its
// caller may see (library.published for all; submission.status for its own unit, or all for
// finance and admin). With several servers on one database, a relay (the PostgreSQL one is
// LISTEN/NOTIFY, store/postgres/notify.ts) carries each event to the other servers, which deliver
// it to their own streams; the server that published it has already delivered it, once.
import { canSeeUnit, type Auth } from "./auth.ts";

export interface LibraryPublishedEvent {
  type: "library.published";
  data: { version: number; note: string; publishedAt: string; added: number; changed: number; deprecated: number; removed: number };
}

export interface SubmissionStatusEvent {
  type: "submission.status";
  data: { year: number; unit: string; project: string; kind: string; status: string; revision: number; at: string };
}

/** A notice was issued: heard by finance and the units it is addressed to (`units` is "all" or codes). */
export interface NoticeIssuedEvent {
  type: "notice.issued";
  data: { id: string; year: number; kind: string; title: string; deadline: string; units: "all" | string[]; at: string };
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
    kind: string;
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
  data: { id: string; year: number; unit: string; project: string; kind: string; action: string; state: string; deadline: string; at: string };
}

/** A token was revoked: heard only by the streams opened with it, which then end. */
export interface TokenRevokedEvent {
  type: "token.revoked";
  data: { id: string; at: string };
}

export type ServerEvent = LibraryPublishedEvent | SubmissionStatusEvent | NoticeIssuedEvent | NoticeOverdueEvent | RectificationEvent | TokenRevokedEvent;

/** Every event type: what a relay carries to the other servers (all of them, issue 17). */
export const serverEventTypes = ["library.published", "submission.status", "notice.issued", "notice.overdue", "rectification.state", "token.revoked"] as const satisfies readonly ServerEvent["type"][];
// A type added to ServerEvent and not to the list above fails here.
const _everyType: Record<ServerEvent["type"], true> = Object.fromEntries(serverEventTypes.map((t) => [t, true])) as Record<(typeof serverEventTypes)[number], true>;
void _everyType;

type Listener = (e: ServerEvent) => void;

export function visibleTo(auth: Auth, e: ServerEvent): boolean {
  if (e.type === "token.revoked") return auth.tokenId === e.data.id;
  if (e.type === "submission.status" || e.type === "rectification.state") return canSeeUnit(auth, e.data.unit);
  if (e.type === "notice.issued") return e.data.units === "all" ? true : e.data.units.some((u) => canSeeUnit(auth, u));
  if (e.type === "notice.overdue") return auth.role === "unit" ? e.data.unit !== undefined && e.data.unit === auth.unit : e.data.unit === undefined;
  return true;
}

/** Sends the events published on this server to the other servers. */
export interface EventRelay {
  send(e: ServerEvent): void;
}

export class EventBus {
  private listeners = new Set<{ auth: Auth; fn: Listener }>();
  private closers = new Set<() => void>();

  constructor(private readonly relay?: EventRelay) {}

  subscribe(auth: Auth, fn: Listener): () => void {
    const entry = { auth, fn };
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  publish(e: ServerEvent): void {
    this.deliver(e);
    this.relay?.send(e);
  }

  /** To this server's streams only: an event heard from another server. */
  deliver(e: ServerEvent): void {
    for (const l of this.listeners) if (visibleTo(l.auth, e)) l.fn(e);
  }

  /** Registers a way to end an open stream, for shutdown. */
  onClose(fn: () => void): () => void {
    this.closers.add(fn);
    return () => this.closers.delete(fn);
  }

  /** Ends every open stream (graceful shutdown). */
  close(): void {
    for (const fn of [...this.closers]) fn();
    this.closers.clear();
  }

  get size(): number {
    return this.listeners.size;
  }
}
