// GET /api/events: server-sent events, scoped by role (see ../events.ts), with a keep-alive
// comment every `pingMs` so proxies and the pane's webview keep the stream open.
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { AppEnv } from "../auth.ts";
import type { ServerEvent } from "../events.ts";
import type { RouteContext } from "./context.ts";

export function eventRoutes({ bus, pingMs }: Pick<RouteContext, "bus" | "pingMs">) {
  return new Hono<AppEnv>().get("/", (c) => {
    const auth = c.get("auth");
    c.header("Cache-Control", "no-cache");
    c.header("X-Accel-Buffering", "no");
    return streamSSE(
      c,
      async (stream) => {
        let id = 0;
        const queue: ServerEvent[] = [];
        let wake: (() => void) | null = null;
        let open = true;
        const stop = () => {
          open = false;
          wake?.();
        };
        const unsubscribe = bus.subscribe(auth, (e) => {
          queue.push(e);
          wake?.();
        });
        const unclose = bus.onClose(stop);
        stream.onAbort(stop);
        const ping = setInterval(() => {
          void stream.write(": ping\n\n").catch(stop);
        }, pingMs);
        try {
          await stream.writeSSE({ event: "ready", data: JSON.stringify({ role: auth.role, unit: auth.unit ?? null }) });
          while (open && !stream.aborted && !stream.closed) {
            const e = queue.shift();
            if (e) {
              await stream.writeSSE({ event: e.type, data: JSON.stringify(e.data), id: String(++id) });
              // A revoked token's stream says so, then ends: the pane is refused at once.
              if (e.type === "token.revoked") break;
              continue;
            }
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
            wake = null;
          }
        } finally {
          clearInterval(ping);
          unsubscribe();
          unclose();
        }
      },
      async (_err, stream) => {
        // Errors inside the stream never reach app.onError: end the stream quietly, no stack.
        await stream.writeSSE({ event: "error", data: JSON.stringify({ code: "internal" }) }).catch(() => undefined);
      },
    );
  });
}
