// The indicator picker: search by name, pinyin or initials; the project's field first; Enter picks
// the first hit. A pick goes into the indicator grid (useUnitForm.pick), never over other rows.
import { Input, MessageBar, MessageBarBody, Spinner, Text, makeStyles } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { fieldTerms, level1Terms, level2Terms } from "../../../shared/glossary.ts";
import { TermSelect } from "../components/TermSelect.tsx";
import type { Indicator } from "../../../shared/library.ts";
import type { Lang, T } from "../messages.ts";
import type { SearchIndex } from "../search.ts";
import { paneStyles } from "../styles.ts";

const useStyles = makeStyles(paneStyles);

export function PickerTab({ t, lang, index, projectField, onPick }: { t: T; lang: Lang; index?: SearchIndex | undefined; projectField?: string | undefined; onPick: (i: Indicator) => void }) {
  const s = useStyles();
  const [query, setQuery] = useState("");
  const [field, setField] = useState("");
  const [level1, setLevel1] = useState("");
  const [found, setFound] = useState<Indicator[]>([]);
  useEffect(() => {
    if (!index) return;
    let live = true;
    void import("../search.ts").then(({ search }) => {
      if (live) setFound(search(index, query, { ...(field ? { field } : {}), ...(level1 ? { level1 } : {}), ...(projectField ? { prefer: projectField } : {}) }, 40));
    });
    return () => {
      live = false;
    };
  }, [index, query, field, level1, projectField]);
  if (!index) return <Spinner size="tiny" />;
  return (
    <div className={s.col}>
      <Input
        placeholder={t("searchIndicators")}
        aria-label={t("searchIndicators")}
        value={query}
        onChange={(_, d) => setQuery(d.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && found[0]) {
            e.preventDefault();
            onPick(found[0]);
          }
        }}
        data-testid="search"
      />
      <div className={s.row}>
        <TermSelect terms={fieldTerms} lang={lang} any={t("anyField")} value={field} onChange={setField} style={{ flex: 1 }} aria-label={t("field")} data-testid="picker-field" />
        <TermSelect terms={level1Terms} lang={lang} any={t("anyLevel")} value={level1} onChange={setLevel1} style={{ flex: 1 }} aria-label={t("level1Filter")} data-testid="picker-level1" />
      </div>
      <Text className={s.small} role="status">
        {found.length} {t("results")}
        {projectField && !field && fieldTerms[projectField as keyof typeof fieldTerms] ? ` · ${t("projectFieldFirst", { field: fieldTerms[projectField as keyof typeof fieldTerms][lang] })}` : ""}
      </Text>
      {found.length === 0 && (
        <MessageBar intent="info" data-testid="no-results">
          <MessageBarBody>{t("noResults")}</MessageBarBody>
        </MessageBar>
      )}
      <ul className={s.list} data-testid="results">
        {found.map((ind) => (
          <li key={ind.code}>
            <button className={s.item} onClick={() => onPick(ind)} title={ind.explanation ?? ""} data-code={ind.code}>
              <div>
                <b>{ind.name}</b> {ind.unit ? <span className={s.small}>({ind.unit})</span> : null}
              </div>
              <div className={s.small}>
                {level1Terms[ind.level1][lang]} › {level2Terms[ind.level2][lang]}
                {ind.range && (ind.range.min !== undefined || ind.range.max !== undefined) ? ` · ${ind.range.min ?? ""}–${ind.range.max ?? ""}` : ""} · {t("insertRow")}
              </div>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
