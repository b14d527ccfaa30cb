// The treasury's route and store tests (routes.test.ts), unchanged, on the PostgreSQL store.
import { onPostgres } from "../server/postgres-env.ts";

await onPostgres("treasury", "treasury", async () => {
  await import("./routes.test.ts");
});
