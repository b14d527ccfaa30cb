// "Working…" for both sides of the pane: one action at a time is named while it runs, and what
// it throws goes to the side's own error display.
import { useCallback, useState } from "react";

export function useGuarded(fail: (err: unknown) => void) {
  const [busy, setBusy] = useState<string>();
  const guarded = useCallback(
    async (label: string, fn: () => Promise<void>) => {
      setBusy(label);
      try {
        await fn();
      } catch (err) {
        fail(err);
      } finally {
        setBusy(undefined);
      }
    },
    [fail],
  );
  return { busy, guarded };
}
