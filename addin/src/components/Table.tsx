// The pane's tables of figures and lists (the finance tabs' units, tokens, notices' items,
// assessment, overview figures, revisions, the disclosure preview): a header row when the columns
// have headings, a row per item, and one look (thin rules, small print, figures to the right).
// A column says what its cell shows; the table writes the rows, so no tab writes <tr>/<td> again.
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { HTMLAttributes, Key, ReactNode } from "react";

const useStyles = makeStyles({
  table: {
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase200,
    width: "100%",
    "& td, & th": { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, padding: "2px 4px", textAlign: "left", verticalAlign: "top" },
    "& td.figure, & th.figure": { textAlign: "right" },
  },
  scroll: { overflowX: "auto", maxHeight: "40vh", overflowY: "auto" },
});

export interface Column<R> {
  /** the heading; the table has a header row when any column has one ("" for an empty heading) */
  head?: ReactNode;
  /** a figure: right-aligned, heading and cells */
  figure?: boolean;
  cell: (row: R) => ReactNode;
  /** a class for the cell in a given row (e.g. a figure shown in red) */
  className?: (row: R) => string | undefined;
}

/** What a row carries besides its cells: data-* attributes for tests, a class (e.g. a revoked token dimmed). */
type RowAttributes = HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | number | undefined };

export interface TableProps<R> {
  columns: readonly (Column<R> | false)[];
  rows: readonly R[];
  rowKey: (row: R, index: number) => Key;
  row?: (row: R) => RowAttributes;
  /** in a box of its own that scrolls (a long list) */
  scroll?: boolean;
  "data-testid"?: string;
}

export function Table<R>({ columns, rows, rowKey, row, scroll, "data-testid": testId }: TableProps<R>) {
  const s = useStyles();
  const cols = columns.filter((c): c is Column<R> => c !== false);
  const table = (
    <table className={s.table} data-testid={testId}>
      {cols.some((c) => c.head !== undefined) && (
        <thead>
          <tr>
            {cols.map((c, i) => (
              <th key={i} className={c.figure ? "figure" : undefined}>
                {c.head}
              </th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>
        {rows.map((r, n) => (
          <tr key={rowKey(r, n)} {...row?.(r)}>
            {cols.map((c, i) => (
              <td key={i} className={mergeClasses(c.figure && "figure", c.className?.(r)) || undefined}>
                {c.cell(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return scroll ? <div className={s.scroll}>{table}</div> : table;
}
