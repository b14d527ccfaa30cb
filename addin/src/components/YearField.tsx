// The year a finance tab is about (the overview, the cycle, the consolidated workbook, the
// disclosure): a short labelled box, this year to start with, read only once four digits are typed;
// beside it, where the tab is about forms, a form kind or all of them.
import { Field } from "@fluentui/react-components";
import { useState } from "react";
import { formKinds, kindTerms, type FormKind } from "../../../shared/glossary.ts";
import type { Lang, T } from "../messages.ts";
import { TermSelect } from "./TermSelect.tsx";
import { TextField } from "./TextField.tsx";

/** The year typed, as a number once it is four digits; undefined while it is half typed. */
export function typedYear(text: string): number | undefined {
  return /^\d{4}$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

/** The text of the year box, starting at this year. */
export function useYearText() {
  return useState(String(new Date().getFullYear()));
}

export function YearField({ t, value, onChange, "data-testid": testId }: { t: T; value: string; onChange: (year: string) => void; "data-testid": string }) {
  return <TextField label={t("year")} value={value} onChange={onChange} style={{ width: 80, minWidth: 0 }} data-testid={testId} />;
}

/** The year and one form kind, or "" for all kinds. `data-testid` names the pair: `<name>-year` and `<name>-kind`. */
export function YearAndKind(props: { t: T; lang: Lang; year: string; onYear: (year: string) => void; kind: FormKind | ""; onKind: (kind: FormKind | "") => void; "data-testid": string }) {
  const { t, lang, "data-testid": name } = props;
  return (
    <>
      <YearField t={t} value={props.year} onChange={props.onYear} data-testid={`${name}-year`} />
      <Field label={t("kind")} style={{ flex: 1 }}>
        <TermSelect terms={kindTerms} keys={formKinds} lang={lang} any={t("allKinds")} value={props.kind} onChange={props.onKind} data-testid={`${name}-kind`} />
      </Field>
    </>
  );
}
