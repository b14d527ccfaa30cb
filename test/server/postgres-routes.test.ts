// The route tests (routes.test.ts) and the event tests (events.test.ts), unchanged, on the
// PostgreSQL store with its LISTEN/NOTIFY relay: each test gets a fresh schema.
import { onPostgres } from "./postgres-env.ts";

await onPostgres("routes", "routes", async () => {
  await import("./routes.test.ts");
  await import("./events.test.ts");
});
