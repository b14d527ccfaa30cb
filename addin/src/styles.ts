// The look both sides of the pane share (bars, columns, rows, lists of clickable items, small
// print, headings), so the unit's side and finance's side read as one tool.
import { tokens } from "@fluentui/react-components";

export const paneStyles = {
  bar: { display: "flex", flexWrap: "wrap", gap: "6px", alignItems: "center", paddingBottom: "6px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  col: { display: "flex", flexDirection: "column", gap: "8px" },
  row: { display: "flex", gap: "6px", alignItems: "end", flexWrap: "wrap" },
  list: { display: "flex", flexDirection: "column", gap: "2px", margin: 0, padding: 0, listStyleType: "none" },
  item: {
    display: "block",
    width: "100%",
    textAlign: "left",
    padding: "4px 6px",
    border: "none",
    borderRadius: "4px",
    background: "transparent",
    color: "inherit",
    cursor: "pointer",
    font: "inherit",
    ":hover": { background: tokens.colorNeutralBackground1Hover },
  },
  small: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  /** a figure or word that needs action (missing forms, an overdue item) */
  bad: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  h: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400, margin: "6px 0 2px" },
} as const;
