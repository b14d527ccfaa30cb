// The parts of a finance tab: a titled card (Section) with a button beside its heading if it has one
// (refresh); a list in it that says so when it is empty (OrNone); a whole tab that explains itself (TabPage).
import { Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { paneStyles } from "../styles.ts";

const useStyles = makeStyles({
  ...paneStyles,
  card: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: "6px", display: "flex", flexDirection: "column", gap: "4px" },
  top: { justifyContent: "space-between", alignItems: "center" },
});

export function Section({ title, action, children, "data-testid": testId }: { title: ReactNode; action?: ReactNode; children?: ReactNode; "data-testid"?: string }) {
  const s = useStyles();
  return (
    <section className={s.card} data-testid={testId}>
      {action ? (
        <div className={mergeClasses(s.row, s.top)}>
          <Text className={s.h}>{title}</Text>
          {action}
        </div>
      ) : (
        <Text className={s.h}>{title}</Text>
      )}
      {children}
    </section>
  );
}

/** The items of a list, or one line in small print saying there are none. */
export function OrNone({ none, children }: { none: string; children: readonly ReactNode[] }) {
  const s = useStyles();
  return children.length === 0 ? <Text className={s.small}>{none}</Text> : <>{children}</>;
}

/** A whole tab that explains itself: its heading, the line under it saying what it is for, then what it holds. */
export function TabPage({ title, hint, children, "data-testid": testId }: { title: string; hint: string; children?: ReactNode; "data-testid"?: string }) {
  const s = useStyles();
  return (
    <div className={s.col} data-testid={testId}>
      <div className={s.h}>{title}</div>
      <Text className={s.small}>{hint}</Text>
      {children}
    </div>
  );
}
