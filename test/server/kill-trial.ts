// The kill -9 trials (serve.test.ts on a data folder, postgres-servers.test.ts on a database) share
// these: a unit's burst of saves against a served jixiao, each acknowledged revision remembered,
// and the check that every stored revision has its audit event.
import { expect } from "vitest";
import { demoForm } from "../../server/demo-form.ts";
import type { Store } from "../../server/store/store.ts";

export interface Saver {
  /** Each project's last acknowledged revision. */
  acked: Map<string, number>;
  /** Saves the project's target form (a new one without `ifMatch`); its revision once acknowledged. */
  put(project: string, ifMatch?: number): Promise<number>;
}

export function saver(url: string, token: string, unit: { code: string; name: string }, year: number): Saver {
  const acked = new Map<string, number>();
  const put = async (project: string, ifMatch?: number) => {
    const form = demoForm("target", { year, unit, project: { code: project, name: `压测 ${project}` } });
    const res = await fetch(`${url}/api/submissions/${year}/${unit.code}/${project}/target`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...(ifMatch ? { "if-match": `"${ifMatch}"` } : {}) },
      body: JSON.stringify(form),
    });
    expect(res.status).toBeLessThan(300);
    const body = (await res.json()) as { revision: number };
    acked.set(project, body.revision);
    return body.revision;
  };
  return { acked, put };
}

/** New forms for `projects`, 8 at a time, then 3 more revisions of each of the first `again`. */
export async function burst(s: Saver, projects: readonly string[], again: number): Promise<void> {
  for (let i = 0; i < projects.length; i += 8) await Promise.all(projects.slice(i, i + 8).map((p) => s.put(p)));
  await Promise.all(
    projects.slice(0, again).map(async (p) => {
      let rev = s.acked.get(p)!;
      for (let k = 0; k < 3; k++) rev = await s.put(p, rev);
    }),
  );
}

/** Every stored revision of the unit's target forms has its `submission.save` audit event; returns how many revisions there are. */
export async function expectEveryRevisionAudited(store: Store, unit: string, year: number): Promise<number> {
  const saves = new Set((await store.findAudit({ actions: ["submission.save"] })).map((e) => `${e.target}@${(e.details as { revision: number }).revision}`));
  let revisions = 0;
  for (const m of await store.listSubmissions({ unit, year })) {
    for (const r of await store.listRevisions(m.key)) {
      revisions++;
      expect(saves.has(`${year}/${unit}/${m.key.project}/target@${r.revision}`), `${m.key.project}@${r.revision}`).toBe(true);
    }
  }
  return revisions;
}
