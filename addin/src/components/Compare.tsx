// Two versions of a form side by side (a 409 between two panes): the lines that differ stand out.
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { FormInput } from "../../../shared/form.ts";
import { compareForms, type CompareLine } from "../conflict.ts";
import type { Lang, T } from "../messages.ts";
import { paneStyles } from "../styles.ts";

const useStyles = makeStyles({
  ...paneStyles,
  pre: { fontSize: tokens.fontSizeBase200, whiteSpace: "pre-wrap", margin: 0 },
  compare: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)", gap: "6px" },
  differs: { background: tokens.colorPaletteYellowBackground2, fontWeight: tokens.fontWeightSemibold },
});

export function Compare({ t, lang, mine, theirs, labels }: { t: T; lang: Lang; mine: FormInput; theirs?: FormInput | undefined; labels?: { mine: string; theirs: string } }) {
  const s = useStyles();
  const sides = compareForms(mine, theirs, t, lang);
  const column = (lines: CompareLine[]) =>
    lines.length ? (
      <ul className={s.list}>
        {lines.map((l, i) => (
          <li key={i} className={mergeClasses(s.pre, l.differs && s.differs)} data-differs={l.differs || undefined}>
            {l.text}
          </li>
        ))}
      </ul>
    ) : (
      <div className={s.pre}>—</div>
    );
  return (
    <div className={s.compare} data-testid="compare">
      <div>
        <b>{labels?.mine ?? t("mine")}</b>
        {column(sides.mine)}
      </div>
      <div>
        <b>{labels?.theirs ?? t("theirs")}</b>
        {column(sides.theirs)}
      </div>
    </div>
  );
}
