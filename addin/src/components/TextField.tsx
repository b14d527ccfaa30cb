// A labelled text box bound to a string: one line (Input, a date with type="date") or, with
// `multiline`, several (Textarea). Every form field of the pane that edits one string is one of these.
import { Field, Input, Textarea, type InputProps, type TextareaProps } from "@fluentui/react-components";
import type { CSSProperties } from "react";

export interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  /** one-line only: "date", "password"… */
  type?: InputProps["type"];
  /** multiline only */
  resize?: TextareaProps["resize"];
  size?: InputProps["size"] & TextareaProps["size"];
  name?: string;
  style?: CSSProperties;
  "data-testid"?: string;
}

export function TextField({ label, value, onChange, multiline, type, resize, ...rest }: TextFieldProps) {
  return (
    <Field label={label}>
      {multiline ? (
        <Textarea value={value} onChange={(_, d) => onChange(d.value)} resize={resize} {...rest} />
      ) : (
        <Input type={type} value={value} onChange={(_, d) => onChange(d.value)} {...rest} />
      )}
    </Field>
  );
}
