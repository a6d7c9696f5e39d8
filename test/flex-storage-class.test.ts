/** FlexStorageClass and FlexMigrationNote (src/rook/flex-storage-class.ts): the legacy flex block class and its CSI migration note. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { CephRbdStorageClass, FlexStorageClass, FlexVolume, RookCluster, Site } from '../src';
import { renderSite, synthApp as synthAppRaw } from '../src/pipeline/synth';
import { configError, expectHelpful, findManifest, newSite, synthError, UPSTREAM } from './helpers';

const site17 = (props = {}) => newSite({ kubernetesVersion: '1.19.0', rookVersion: '1.7.11', ...props });

const site12 = (props = {}) => newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.2.7', ...props });

const artifact = (site: Site, p: string) => renderSite(site).files.find((f) => f.path === p)?.content;

function synthApp(app: App) {
  return synthAppRaw(app, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gs-out-')), upstreamDir: UPSTREAM });
}

describe('GIVEN FlexStorageClass', () => {
  test('WHEN it names a replicated pool THEN it emits exactly blockPool, clusterNamespace and fstype for ceph.rook.io/block', () => {
    const { site } = site17();
    const pool = new RookCluster(site, 'cluster', { namespace: 'ceph-a' }).addPool('replicapool', { replicated: { size: 3 } });
    new FlexVolume(site, 'flex', { platform: 'kubelet-default' });
    new FlexStorageClass(site, 'rook-ceph-block', { pool });
    const sc = findManifest(site, 'StorageClass', 'rook-ceph-block');
    expect(sc.provisioner).toBe('ceph.rook.io/block');
    expect(sc.parameters).toEqual({ blockPool: 'replicapool', clusterNamespace: 'ceph-a', fstype: 'ext4' });
    expect(sc.allowVolumeExpansion).toBe(true);
  });

  test('WHEN an EC pair is given THEN dataBlockPool names the EC pool and blockPool the replicated one', () => {
    const { site } = site17();
    const cluster = new RookCluster(site, 'cluster');
    const meta = cluster.addPool('replicated-metadata-pool', { replicated: { size: 2 } });
    const data = cluster.addPool('ec-data-pool', { erasureCoded: { dataChunks: 2, codingChunks: 1 } });
    new FlexVolume(site, 'flex', { platform: 'kubelet-default' });
    new FlexStorageClass(site, 'ec', { pool: meta, dataPool: data });
    expect(findManifest(site, 'StorageClass', 'ec').parameters).toEqual({ blockPool: 'replicated-metadata-pool', dataBlockPool: 'ec-data-pool', clusterNamespace: 'rook-ceph', fstype: 'ext4' });
  });

  test('WHEN flex and CSI classes sit side by side on 1.7 THEN the site validates and the migration note shows the CSI twin', () => {
    const { app, site } = site17();
    const cluster = new RookCluster(site, 'cluster', { mon: { count: 1 } });
    const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
    const other = cluster.addPool('other', { replicated: { size: 3 } });
    new FlexVolume(site, 'flex', { platform: 'kubespray' });
    new FlexStorageClass(site, 'flex-block', { pool });
    new FlexStorageClass(site, 'flex-other', { pool: other });
    new CephRbdStorageClass(site, 'csi-block', { pool, isDefault: true });
    expect(() => synthApp(app)).not.toThrow();
    const note = artifact(site, 'notes/flex-to-csi-migration.md')!;
    expect(note).toMatch(/\| `flex-block` \| rook-ceph \| replicapool \| `csi-block` \|/);
    expect(note).toMatch(/\| `flex-other` \| rook-ceph \| other \| \*\*none/);
    expect(note).toMatch(/1 flex class\(es\) have no CSI twin yet: `flex-other`/);
  });

  test('WHEN the site runs Rook 1.2 THEN no migration note is written (it is for 1.7 sites)', () => {
    const { site } = site12();
    const pool = new RookCluster(site, 'cluster').addPool('replicapool', { replicated: { size: 3 } });
    new FlexVolume(site, 'flex', { platform: 'kubelet-default' });
    new FlexStorageClass(site, 'flex-block', { pool });
    expect(artifact(site, 'notes/flex-to-csi-migration.md')).toBeUndefined();
  });
});

describe('GIVEN bad FlexVolume input', () => {
  test('WHEN a FlexStorageClass is used on Rook 1.20 THEN it is rejected and names 1.7.x as the last version with it', () => {
    const { site } = newSite();
    const pool = new RookCluster(site, 'cluster').addPool('replicapool', { replicated: { size: 3 } });
    const e = configError(() => new FlexStorageClass(site, 'flex', { pool }));
    expectHelpful(e.message, { path: 'test-site/flex', value: '1.20.6', allowed: /v1\.7\.11/, fix: /1\.7\.x .* is the last release with FlexVolume/ });
  });

  test('WHEN a flex StorageClass gets an unknown parameter THEN it is rejected, naming the four the provisioner accepts', () => {
    const { site } = site17();
    const pool = new RookCluster(site, 'cluster').addPool('replicapool', { replicated: { size: 3 } });
    const e = configError(() => new FlexStorageClass(site, 'flex', { pool, parameters: { imageFeatures: 'layering' } }));
    expectHelpful(e.message, { path: 'test-site/flex: parameters.imageFeatures', value: 'imageFeatures', allowed: /blockPool .*clusterNamespace .*fstype .*dataBlockPool/, fix: /remove parameters\.imageFeatures/ });
    expect(e.message).toMatch(/CSI parameter: use CephRbdStorageClass/);
    const e2 = configError(() => new FlexStorageClass(site, 'flex2', { pool, parameters: { mountUser: 'client.a' } }));
    expect(e2.message).toMatch(/per-volume attach options/);
    const e3 = configError(() => new FlexStorageClass(site, 'flex3', { pool, parameters: { BlockPool: 'x' } }));
    expectHelpful(e3.message, { path: 'test-site/flex3: parameters.BlockPool', fix: /set pool/ });
  });

  test('WHEN a flex class names a pool not in the site THEN synth fails, lists the pools, and nothing is written', () => {
    const { app, site } = site17();
    const cluster = new RookCluster(site, 'cluster', { mon: { count: 1 } });
    cluster.addPool('replicapool', { replicated: { size: 3 } });
    new FlexVolume(site, 'flex', { platform: 'kubespray' });
    new FlexStorageClass(site, 'block', { cluster, pool: 'replicapol' });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-out-'));
    const e = synthError(app, out);
    expectHelpful(e.message, { path: 'test-site/block: pool', value: 'replicapol', allowed: /"replicapool"/, fix: /addPool/ });
    expect(e.message).toMatch(/blockPool/);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  test('WHEN a flex class puts the EC pool in blockPool THEN synth fails with the replicated pools as the choice', () => {
    const { app, site } = site17();
    const cluster = new RookCluster(site, 'cluster', { mon: { count: 1 } });
    cluster.addPool('meta', { replicated: { size: 3 } });
    const data = cluster.addPool('data', { erasureCoded: { dataChunks: 2, codingChunks: 1 } });
    new FlexVolume(site, 'flex', { platform: 'kubespray' });
    new FlexStorageClass(site, 'block', { pool: data });
    expectHelpful(synthError(app).message, { path: 'test-site/block: pool', value: 'data', allowed: '"meta"', fix: /dataPool: "data"/ });
  });

  test('WHEN a flex class exists but the site has no enabled FlexVolume THEN synth fails (the provisioner never starts)', () => {
    const { app, site } = site17();
    const pool = new RookCluster(site, 'cluster', { mon: { count: 1 } }).addPool('replicapool', { replicated: { size: 3 } });
    new FlexStorageClass(site, 'block', { pool });
    expectHelpful(synthError(app).message, { path: 'test-site/block', allowed: /FlexVolume construct with enabled: true/, fix: /new FlexVolume/ });
  });
});
