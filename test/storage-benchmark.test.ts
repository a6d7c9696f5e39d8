/**
 * Issue 12 part 7: StorageBenchmark — fio against one StorageClass of the site, a PVC + a Job in the tools layer,
 * created suspended so no sync runs it, results in `kubectl logs job/<name>`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { CephRbdStorageClass, GitOpsProps, RookCluster, Site, StorageBenchmark, synthApp, TopoLVM, TopoLVMStorageClass } from '../src';
import { FIO_TESTS } from '../src/kubernetes/storage-benchmark';
import { renderSite } from '../src/pipeline/synth';
import { dc1Local } from '../src/sites/dc1-local';
import { configError, expectHelpful, newSite, UPSTREAM } from './helpers';

const REPO = 'https://git.example.com/platform/storage.git';

/** The RBD class of the site named `name`, wherever it sits in the tree (dc1-local adds it with pool.addStorageClass). */
function classOf(site: Site, name: string): CephRbdStorageClass {
  const found = site.node.findAll().filter((c): c is CephRbdStorageClass => c instanceof CephRbdStorageClass && c.storageClassName === name);
  expect(found).toHaveLength(1);
  return found[0];
}

function files(site: Site): Map<string, any> {
  return new Map(renderSite(site).files.filter((f) => f.objects.length > 0).map((f) => [f.path, f.objects[0]]));
}

describe('GIVEN dc1-local on Argo CD WHEN a StorageBenchmark measures the default RBD class', () => {
  const app = new App();
  const site = dc1Local(app);
  const bench = new StorageBenchmark(site, 'bench', { storageClass: classOf(site, 'rook-ceph-block') });
  const out = files(site);

  test('THEN a PVC of that class and a Job go to the tools layer, in their own namespace', () => {
    const pvc = out.get('60-tools/persistentvolumeclaim_storage-benchmark_fio-rook-ceph-block.yaml');
    expect(pvc.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } }, storageClassName: 'rook-ceph-block' });
    expect(out.get('60-tools/job_storage-benchmark_fio-rook-ceph-block.yaml')).toBeDefined();
    expect(out.get('00-crds/namespace_storage-benchmark.yaml')).toBeDefined();
    expect(bench.jobName).toBe('fio-rook-ceph-block');
  });

  test('THEN the Job is suspended, tried once, and mounts the PVC', () => {
    const job = out.get('60-tools/job_storage-benchmark_fio-rook-ceph-block.yaml');
    expect(job.spec.suspend).toBe(true);
    expect(job.spec.backoffLimit).toBe(0);
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    expect(job.spec.template.spec.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'fio-rook-ceph-block' } }]);
    expect(job.spec.template.spec.containers[0].volumeMounts).toEqual([{ mountPath: '/data', name: 'data' }]);
  });

  test('THEN fio runs 4k random read and write and 1M sequential read and write, with the default runtime and iodepth, on 80 % of the volume', () => {
    const script: string = out.get('60-tools/job_storage-benchmark_fio-rook-ceph-block.yaml').spec.template.spec.containers[0].command[2];
    expect(FIO_TESTS).toEqual([['randread', '4k'], ['randwrite', '4k'], ['read', '1M'], ['write', '1M']]);
    expect(script).toContain('for t in "randread 4k" "randwrite 4k" "read 1M" "write 1M"; do');
    expect(script).toMatch(/--runtime=60 /);
    expect(script).toMatch(/--iodepth=32 /);
    expect(script).toMatch(/--size=8192M /);
    expect(script).toMatch(/--direct=1/);
  });

  test('THEN the site Application ignores exactly the Job\'s suspend field and keeps the live value on sync, so resuming it by hand is not undone by self-heal', () => {
    const application = out.get('gitops/application_dc1-local-storage.yaml');
    expect(application.spec.ignoreDifferences).toEqual([{ group: 'batch', kind: 'Job', namespace: 'storage-benchmark', name: 'fio-rook-ceph-block', jsonPointers: ['/spec/suspend'] }]);
    expect(application.spec.syncPolicy.syncOptions).toEqual(['PruneLast=true', 'RespectIgnoreDifferences=true']);
  });

  test('THEN the commands to start it and to read its results are the kubectl ones', () => {
    expect(bench.startCommand).toBe('kubectl -n storage-benchmark patch job/fio-rook-ceph-block --type=merge -p \'{"spec":{"suspend":false}}\'');
    expect(bench.logsCommand).toBe('kubectl -n storage-benchmark logs -f job/fio-rook-ceph-block');
  });

  test('THEN the site synthesizes and every object is valid against the strict schemas of Kubernetes 1.33', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-bench-'));
    synthApp(app, { outdir, upstreamDir: UPSTREAM });
    expect(fs.existsSync(path.join(outdir, 'dc1-local', '60-tools', 'job_storage-benchmark_fio-rook-ceph-block.yaml'))).toBe(true);
  });
});

