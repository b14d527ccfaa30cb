// A server-sent events response read into text as it arrives, for the tests of GET /api/events.
/** Reads `res`'s body; `until(pred)` waits until the text so far satisfies `pred` (or the time runs out). */
export function sseReader(res: Response) {
  const r = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  return {
    get text() {
      return text;
    },
    async until(pred: (t: string) => boolean, ms = 15_000): Promise<string> {
      const deadline = Date.now() + ms;
      while (!pred(text)) {
        if (Date.now() > deadline) throw new Error(`timed out; got:\n${text}`);
        const chunk = await Promise.race([r.read(), new Promise<null>((ok) => setTimeout(() => ok(null), Math.max(0, deadline - Date.now())))]);
        if (chunk === null) continue;
        if (chunk.done) break;
        text += decoder.decode(chunk.value, { stream: true });
      }
      return text;
    },
    cancel: () => r.cancel(),
  };
}
