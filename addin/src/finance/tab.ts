// What FinancePane hands each tab of the finance side: the words, the language and the server, and
// the pane's one busy flag, its guard around a request (a spinner, errors shown) and its notice line.
import type { Api } from "../api.ts";
import type { Lang, T } from "../messages.ts";

/** The line under the tabs: what just happened, or what went wrong. */
export interface Notice {
  intent: "success" | "error" | "warning" | "info";
  text: string;
}

export interface FinanceTabProps {
  t: T;
  lang: Lang;
  api: Api;
  busy: boolean;
  guarded: (label: string, fn: () => Promise<void>) => Promise<void>;
  notify: (n: Notice | undefined) => void;
}

/** The cycle tab and the opinions section inside it. */
export interface CycleProps extends FinanceTabProps {
  /** bumped when the server reports a notice, deadline or rectification change */
  version: number;
}
