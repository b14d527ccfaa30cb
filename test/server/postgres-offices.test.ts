// The street-office scope tests (office-scope.test.ts), unchanged, on the PostgreSQL store: the
// unit tree and office-scoped tokens live in its tables too.
import { onPostgres } from "./postgres-env.ts";

await onPostgres("offices", "offices", async () => {
  await import("./office-scope.test.ts");
});