describe('GIVEN dc1-local on Flux WHEN a StorageBenchmark is added', () => {
  const site = dc1Local(new App(), { engine: 'flux', url: REPO, path: 'dist/dc1-local' } as GitOpsProps);
  new StorageBenchmark(site, 'bench', { storageClass: classOf(site, 'rook-ceph-block'), size: '20Gi', runtimeSeconds: 120, iodepth: 16, image: 'registry.example.com/tools/fio:3.38' });
  const out = files(site);

  test('THEN Flux creates the Job once and never updates it (it has no per-field ignore), while the PVC is reconciled as usual', () => {
    const job = out.get('60-tools/job_storage-benchmark_fio-rook-ceph-block.yaml');
    expect(job.metadata.annotations).toEqual({ 'kustomize.toolkit.fluxcd.io/ssa': 'IfNotPresent' });
    expect(out.get('60-tools/persistentvolumeclaim_storage-benchmark_fio-rook-ceph-block.yaml').metadata.annotations).toBeUndefined();
  });

  test('THEN size, runtime, iodepth and image are the ones given', () => {
    const job = out.get('60-tools/job_storage-benchmark_fio-rook-ceph-block.yaml');
    const c = job.spec.template.spec.containers[0];
    expect(c.image).toBe('registry.example.com/tools/fio:3.38');
    expect(c.command[2]).toMatch(/--size=16384M .*--iodepth=16 .*--runtime=120 /);
    expect(out.get('60-tools/persistentvolumeclaim_storage-benchmark_fio-rook-ceph-block.yaml').spec.resources.requests.storage).toBe('20Gi');
  });
});

describe('GIVEN a TopoLVM site WHEN the benchmark measures a TopoLVM class', () => {
  test('THEN it works with any StorageClass construct of the library', () => {
    const { site } = newSite({ rookVersion: undefined, topolvmVersion: '0.41.0' });
    const topolvm = new TopoLVM(site, 'topolvm', { platform: 'kubeadm', deviceClasses: [{ name: 'ssd', volumeGroup: 'vg-ssd', default: true }], lvmd: { mode: 'daemonset' }, scheduling: { capacityTracking: {} } });
    const storageClass = new TopoLVMStorageClass(site, 'topolvm-ssd', { topolvm, deviceClass: 'ssd' });
    const bench = new StorageBenchmark(site, 'bench', { storageClass, name: 'fio-ssd', namespace: 'bench' });
    const pvc = files(site).get('60-tools/persistentvolumeclaim_bench_fio-ssd.yaml');
    expect(pvc.spec.storageClassName).toBe('topolvm-ssd');
    expect(bench.namespace).toBe('bench');
  });
});

