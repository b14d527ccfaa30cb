// Which Excel API sets the host offers. Every API above ExcelApi 1.8 goes through this, so each
// operation can take its fallback; tests pass their own `Supports`.

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
export const floor = { set: "ExcelApi", version: "1.8" } as const;
