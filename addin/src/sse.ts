// Server-sent events over fetch: EventSource cannot send the Authorization header. Reconnects
// with a growing delay; stops when aborted, or when the token is refused (./refused.ts). Small on
// purpose: parse, dispatch, retry.
import { refused } from "./refused.ts";

export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/** Splits a text stream into events (per the EventSource format); returns the unparsed tail. */
export function parseSse(buffer: string, emit: (e: SseEvent) => void): string {
  const blocks = buffer.replace(/\r\n?/g, "\n").split("\n\n");
  const rest = blocks.pop() ?? "";
  for (const block of blocks) {
    let event = "message";
    const data: string[] = [];
    let id: string | undefined;
    for (const line of block.split("\n")) {
      if (line.startsWith(":") || line === "") continue;
      const i = line.indexOf(":");
      const field = i < 0 ? line : line.slice(0, i);
      const value = i < 0 ? "" : line.slice(i + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
      else if (field === "id") id = value;
    }
    if (data.length) emit({ event, data: data.join("\n"), ...(id ? { id } : {}) });
  }
  return rest;
}

export function subscribe(
  url: string,
  token: string,
  onEvent: (e: SseEvent) => void,
  onState: (connected: boolean) => void = () => undefined,
): () => void {
  const abort = new AbortController();
  let delay = 1000;
  const loop = async () => {
    while (!abort.signal.aborted) {
      try {
        const res = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: "text/event-stream" }, signal: abort.signal });
        if (res.status === 401) {
          refused();
          return;
        }
        if (!res.ok || !res.body) throw new Error(`events: ${res.status}`);
        onState(true);
        delay = 1000;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let revoked = false;
        let buf = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf = parseSse(buf + value, (e) => {
            if (e.event === "token.revoked") revoked = true;
            onEvent(e);
          });
          if (revoked) {
            refused();
            return;
          }
        }
      } catch {
        if (abort.signal.aborted) return;
      }
      onState(false);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 30_000);
    }
  };
  void loop();
  return () => abort.abort();
}
