// A select over one of the glossary's tables (shared/glossary.ts): an option per term, in the
// pane's language, optionally after a first empty option that leaves a filter open ("all kinds").
// Every kind, field, level or status picker in the pane is one of these.
import { Select, type SelectProps } from "@fluentui/react-components";
import type { ReactNode } from "react";
import type { Term } from "../../../shared/glossary.ts";
import type { Lang } from "../messages.ts";

export interface TermSelectProps<K extends string> extends Omit<SelectProps, "value" | "onChange" | "children"> {
  terms: Readonly<Record<K, Term>>;
  /** the keys in the order shown; all of `terms`' keys by default */
  keys?: readonly K[];
  lang: Lang;
  value: string;
  onChange: (value: NoInfer<K>) => void;
  /** a first option with the value "" and this label */
  any?: string;
  /** options after the terms (a value the table does not know, kept as it is) */
  children?: ReactNode;
}

export function TermSelect<K extends string>({ terms, keys, lang, value, onChange, any, children, ...rest }: TermSelectProps<K>) {
  return (
    <Select value={value} onChange={(_, d) => onChange(d.value as K)} {...rest}>
      {any !== undefined && <option value="">{any}</option>}
      {(keys ?? (Object.keys(terms) as K[])).map((k) => (
        <option key={k} value={k}>
          {terms[k][lang]}
        </option>
      ))}
      {children}
    </Select>
  );
}
