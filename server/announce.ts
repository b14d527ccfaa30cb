// What happened, as the services announce it (a form's status changed, a notice was issued, a
// library published). The services take an Announcer, not the HTTP event bus: the bus
// (events.ts) is one Announcer, which delivers each event to the open streams allowed to hear it;
// the CLI has none (docs/architecture.md). Each event is the contract's (shared/api/events.ts),
// which says who hears it.
import type { z } from "zod";
import { ServerEventSchema } from "../shared/api/events.ts";

export type ServerEvent = z.infer<typeof ServerEventSchema>;

/** Every event type, as the contract lists them: what a relay carries to the other servers (all of them, issue 17). */
export const serverEventTypes: readonly ServerEvent["type"][] = ServerEventSchema.options.map((o) => o.shape.type.value);

/** Where the services announce what happened. */
export interface Announcer {
  publish(e: ServerEvent): void;
}

/** Sends the events published on this server to the other servers. */
export interface EventRelay {
  send(e: ServerEvent): void;
}
