// A token the server refuses (revoked by the admin, or never valid): any request that gets a 401
// and the event stream that hears `token.revoked` report it here, and the pane goes back to the
// sign-in screen saying why, instead of failing action by action.
const listeners = new Set<() => void>();

export function onRefused(fn: () => void): () => void {
  listeners.add(fn);
  return () => void listeners.delete(fn);
}

export function refused(): void {
  for (const fn of [...listeners]) fn();
}
