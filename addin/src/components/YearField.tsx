// The year a finance tab is about (the overview, the cycle, the consolidated workbook, the
// disclosure): a short labelled box, this year to start with, read only once four digits are typed.
import { useState } from "react";
import type { T } from "../messages.ts";
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
