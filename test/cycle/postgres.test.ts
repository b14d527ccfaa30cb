// The cycle's API tests (year.test.ts, roles.test.ts), unchanged, on the PostgreSQL store with
// its LISTEN/NOTIFY relay: each test file's environments get a fresh schema.
import { afterAll, beforeAll, describe, it } from "vitest";
import { EventBus } from "../../server/events.ts";
import { PgRelay } from "../../server/store/postgres/notify.ts";
import { openPgStore } from "../../server/store/postgres/pg-store.ts";
import { postgresMissing, startCluster, type Cluster } from "../support/postgres.ts";
import { useStore } from "../server/helpers.ts";

const missing = postgresMissing();
if (missing) {
  describe.skip(`cycle on PostgreSQL (${missing})`, () => {
    it("needs PostgreSQL", () => undefined);
  });
} else {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });
  useStore({
    name: "PostgreSQL",
    async open() {
      const url = await cluster.createSchema("cycle");
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
  await import("./year.test.ts");
  await import("./roles.test.ts");
}
