// "What was read" for the sheet the check read: the kind and where it came from, which label was
// read from which cell into which field, and which rows were passed over — the same words as
// `jixiao validate --explain` (shared/sheet/explain-text.ts). Closed at first: a clerk opens it
// when a county layout was not read as expected.
import { ToggleButton, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { explainText } from "../../../shared/sheet/explain-text.ts";
import type { Explanation } from "../../../shared/sheet/parse.ts";
import type { Lang } from "../messages.ts";
import { paneStyles } from "../styles.ts";

const useStyles = makeStyles({
  ...paneStyles,
  line: { fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere", padding: "1px 6px" },
});

const words = { zh: { show: "读取情况", hide: "收起读取情况" }, en: { show: "What was read", hide: "Hide what was read" } } as const;

export function WhatWasRead({ sheet, explain, lang }: { sheet: string; explain: Explanation; lang: Lang }) {
  const s = useStyles();
  const [open, setOpen] = useState(false);
  const text = open ? explainText(sheet, explain, lang, { withSheet: false }) : undefined;
  return (
    <div className={s.col} data-testid="what-was-read">
      <ToggleButton size="small" appearance="subtle" checked={open} onClick={() => setOpen(!open)} aria-expanded={open}>
        {open ? words[lang].hide : words[lang].show}
      </ToggleButton>
      {text && (
        <div>
          <div className={s.small}>{text.head}</div>
          {text.sections.map((section) => (
            <section key={section.title} aria-label={section.title}>
              <div className={s.h}>{section.title}</div>
              <ul className={s.list}>
                {section.lines.map((line, i) => (
                  <li key={i} className={s.line}>
                    {line}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
