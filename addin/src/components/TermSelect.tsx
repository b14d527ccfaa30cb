// A select over a fixed set of choices, each shown in the pane's language: the glossary's terms
// (shared/glossary.ts: kinds, fields, levels, statuses) with TermSelect, or a few choices the pane
// names in its own words (messages.ts: a token's role, the review list's order) with WordSelect.
// Optionally a first empty option leaves a filter open ("all kinds"). Every picker of a fixed set
// in the pane is one of these.
import { Select, type SelectProps } from "@fluentui/react-components";
import type { ReactNode } from "react";
import type { Term } from "../../../shared/glossary.ts";
import type { Lang, MessageKey, T } from "../messages.ts";

interface ChoiceProps<K extends string> extends Omit<SelectProps, "value" | "onChange" | "children"> {
  value: string;
  onChange: (value: NoInfer<K>) => void;
  /** a first option with the value "" and this label */
  any?: string;
  /** options after the choices (a value the table does not know, kept as it is) */
  children?: ReactNode;
}

function ChoiceSelect<K extends string>({ keys, label, value, onChange, any, children, ...rest }: ChoiceProps<K> & { keys: readonly K[]; label: (key: K) => string }) {
  return (
    <Select value={value} onChange={(_, d) => onChange(d.value as K)} {...rest}>
      {any !== undefined && <option value="">{any}</option>}
      {keys.map((k) => (
        <option key={k} value={k}>
          {label(k)}
        </option>
      ))}
      {children}
    </Select>
  );
}

export interface TermSelectProps<K extends string> extends ChoiceProps<K> {
  terms: Readonly<Record<K, Term>>;
  /** the keys in the order shown; all of `terms`' keys by default */
  keys?: readonly K[];
  lang: Lang;
}

export function TermSelect<K extends string>({ terms, keys, lang, ...rest }: TermSelectProps<K>) {
  return <ChoiceSelect keys={keys ?? (Object.keys(terms) as K[])} label={(k) => terms[k][lang]} {...rest} />;
}

export interface WordSelectProps<K extends string> extends ChoiceProps<K> {
  /** each choice and the message naming it, in the order shown */
  words: Readonly<Record<K, MessageKey>>;
  t: T;
}

export function WordSelect<K extends string>({ words, t, ...rest }: WordSelectProps<K>) {
  return <ChoiceSelect keys={Object.keys(words) as K[]} label={(k) => t(words[k])} {...rest} />;
}
