// Running unchanged route-level test files on the PostgreSQL store: a throwaway cluster for the
// file, a fresh schema per test environment, and the LISTEN/NOTIFY relay under the event bus.
// Without PostgreSQL the suite is skipped and says why (on CI that is a failure: postgresMissing).
import { EventBus } from "../../server/events.ts";
import { PgRelay } from "../../server/store/postgres/notify.ts";
import { openPgStore } from "../../server/store/postgres/pg-store.ts";
import { onCluster } from "../support/postgres.ts";
import { useStore } from "./helpers.ts";

/**
 * Sets the store of `makeEnv` to PostgreSQL (schemas named after `schema`) and then loads the test
 * files `load()` imports, so their tests run on it; or a skipped suite named `name`.
 */
export async function onPostgres(name: string, schema: string, load: () => Promise<unknown>): Promise<void> {
  const runs = onCluster(`${name} on PostgreSQL`, (cluster) => {
    useStore({
      name: "PostgreSQL",
      async open() {
        const url = await cluster.createSchema(schema);
        const store = await openPgStore(url, { poolSize: 4 });
        const relay = new PgRelay(url);
        const bus = new EventBus(relay);
        await relay.listen((e) => bus.deliver(e));
        return {
          store,
          dir: "",
          bus,
          dispose: async () => {
            await relay.close();
            await store.close();
          },
        };
      },
    });
  });
  if (runs) await load();
}
