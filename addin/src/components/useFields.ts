// The fields of one of the pane's forms (a notice to issue, a rectification item to open, a draft
// to send, a unit to add): one state for all of them, each field bound to its box by name, and
// cleared together once the form has been sent.
import { useCallback, useMemo, useState } from "react";

export interface Fields<F extends object> {
  values: F;
  /** `value` and `onChange` for a TextField or a TermSelect */
  bind: <K extends keyof F>(key: K) => { value: F[K]; onChange: (value: F[K]) => void };
  set: <K extends keyof F>(key: K, value: F[K]) => void;
  /** several at once (a unit picked for editing) */
  fill: (values: Partial<F>) => void;
  /** back to the starting values: the keys named, or all */
  reset: (...keys: (keyof F)[]) => void;
}

export function useFields<F extends object>(start: F): Fields<F> {
  const [values, setValues] = useState(start);
  const [initial] = useState(start);
  const set = useCallback(<K extends keyof F>(key: K, value: F[K]) => setValues((v) => ({ ...v, [key]: value })), []);
  const fill = useCallback((more: Partial<F>) => setValues((v) => ({ ...v, ...more })), []);
  const reset = useCallback(
    (...keys: (keyof F)[]) => setValues((v) => (keys.length === 0 ? initial : { ...v, ...Object.fromEntries(keys.map((k) => [k, initial[k]])) })),
    [initial],
  );
  return useMemo(() => {
    const bind = <K extends keyof F>(key: K) => ({ value: values[key], onChange: (value: F[K]) => set(key, value) });
    return { values, bind, set, fill, reset };
  }, [values, set, fill, reset]);
}
