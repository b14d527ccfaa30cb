// A project's documents (routes.test.ts), unchanged, on the PostgreSQL store.
import { onPostgres } from "../server/postgres-env.ts";

await onPostgres("documents", "documents", async () => {
  await import("./routes.test.ts");
});
