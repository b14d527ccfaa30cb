// Events across servers on one database: LISTEN/NOTIFY on one dedicated connection (a pooled
// connection would be handed back and stop listening). Each server tags what it sends with its
// own id and ignores its own notifications, since its bus has already delivered them locally.
// Payloads stay small (PostgreSQL's limit is 8000 bytes): events carry keys and counts, never
// forms; a library note long enough to overflow is shortened.
//
// NOTIFY is delivered only to sessions listening at the time: while the connection is down
// (database restart) events from other servers are missed; it reconnects with a backoff, and the
// task pane reloads what it shows when its own stream reconnects.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { serverEventTypes, type EventRelay, type ServerEvent } from "../../announce.ts";

export const CHANNEL = "jixiao_events";

/** NOTIFY reaches the whole database: a store kept in another schema than `public` gets its own channel. */
export function channelFor(schema: string): string {
  return schema === "public" ? CHANNEL : `${CHANNEL}_${schema}`;
}
const MAX_PAYLOAD = 7900;

interface Envelope {
  o: string;
  e: ServerEvent;
}

function isEvent(x: unknown): x is ServerEvent {
  const e = x as ServerEvent | undefined;
  return (serverEventTypes as readonly string[]).includes(e?.type ?? "") && typeof e!.data === "object" && e!.data !== null;
}

/** The JSON sent for `e`, shortened to fit a NOTIFY payload. */
export function payloadOf(origin: string, e: ServerEvent): string {
  let text = JSON.stringify({ o: origin, e } satisfies Envelope);
  if (Buffer.byteLength(text) <= MAX_PAYLOAD) return text;
  if (e.type === "notice.overdue") {
    // Finance's overdue event lists every missing form: past the limit the list is cut (the counts
    // stay whole); the full list is in GET /api/notices/:id.
    let missing = e.data.missing;
    while (Buffer.byteLength(text) > MAX_PAYLOAD && missing.length > 0) {
      missing = missing.slice(0, Math.floor(missing.length * 0.8));
      text = JSON.stringify({ o: origin, e: { ...e, data: { ...e.data, missing } } } satisfies Envelope);
    }
    return text;
  }
  if (e.type !== "library.published") return text;
  let note = e.data.note;
  while (Buffer.byteLength(text) > MAX_PAYLOAD && note.length > 0) {
    note = note.slice(0, Math.floor(note.length * 0.8));
    text = JSON.stringify({ o: origin, e: { ...e, data: { ...e.data, note: `${note}…` } } } satisfies Envelope);
  }
  return text;
}

export class PgRelay implements EventRelay {
  readonly origin = randomUUID();
  private client: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  /** The notifications sent so far, each after the one before it (send); never rejects. */
  private sending: Promise<unknown> = Promise.resolve();
  private channel = CHANNEL;
  private deliver: (e: ServerEvent) => void = () => undefined;

  constructor(
    private readonly url: string,
    private readonly log: (message: string) => void = (m) => process.stderr.write(`jixiao: events: ${m}\n`),
  ) {}

  /** Connects and LISTENs; resolves once this server hears the others. */
  async listen(deliver: (e: ServerEvent) => void): Promise<void> {
    this.deliver = deliver;
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: "jixiao-events" });
    client.on("notification", (msg) => {
      if (msg.channel !== this.channel || !msg.payload) return;
      let env: Envelope;
      try {
        env = JSON.parse(msg.payload) as Envelope;
      } catch {
        return;
      }
      if (env.o === this.origin || !isEvent(env.e)) return;
      this.deliver(env.e);
    });
    const lost = (why: string) => {
      if (this.client !== client) return;
      this.client = null;
      client.end().catch(() => undefined);
      if (this.closed) return;
      this.log(`connection lost (${why}); reconnecting`);
      this.reconnect(500);
    };
    client.on("error", (err) => lost(err.message));
    client.on("end", () => lost("ended"));
    await client.connect();
    const { rows } = await client.query<{ schema: string | null }>("SELECT current_schema() AS schema");
    this.channel = channelFor(rows[0]?.schema ?? "public");
    await client.query(`LISTEN ${client.escapeIdentifier(this.channel)}`);
    this.client = client;
  }

  private reconnect(ms: number): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.connect().catch((err: Error) => {
        this.log(`cannot reconnect: ${err.message}`);
        this.reconnect(Math.min(ms * 2, 10_000));
      });
    }, ms);
    this.retry.unref();
  }

  send(e: ServerEvent): void {
    const client = this.client;
    if (!client) {
      if (!this.closed) this.log(`not connected: ${e.type} not sent to the other servers`);
      return;
    }
    // One connection, one query at a time: notifications leave in the order they were published,
    // each sent once the one before it is answered (node-postgres warns when a query is sent while
    // another runs on the connection, and says its next major version will not queue them).
    const channel = this.channel;
    const payload = payloadOf(this.origin, e);
    this.sending = this.sending.then(() => client.query("SELECT pg_notify($1, $2)", [channel, payload])).catch((err: Error) => this.log(`notify failed: ${err.message}`));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    // the notifications published before the close are sent first
    await this.sending;
    await client?.end().catch(() => undefined);
  }
}
