// The opinions' and problems handed on route and store tests (routes.test.ts), unchanged, on the PostgreSQL store.
import { onPostgres } from "../server/postgres-env.ts";

await onPostgres("opinions", "opinions", async () => {
  await import("./routes.test.ts");
});
