// Expert review's route and store tests (routes.test.ts, store.test.ts), unchanged, on the PostgreSQL store.
import { onPostgres } from "../server/postgres-env.ts";

await onPostgres("expert review", "experts", async () => {
  await import("./routes.test.ts");
  await import("./store.test.ts");
});
