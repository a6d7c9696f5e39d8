/**
 * RookCluster: every prop maps onto a field the pinned CephCluster CRD accepts (strict schema validation),
 * defaults are applied once, and destructive cleanup is only ever set by the explicitly named call.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RookCluster } from '../src';
import { synthApp } from '../src/pipeline/synth';
import { findManifest, newSite, UPSTREAM } from './helpers';

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
