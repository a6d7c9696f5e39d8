/** `npm run bench` row: `plan` on 100 sites (each a dc1-local copy with a pool size change) against a committed dist. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, JsonPatch } from 'cdk8s';
import { dc1Local } from '../sites/dc1-local';
import { synthApp } from '../pipeline/synth';
import { planApp } from '../pipeline/plan';

export function benchPlan(sites: number): { sites: number; changes: number; seconds: number } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-bench-plan-'));
  const build = (change: boolean) => {
    const app = new App();
    const s = dc1Local(app);
    if (change) s.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && c.kind === 'CephBlockPool' && c.name === 'replicapool').forEach((o) => o.addJsonPatch(JsonPatch.replace('/spec/replicated/size', 2)));
    return app;
  };
  for (let i = 0; i < sites; i++) synthApp(build(false), { outdir: path.join(base, String(i)) });
  const t0 = process.hrtime.bigint();
  let changes = 0;
  for (let i = 0; i < sites; i++) changes += planApp(build(true), { distDir: path.join(base, String(i)) }).sites.reduce((n, s) => n + s.changes.length, 0);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  fs.rmSync(base, { recursive: true, force: true });
  return { sites, changes, seconds };
}
