// A PostgreSQL URL as the command line sees it: told apart from a data folder, and printed without
// its password. Kept apart from pg-store.ts so that a server on a data folder does not load the
// PostgreSQL client at start-up (docs/storage.md, "Start-up").

export function isPostgresUrl(s: string | undefined): s is string {
  return s !== undefined && /^postgres(ql)?:\/\//i.test(s);
}

/** The URL with its password hidden, for printing. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ":***@");
  }
}
