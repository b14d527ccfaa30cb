// The cycle's API tests (year.test.ts, roles.test.ts), unchanged, on the PostgreSQL store with
// its LISTEN/NOTIFY relay: each test file's environments get a fresh schema.
import { onPostgres } from "../server/postgres-env.ts";

await onPostgres("cycle", "cycle", async () => {
  await import("./year.test.ts");
  await import("./roles.test.ts");
});
