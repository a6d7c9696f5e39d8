/**
 * StorageClass parameters cannot change on an existing class: a GitOps sync of such a change fails days later.
 * GIVEN a committed dist/ WHEN the next synth changes an immutable field THEN synth warns with the fix (and still
 * writes, since a deliberate migration must be possible).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { CephRbdStorageClass, RookCluster, Site } from '../src';
import { synthApp } from '../src/pipeline/synth';
import { UPSTREAM } from './helpers';

function app(pool: string, allowVolumeExpansion = true): App {
  const a = new App();
  const site = new Site(a, 'lab', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
  const cluster = new RookCluster(site, 'cluster');
  cluster.addPool('pool-a', { replicated: { size: 3 } });
  cluster.addPool('pool-b', { replicated: { size: 3 } });
  new CephRbdStorageClass(site, 'block', { cluster, pool, allowVolumeExpansion });
  return a;
}

describe('GIVEN a committed StorageClass', () => {
  test('WHEN its pool parameter changes THEN synth warns that the field is immutable and says how to migrate', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-immutable-'));
    expect(synthApp(app('pool-a'), { outdir: out, upstreamDir: UPSTREAM }).warnings).toEqual([]);
    const r = synthApp(app('pool-b'), { outdir: out, upstreamDir: UPSTREAM });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/lab: StorageClass block: parameters changed, but the API server refuses/);
    expect(r.warnings[0]).toMatch(/fix: give the class a new name/);
    // written anyway: the warning is for the operator of the change
    expect(fs.readFileSync(path.join(out, 'lab/50-classes/storageclass_block.yaml'), 'utf8')).toMatch(/pool: pool-b/);
  });

  test('WHEN only a mutable field changes THEN there is no warning', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-immutable-'));
    synthApp(app('pool-a', true), { outdir: out, upstreamDir: UPSTREAM });
    expect(synthApp(app('pool-a', false), { outdir: out, upstreamDir: UPSTREAM }).warnings).toEqual([]);
  });
});
