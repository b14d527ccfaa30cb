// What a finance tab reads from the server (a year's notices and rectification items, its drafts
// and handovers, the units and tokens, the experts and assignments, the overview): asked for when
// the tab opens, again whenever what it depends on changes (a year typed, the server reporting a
// change), and on `reload` (the refresh button, after the tab's own action). The request runs under
// the pane's guard, so the spinner shows and a failure reaches the notice line like any other.
import { useCallback, useEffect, useRef, useState, type DependencyList } from "react";
import type { FinanceTabProps } from "./tab.ts";

export interface TabData<V> {
  /** undefined until the first answer */
  data: V | undefined;
  /** asks again; for an action's own guard to await (a failure is the action's) */
  reload: () => Promise<void>;
}

/**
 * `read` returns undefined when there is nothing to ask yet (a year half typed): what is shown
 * stays. `deps` are what `read` depends on. When questions overlap, the last one asked wins.
 */
export function useTabData<V>(label: string, guarded: FinanceTabProps["guarded"], read: () => Promise<V> | undefined, deps: DependencyList): TabData<V> {
  const [data, setData] = useState<V>();
  const asked = useRef(0);
  const reload = useCallback(async () => {
    const answer = read();
    if (!answer) return;
    const n = ++asked.current;
    const value = await answer;
    if (n === asked.current) setData(() => value);
  }, deps);
  useEffect(() => {
    void guarded(label, reload);
  }, [reload]);
  return { data, reload };
}
