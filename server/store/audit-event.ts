// One line of the audit log: who did what to which target, when. Its own file because the Store
// (store.ts) and the sub-stores that write audit lines with their records (documents.ts, the
// journal) both name it.
export interface AuditEvent {
  at: string;
  actor: string;
  action: string;
  target?: string;
  details?: Record<string, unknown>;
}
