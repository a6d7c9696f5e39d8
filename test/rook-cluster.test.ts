/**
 * RookCluster: every prop maps onto a field the pinned CephCluster CRD accepts (strict schema validation),
 * defaults are applied once, and destructive cleanup is only ever set by the explicitly named call.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RookCluster, synthApp } from '../src';
import { configError, expectHelpful, findManifest, newSite, synthError, UPSTREAM } from './helpers';
import { synthValid } from './upstream-compare';

describe('GIVEN a RookCluster with every prop set', () => {
  test('WHEN synthesized with strict validation THEN the CephCluster and rook-config-override are valid and carry every setting', () => {
    const { app, site } = newSite({ nodes: [{ name: 'n1', rack: 'r1' }, { name: 'n2', rack: 'r2' }, { name: 'n3', rack: 'r3' }] });
    new RookCluster(site, 'cluster', {
      name: 'ceph-a', namespace: 'ceph-a', operatorNamespace: 'rook-ceph',
      cephVersion: { image: 'quay.io/ceph/ceph:v19.2.3', allowUnsupported: false, imagePullPolicy: 'IfNotPresent' },
      dataDirHostPath: '/var/lib/rook-a',
      mon: { count: 3, allowMultiplePerNode: false },
      mgr: { count: 2, allowMultiplePerNode: false, modules: [{ name: 'rook', enabled: true }, { name: 'pg_autoscaler' }] },
      dashboard: { enabled: true, ssl: false, port: 8080, urlPrefix: '/ceph' },
      network: { provider: 'host', ipFamily: 'IPv4', connections: { encryption: { enabled: true }, compression: { enabled: false }, requireMsgr2: true } },
      crashCollector: { disable: false, daysToRetain: 7 },
      storage: {
        useAllNodes: false, useAllDevices: false, config: { osdsPerDevice: '1' },
        nodes: [
          { name: 'n1', devices: [{ name: 'sdb' }, { name: '/dev/disk/by-id/wwn-0x5000', config: { deviceClass: 'ssd' } }] },
          { name: 'n2', deviceFilter: '^sd[b-d]$', resources: { limits: { memory: '4Gi' } } },
          { name: 'n3', devicePathFilter: '^/dev/disk/by-path/pci-.*-nvme-1$', useAllDevices: false, config: { osdsPerDevice: '2' } },
        ],
      },
      placement: {
        all: { tolerations: [{ key: 'storage-node', operator: 'Exists' }] },
        mon: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'role', operator: 'In', values: ['storage'] }] }] } } },
        osd: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'rook-ceph-osd' } } }] },
      },
      resources: { mon: { requests: { cpu: '500m', memory: '1Gi' } }, osd: { limits: { memory: '4Gi' } } },
      priorityClassNames: { mon: 'system-node-critical', osd: 'system-node-critical', mgr: 'system-cluster-critical' },
      labels: { all: { team: 'storage' } },
      annotations: { mon: { 'example.com/owner': 'storage' } },
      disruptionManagement: { managePodBudgets: true, osdMaintenanceTimeout: 30 },
      logCollector: { enabled: true, periodicity: 'daily', maxLogSize: '500M' },
      configOverride: '[global]\nosd_pool_default_size = 3',
    });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-full-'));
    const r = synthApp(app, { outdir: out, upstreamDir: UPSTREAM });
    expect(r.results.filter((x) => x.status !== 'statusValid')).toEqual([]);
    const c = findManifest(site, 'CephCluster', 'ceph-a');
    expect(c.spec.storage.nodes).toHaveLength(3);
    expect(c.spec.network.provider).toBe('host');
    expect(c.spec.placement.all.tolerations).toEqual([{ key: 'storage-node', operator: 'Exists' }]);
    expect(findManifest(site, 'ConfigMap', 'rook-config-override').data.config).toBe('[global]\nosd_pool_default_size = 3\n');
    expect(findManifest(site, 'ConfigMap', 'rook-config-override').metadata.namespace).toBe('ceph-a');
  });
});

describe('GIVEN a RookCluster with only defaults', () => {
  test('THEN it gets 3 mons one per node, 2 mgrs with the rook module, SSL dashboard, /var/lib/rook, and no cleanupPolicy', () => {
    const { site } = newSite();
    new RookCluster(site, 'cluster');
    const c = findManifest(site, 'CephCluster', 'rook-ceph');
    expect(c.spec.mon).toEqual({ count: 3, allowMultiplePerNode: false });
    expect(c.spec.mgr).toEqual({ count: 2, allowMultiplePerNode: false, modules: [{ name: 'rook', enabled: true }] });
    expect(c.spec.dashboard).toEqual({ enabled: true, ssl: true });
    expect(c.spec.dataDirHostPath).toBe('/var/lib/rook');
    expect(c.spec.storage).toEqual({ useAllNodes: true });
    expect(c.spec.cleanupPolicy).toBeUndefined();
  });

  test('WHEN confirmDataDestruction() is called THEN (and only then) cleanupPolicy confirms destruction', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    cluster.confirmDataDestruction({ sanitizeDisks: 'quick' });
    const c = findManifest(site, 'CephCluster', 'rook-ceph');
    expect(c.spec.cleanupPolicy).toEqual({ confirmation: 'yes-really-destroy-data', sanitizeDisks: { method: 'quick', dataSource: 'zero', iteration: 1 } });
  });

  test('WHEN props try to set cleanupPolicy THEN it is an unknown property, pointing at the named call', () => {
    const { site } = newSite();
    expect(() => new RookCluster(site, 'cluster', { cleanupPolicy: { confirmation: 'yes-really-destroy-data' } } as any)).toThrow(/cleanupPolicy[\s\S]*confirmDataDestruction\(\)/);
  });
});

describe('GIVEN a RookCluster', () => {
  test.each([
    [0, /at least 1/],
    [4, /even mon count/],
    [11, /above 9/],
  ])('WHEN mon.count is %p THEN it is rejected', (count, why) => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { mon: { count } }));
    expectHelpful(e.message, { path: 'test-site/cluster: mon.count', value: String(count), allowed: /1, 3, 5, 7 or 9/, fix: /odd count/ });
    expect(e.message).toMatch(why);
  });

  test.each([
    ['var/lib/rook', /absolute/],
    ['/etc/ceph', /\/etc\/ceph/],
    ['/rook', /\/rook/],
    ['/var/log/ceph/data', /\/var\/log\/ceph/],
  ])('WHEN dataDirHostPath is %p THEN it is rejected', (dir, why) => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { dataDirHostPath: dir }));
    expectHelpful(e.message, { path: 'cluster: dataDirHostPath', value: dir, fix: /\/var\/lib\/rook/ });
    expect(e.message).toMatch(why);
  });

  test('WHEN a top-level prop is misspelt THEN it is an error, not silently dropped', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { mons: { count: 3 } } as any));
    expectHelpful(e.message, { path: 'test-site/cluster: mons', value: /mons/, allowed: /\bmon\b/ });
  });

  test('WHEN a storage prop is misspelt THEN the nested path is named', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { storage: { devicePathFiltr: '^/dev/sdb$' } } as any));
    expectHelpful(e.message, { path: 'cluster: storage.devicePathFiltr', allowed: /devicePathFilter/ });
  });

  test('WHEN deviceFilter is not a valid regular expression THEN it is rejected', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { storage: { deviceFilter: '^sd[b-' } }));
    expectHelpful(e.message, { path: 'cluster: storage.deviceFilter', value: /\^sd\[b-/, allowed: /Go \(RE2\)/ });
  });

  test('WHEN nodes are listed together with useAllNodes: true THEN it is rejected (Rook would ignore the list)', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { storage: { useAllNodes: true, nodes: [{ name: 'a' }] } }));
    expectHelpful(e.message, { path: 'cluster: storage.useAllNodes', fix: /remove useAllNodes/ });
  });

  test('WHEN imagePullPolicy is not a Kubernetes policy THEN the allowed values are listed', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { cephVersion: { imagePullPolicy: 'Sometimes' as any } }));
    expectHelpful(e.message, { path: 'cluster: cephVersion.imagePullPolicy', value: /Sometimes/, allowed: /"Always", "IfNotPresent", "Never"/ });
  });

  test('WHEN the namespace is longer than 63 characters THEN it is rejected', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { namespace: 'a'.repeat(64) }));
    expectHelpful(e.message, { path: 'cluster: namespace', allowed: /<= 63/ });
  });

  test('WHEN 3 mons must fit on 2 declared nodes without allowMultiplePerNode THEN synth fails and names the nodes', () => {
    const { app, site } = newSite({ nodes: [{ name: 'n1' }, { name: 'n2' }] });
    new RookCluster(site, 'cluster', { mon: { count: 3 } });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/cluster: mon.count', value: '3', allowed: /at most 2/, fix: /declare more nodes/ });
    expect(e.message).toMatch(/n1, n2/);
  });

  test('WHEN a replicated size 3 pool with failureDomain host has 2 declared hosts THEN synth fails', () => {
    const { app, site } = newSite({ nodes: [{ name: 'n1' }, { name: 'n2' }] });
    const cluster = new RookCluster(site, 'cluster', { mon: { count: 1 } });
    cluster.addPool('replicapool', { replicated: { size: 3 } });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/cluster/replicapool: replicated.size', value: '3', allowed: /at most 2/ });
  });
});

describe('GIVEN OSD device selection and several clusters', () => {
  test('WHEN useAllDevices: true is combined with a filter THEN it says the filter wins', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { storage: { useAllDevices: true, deviceFilter: '^sdb$' } }));
    expectHelpful(e.message, { path: 'cluster: storage.useAllDevices', allowed: /a filter/, fix: /remove useAllDevices/ });
  });

  test('WHEN deviceFilter and devicePathFilter are both set THEN it says devicePathFilter would be ignored', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { storage: { deviceFilter: '^sdb$', devicePathFilter: '^/dev/disk/by-path/x$' } }));
    expectHelpful(e.message, { path: 'cluster: storage.devicePathFilter', fix: /keep one filter/ });
  });

  test('WHEN 2 mgrs must fit on 1 declared node THEN synth fails', () => {
    const { app, site } = newSite({ nodes: [{ name: 'n1' }] });
    new RookCluster(site, 'cluster', { mon: { count: 1 } });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/cluster: mgr.count', value: '2', allowed: /at most 1/, fix: /lower mgr\.count/ });
  });

  test('WHEN two clusters share a namespace or a dataDirHostPath THEN synth fails naming the first one', () => {
    const { app, site } = newSite();
    new RookCluster(site, 'a', { name: 'a', namespace: 'ceph' });
    new RookCluster(site, 'b', { name: 'b', namespace: 'ceph', dataDirHostPath: '/var/lib/rook-b' });
    new RookCluster(site, 'c', { name: 'c', namespace: 'ceph-c' });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/b: namespace', value: 'ceph', allowed: /a namespace of its own/ });
    expectHelpful(e.message, { path: 'test-site/c: dataDirHostPath', value: '/var/lib/rook', fix: /\/var\/lib\/rook-c/ });
    expect(e.message).not.toMatch(/test-site\/a: /);
  });
});

const OLD = { kubernetesVersion: '1.21.0', rookVersion: '1.7.11' as const };

describe('GIVEN a two-node cluster with a floating mon', () => {
  test('WHEN mon.floatingMon is set THEN the CephCluster carries it as cluster-tnf.yaml does, and validates', () => {
    const { app, site } = newSite();
    new RookCluster(site, 'cluster', { mon: { count: 3, floatingMon: { name: 'c', configmapName: 'drbd-configure' } } });
    expect(findManifest(site, 'CephCluster', 'rook-ceph').spec.mon).toMatchObject({ count: 3, floatingMon: { name: 'c', configmapName: 'drbd-configure' } });
    synthValid(app);
  });

  test.each([
    ['a two-letter name', { name: 'cc', configmapName: 'drbd' }, /one lower-case letter/],
    ['an upper-case name', { name: 'C', configmapName: 'drbd' }, /one lower-case letter/],
    ['an empty ConfigMap name', { name: 'c', configmapName: '' }, /ConfigMap name/],
  ])('WHEN it has %s THEN it is a ConfigError at mon.floatingMon', (_what, floatingMon, message) => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { mon: { floatingMon } }));
    expect(e.message).toMatch(/mon\.floatingMon/);
    expect(e.message).toMatch(message);
  });

  test('WHEN the site pins Rook 1.7.11 THEN floatingMon is refused with the versions that have it', () => {
    const { site } = newSite(OLD);
    expectHelpful(configError(() => new RookCluster(site, 'cluster', { mon: { floatingMon: { name: 'c', configmapName: 'drbd' } } })).message, { path: /mon\.floatingMon/, value: /1\.7\.11/, allowed: /1\.20\.6/, fix: /remove mon\.floatingMon/ });
  });
});

describe('GIVEN a small Rook v1.2.7 cluster (part 8)', () => {
  const site12 = (nodes: string[]) => newSite({ kubernetesVersion: '1.16.4', rookVersion: '1.2.7', nodes: nodes.map((name) => ({ name })) });

  test('WHEN the site has one node and mgr is left at its default THEN it synthesizes with one mgr, the only count v1.2.7 runs', () => {
    const { app, site } = site12(['n1']);
    new RookCluster(site, 'cluster', { mon: { count: 1 } });
    expect(() => synthApp(app, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gs-out-')), upstreamDir: UPSTREAM })).not.toThrow();
    const cc = findManifest(site, 'CephCluster', 'rook-ceph');
    expect(cc.spec.mgr.count).toBeUndefined();
    expect(cc.spec.mgr.allowMultiplePerNode).toBeUndefined();
  });

  test('WHEN the same one-node cluster is on Rook 1.20 THEN the default of 2 mgrs is still refused, with fixes that exist there', () => {
    const { app, site } = newSite({ nodes: [{ name: 'n1' }] });
    new RookCluster(site, 'cluster', { mon: { count: 1 } });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/cluster: mgr.count', value: /2/, fix: /mgr.allowMultiplePerNode: true/ });
  });

  test('WHEN a v1.2.7 pool has size 1 THEN it is accepted with a warning, because the field the size-1 rule would ask for does not exist there', () => {
    const { site } = site12(['n1']);
    const c = new RookCluster(site, 'cluster', { mon: { count: 1 } });
    c.addPool('single', { replicated: { size: 1 }, failureDomain: 'osd' });
    expect(findManifest(site, 'CephBlockPool', 'single').spec.replicated).toEqual({ size: 1 });
    expect(site.warnings.join('\n')).toMatch(/single copy.*fix: use size 3/);
  });

  test('WHEN a v1.2.7 pool has size 1 and requireSafeReplicaSize is set THEN the field is refused as not on this version', () => {
    const { site } = site12(['n1']);
    const c = new RookCluster(site, 'cluster', { mon: { count: 1 } });
    const e = configError(() => c.addPool('single', { replicated: { size: 1, requireSafeReplicaSize: false } }));
    expectHelpful(e.message, { path: 'single: replicated.requireSafeReplicaSize' });
  });
});

describe('GIVEN a field of a newer Rook on an older site (bad input)', () => {
  test('WHEN network.connections (declared only in the 1.20 CRDs) is set on a 1.7 site THEN it names the versions that have it', () => {
    const { site } = newSite({ kubernetesVersion: '1.19.0', rookVersion: '1.7.11' });
    const e = configError(() => new RookCluster(site, 'cluster', { network: { connections: { encryption: { enabled: true } } } }));
    expectHelpful(e.message, { path: 'test-site/cluster: network.connections', value: '1.7.11', allowed: /v1\.20\.6/, fix: /configOverride/ });
    expect(e.message).toMatch(/not declared in the v1\.7\.11/);
  });

  test('WHEN cephVersion.imagePullPolicy is set on a 1.2 site THEN it is rejected', () => {
    const { site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.2.7' });
    const e = configError(() => new RookCluster(site, 'cluster', { cephVersion: { imagePullPolicy: 'IfNotPresent' } }));
    expectHelpful(e.message, { path: 'test-site/cluster: cephVersion.imagePullPolicy', value: '1.2.7', allowed: /v1\.20\.6/, fix: /remove cephVersion\.imagePullPolicy/ });
  });

  test('WHEN mgr.count is 3 on a 1.7 site (its CRD allows 2, 1.20 allows 5) THEN it is rejected before synth', () => {
    const { site } = newSite({ kubernetesVersion: '1.19.0', rookVersion: '1.7.11' });
    const e = configError(() => new RookCluster(site, 'cluster', { mgr: { count: 3 } }));
    expectHelpful(e.message, { path: 'test-site/cluster: mgr.count', value: '3', allowed: '1 to 2 on Rook v1.7.11', fix: /2 or less/ });
  });

  test.each([
    ['crashCollector.daysToRetain', { crashCollector: { disable: false, daysToRetain: 7 } }],
    ['mgr.count', { mgr: { count: 2 } }],
    ['logCollector', { logCollector: { enabled: true } }],
    ['priorityClassNames', { priorityClassNames: { all: 'high' } }],
  ])('WHEN %s is set explicitly on a 1.2 site THEN it is rejected (the v1.2.7 CRD does not declare it)', (field, props) => {
    const { site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.2.7' });
    const e = configError(() => new RookCluster(site, 'cluster', props as any));
    expectHelpful(e.message, { path: `test-site/cluster: ${field}`, value: '1.2.7', allowed: /v1\.7\.11, .*v1\.20\.6/ });
  });

  test('WHEN confirmDataDestruction() is called on a 1.2 site THEN it is rejected (no cleanupPolicy in v1.2.7)', () => {
    const { site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.2.7' });
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => cluster.confirmDataDestruction());
    expectHelpful(e.message, { path: 'test-site/cluster: confirmDataDestruction()', value: '1.2.7', fix: /by hand/ });
  });
});

describe('GIVEN a field of Rook 1.2 on a newer site (bad input)', () => {
  test.each([['1.20.6', '1.33.0'], ['1.7.11', '1.19.0']] as const)('WHEN storage.directories is set on Rook %s THEN it says to use devices, naming v1.2.7', (rook, k8s) => {
    const { site } = newSite({ kubernetesVersion: k8s, rookVersion: rook });
    const e = configError(() => new RookCluster(site, 'cluster', { storage: { directories: [{ path: '/var/lib/rook/osd0' }] } }));
    expectHelpful(e.message, { path: 'test-site/cluster: storage.directories', value: rook, allowed: /Rook .*v1\.2\.7/, fix: /devices, deviceFilter or devicePathFilter/ });
  });
});
