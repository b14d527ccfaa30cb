// The event bus behind GET /api/events: the server publishes, each open stream hears what its
// caller may see (library.published for all; submission.status for its own unit, or all for
// finance and admin). With several servers on one database, a relay (the PostgreSQL one is
// LISTEN/NOTIFY, store/postgres/notify.ts) carries each event to the other servers, which deliver
// it to their own streams; the server that published it has already delivered it, once.
import type { Auth } from "./auth.ts";

export interface LibraryPublishedEvent {
  type: "library.published";
  data: { version: number; note: string; publishedAt: string; added: number; changed: number; deprecated: number; removed: number };
}

export interface SubmissionStatusEvent {
  type: "submission.status";
  data: { year: number; unit: string; project: string; kind: string; status: string; revision: number; at: string };
}

export type ServerEvent = LibraryPublishedEvent | SubmissionStatusEvent;

type Listener = (e: ServerEvent) => void;

export function visibleTo(auth: Auth, e: ServerEvent): boolean {
  if (e.type === "submission.status") return auth.role !== "unit" || auth.unit === e.data.unit;
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
