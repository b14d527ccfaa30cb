// What the route factories are built from: one context object, of which each takes the part it
// needs (createApp in server/app.ts makes it; the CLI's control socket passes the directory's part).
import type { EventBus } from "../events.ts";
import type { Store } from "../store/store.ts";

export interface RouteContext {
  store: Store;
  bus: EventBus;
  now: () => Date;
  /** where unexpected errors are logged; never sent to the client */
  log: (err: unknown) => void;
  /** reported by /api/health */
  version: string;
  /** keep-alive ping of /api/events, ms */
  pingMs: number;
  /** the local CA's certificate (PEM) when the server made its own, for GET /ca.crt */
  caCertificate: () => string | undefined;
}
