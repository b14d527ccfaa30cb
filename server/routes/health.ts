import { Hono } from "hono";

export function healthRoutes(version: string) {
  return new Hono().get("/", (c) => c.json({ ok: true, version }));
}
