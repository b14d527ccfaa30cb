// Which Excel API sets the host offers. Every API above the manifest's floor (ExcelApi 1.7:
// volume-licensed Office 2019 has no more, docs/hosts.md) goes through this, so each operation can
// take its fallback; tests pass their own `Supports`. test/addin/requirement-sets.test.ts holds
// every member used to its API set from the type definitions.

export type Supports = (set: string, version: string) => boolean;

export const officeSupports: Supports = (set, version) => {
  try {
    if (typeof Office === "undefined") return false;
    return Office.context?.requirements?.isSetSupported(set, version) ?? false;
  } catch {
    return false;
  }
};

/** The floor the manifest asks for: everything this adapter calls unconditionally is in it. */
export const floor = { set: "ExcelApi", version: "1.7" } as const;
