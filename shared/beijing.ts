// The bureau's day is Beijing's (UTC+8, no daylight saving): deadlines end at 24:00 there, and
// "paid to date" or "figures as of" name a Beijing calendar day (docs/treasury.md).
export const BEIJING_OFFSET_MS = 8 * 3600_000;

/** An instant as the bureau reads it: Beijing time to the minute, `YYYY-MM-DD HH:MM`; a text that is not a time, as it is. */
export function beijingMinute(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace("T", " ");
}

/** The Beijing calendar day of an instant, `YYYY-MM-DD`. */
export function beijingDay(at: Date | number): string {
  return new Date((typeof at === "number" ? at : at.getTime()) + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}