describe('GIVEN bad benchmark input', () => {
  test('WHEN the class belongs to another Site THEN it is refused, naming the classes of this site', () => {
    const app = new App();
    const a = new Site(app, 'site-a', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
    const b = new Site(app, 'site-b', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
    const poolA = new RookCluster(a, 'cluster').addPool('replicapool', { replicated: { size: 3 } });
    const poolB = new RookCluster(b, 'cluster').addPool('replicapool', { replicated: { size: 3 } });
    const classA = new CephRbdStorageClass(a, 'block-a', { pool: poolA });
    new CephRbdStorageClass(b, 'block-b', { pool: poolB });
    const e = configError(() => new StorageBenchmark(b, 'bench', { storageClass: classA }));
    expectHelpful(e.message, { path: 'site-b/bench: storageClass', value: /site-a\/block-a/, allowed: /"block-b"/, fix: /site "site-b"/ });
    expect(e.message).toMatch(/belongs to site "site-a"/);
  });

  test('WHEN something that is not a StorageClass is given THEN it is refused', () => {
    const { site } = newSite();
    const pool = new RookCluster(site, 'cluster').addPool('replicapool', { replicated: { size: 3 } });
    const e = configError(() => new StorageBenchmark(site, 'bench', { storageClass: pool as any }));
    expect(e.message).toMatch(/storageClass.*not a StorageClass construct/s);
  });

  test('WHEN the site runs Kubernetes 1.21 (no suspended Jobs by default) THEN the default is refused with both fixes, and runOnSync: true is accepted', () => {
    const { site } = newSite({ kubernetesVersion: '1.21.0', rookVersion: '1.7.11' });
    const storageClass = new CephRbdStorageClass(site, 'block', { pool: new RookCluster(site, 'cluster').addPool('replicapool', { replicated: { size: 3 } }) });
    const e = configError(() => new StorageBenchmark(site, 'bench', { storageClass }));
    expectHelpful(e.message, { path: 'test-site/bench: runOnSync', value: /1\.21\.0/, allowed: />=1\.22\.0/, fix: /runOnSync: true.*Kubernetes 1\.22/ });
    new StorageBenchmark(site, 'bench2', { storageClass, runOnSync: true });
    const job = files(site).get('60-tools/job_storage-benchmark_fio-block.yaml');
    expect(job.spec.suspend).toBeUndefined();
  });

  test('WHEN runOnSync is set on Argo CD THEN nothing is ignored: the Job is an ordinary object', () => {
    const site = dc1Local(new App());
    new StorageBenchmark(site, 'bench', { storageClass: classOf(site, 'rook-ceph-block'), runOnSync: true });
    expect(files(site).get('gitops/application_dc1-local-storage.yaml').spec.ignoreDifferences).toBeUndefined();
  });

  test('WHEN the volume is smaller than 1Gi, or runtime and iodepth are out of range THEN each is refused', () => {
    const site = dc1Local(new App());
    const storageClass = classOf(site, 'rook-ceph-block');
    expectHelpful(configError(() => new StorageBenchmark(site, 'b1', { storageClass, size: '512Mi' })).message, { path: 'b1: size', value: /512Mi/, allowed: /1Gi or more/ });
    expect(configError(() => new StorageBenchmark(site, 'b2', { storageClass, size: '10GB' })).message).toMatch(/size/);
    expect(configError(() => new StorageBenchmark(site, 'b3', { storageClass, runtimeSeconds: 0 })).message).toMatch(/runtimeSeconds/);
    expect(configError(() => new StorageBenchmark(site, 'b4', { storageClass, iodepth: 1.5 })).message).toMatch(/iodepth/);
  });

  test('WHEN the class name makes a Job name longer than 63 characters THEN the error says to set name', () => {
    const { site } = newSite();
    const storageClass = new CephRbdStorageClass(site, 'c', { name: `block-${'x'.repeat(56)}`, pool: new RookCluster(site, 'cluster').addPool('replicapool', { replicated: { size: 3 } }) });
    expectHelpful(configError(() => new StorageBenchmark(site, 'bench', { storageClass })).message, { path: 'bench: name', value: /fio-block-x+/, fix: /set name/ });
  });
});
