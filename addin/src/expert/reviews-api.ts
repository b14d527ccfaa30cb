// Expert review's calls (docs/experts.md, docs/api.md), typed from the contract in shared/api.
import type { AssignmentDetail, AssignmentView, ReviewItem, ReviewView } from "../../../shared/api/experts.ts";
import type { AssignmentInput, Expert, SheetInput, Verdict } from "../../../shared/expert/review.ts";
import type { Api } from "../api.ts";

export type { AssignmentDetail, AssignmentView, ReviewItem, ReviewView };

export const reviewsApi = (api: Api) => ({
  experts: async (): Promise<Expert[]> => (await api.json<{ experts: Expert[] }>("GET", "/api/experts")).experts,
  addExpert: (e: Expert): Promise<Expert> => api.json("POST", "/api/experts", e),
  list: async (query: { year?: number } = {}): Promise<AssignmentView[]> =>
    (await api.json<{ assignments: AssignmentView[] }>("GET", `/api/reviews${query.year ? `?year=${query.year}` : ""}`)).assignments,
  assign: (input: AssignmentInput): Promise<AssignmentView> => api.json("POST", "/api/reviews", input),
  detail: (id: string): Promise<AssignmentDetail> => api.json("GET", `/api/reviews/${id}`),
  item: (id: string): Promise<ReviewItem> => api.json("GET", `/api/reviews/${id}/item`),
  save: (id: string, sheet: Partial<SheetInput>): Promise<ReviewView> => api.json("PUT", `/api/reviews/${id}/sheet`, sheet),
  submit: (id: string, sheet: Partial<SheetInput>): Promise<ReviewView> => api.json("POST", `/api/reviews/${id}/submit`, sheet),
  conclude: (id: string, verdict: Verdict, text: string): Promise<AssignmentView> => api.json("POST", `/api/reviews/${id}/conclusion`, { verdict, text }),
  /** a plan's or report's file */
  download: async (href: string): Promise<Blob> => {
    const res = await api.raw("GET", href);
    if (!res.ok) throw new Error(((await res.json().catch(() => undefined)) as { error?: { message?: string } } | undefined)?.error?.message ?? `HTTP ${res.status}`);
    return res.blob();
  },
});
export type ReviewsApi = ReturnType<typeof reviewsApi>;
