// The event bus behind GET /api/events: the server publishes, each open stream hears what its
// caller may see (library.published for all; submission.status for its own unit, or all for
// finance and admin). With several servers on one database, a relay (the PostgreSQL one is
// LISTEN/NOTIFY, store/postgres/notify.ts) carries each event to the other servers, which deliver
// it to their own streams; the server that published it has already delivered it, once.
import type { Announcer, EventRelay, ServerEvent } from "./announce.ts";
import { canSeeUnit, type Auth } from "./auth.ts";

export { serverEventTypes, type EventRelay, type ServerEvent } from "./announce.ts";

type Listener = (e: ServerEvent) => void;

export function visibleTo(auth: Auth, e: ServerEvent): boolean {
  if (e.type === "token.revoked") return auth.tokenId === e.data.id;
  if (e.type === "submission.status" || e.type === "rectification.state") return canSeeUnit(auth, e.data.unit);
  if (e.type === "notice.issued") return e.data.units === "all" ? true : e.data.units.some((u) => canSeeUnit(auth, u));
  if (e.type === "opinion.step") {
    if (auth.role === "unit") return auth.unit !== undefined && e.data.units.includes(auth.unit) && (e.data.unit === undefined || e.data.unit === auth.unit);
    return e.data.units.some((u) => canSeeUnit(auth, u));
  }
  if (e.type === "notice.overdue") return auth.role === "unit" ? e.data.unit !== undefined && e.data.unit === auth.unit : e.data.unit === undefined;
  return true;
}

export class EventBus implements Announcer {
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
