/**
 * The CephCluster knobs beyond storage: upgrade behaviour, monitoring, the typed Ceph config, cephx security, CSI
 * read affinity, health checks, disruption management, network, stretch clusters and the cleanup options, with the
 * version rules of the pinned CRDs (Rook v1.20.6, v1.7.11, v1.2.7).
 */
import { ExternalCluster, RookCluster, RookClusterProps } from '../src';
import { configError, expectHelpful, findManifest, newSite } from './helpers';
import { es, FSID, MONS } from './external-helpers';
import { synthValid } from './upstream-compare';
import { classifyField } from '../src/plan/classify';

const site120 = (extra = {}) => newSite(extra);
const site17 = (extra = {}) => newSite({ kubernetesVersion: '1.22.0', rookVersion: '1.7.11', ...extra });
const site12 = (extra = {}) => newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.2.7', ...extra });

function specOf(props: RookClusterProps, make = site120): any {
  const { site } = make();
  new RookCluster(site, 'cluster', props);
  return findManifest(site, 'CephCluster', 'rook-ceph').spec;
}

const stretch = { zones: [{ name: 'a', arbiter: true }, { name: 'b' }, { name: 'c' }] };

describe('GIVEN a Rook v1.20.6 site', () => {
  test('WHEN the upgrade knobs are set THEN they are top-level CephCluster fields, as set', () => {
    const spec = specOf({ skipUpgradeChecks: true, continueUpgradeAfterChecksEvenIfNotHealthy: true, waitTimeoutForHealthyOSDInMinutes: 20, upgradeOSDRequiresHealthyPGs: true, removeOSDsIfOutAndSafeToRemove: true });
    expect(spec).toMatchObject({ skipUpgradeChecks: true, continueUpgradeAfterChecksEvenIfNotHealthy: true, waitTimeoutForHealthyOSDInMinutes: 20, upgradeOSDRequiresHealthyPGs: true, removeOSDsIfOutAndSafeToRemove: true });
  });

  test('WHEN no knob is set THEN none of them is written (Rook keeps its defaults)', () => {
    const spec = specOf({});
    for (const k of ['skipUpgradeChecks', 'waitTimeoutForHealthyOSDInMinutes', 'upgradeOSDRequiresHealthyPGs', 'monitoring', 'cephConfig', 'security', 'csi', 'healthCheck', 'rbdMirroring']) expect(spec).not.toHaveProperty(k);
  });

  test('WHEN cephConfig is set THEN the sections and options are written as strings, with no rook-config-override ConfigMap, and it validates', () => {
    const { app, site } = site120();
    new RookCluster(site, 'cluster', { cephConfig: { global: { osd_pool_default_size: '3' }, 'osd.1': { osd_max_backfills: '2' } }, cephConfigFromSecret: { global: { rgw_ldap_secret: { name: 'ldap', key: 'password' } } } });
    const objs = synthValid(app);
    const c = objs.find((o) => o.kind === 'CephCluster');
    expect(c.spec.cephConfig).toEqual({ 'global': { osd_pool_default_size: '3' }, 'osd.1': { osd_max_backfills: '2' } });
    expect(c.spec.cephConfigFromSecret).toEqual({ global: { rgw_ldap_secret: { name: 'ldap', key: 'password' } } });
    expect(objs.some((o) => o.kind === 'ConfigMap' && o.metadata.name === 'rook-config-override')).toBe(false);
  });

  test('WHEN security, csi, network and the full health check are set THEN they are written as the CRD shapes them, and it validates', () => {
    const { app, site } = site120();
    new RookCluster(site, 'cluster', {
      security: {
        cephx: { daemon: { keyRotationPolicy: 'KeyGeneration', keyGeneration: 2 }, csi: { keyRotationPolicy: 'Disabled', keyType: 'aes', keepPriorKeyCountMax: 1 }, rbdMirrorPeer: { keyType: 'aes256k' }, allowedCiphers: ['aes', 'aes256k'] },
        keyRotation: { enabled: true, schedule: '@weekly' },
      },
      csi: { readAffinity: { enabled: true, crushLocationLabels: ['topology.kubernetes.io/zone'] }, cephfs: { kernelMountOptions: 'ms_mode=secure' } },
      network: { provider: 'host', addressRanges: { public: ['192.168.100.0/24'], cluster: ['192.168.200.0/24'] }, connections: { encryption: { enabled: true }, requireMsgr2: true } },
      healthCheck: {
        daemonHealth: { mon: { interval: '45s', timeout: '600s' }, osd: { disabled: true }, status: { interval: '1m30s' } },
        livenessProbe: { osd: { probe: { timeoutSeconds: 5, failureThreshold: 10 } } },
        startupProbe: { mon: { disabled: true } },
        muteHealthWarning: { POOL_NO_REDUNDANCY: { policy: 'mute' } },
      },
      disruptionManagement: { managePodBudgets: true, pgHealthyRegex: '^(active\\+clean|active\\+clean\\+scrubbing)$' },
    });
    const c = synthValid(app).find((o) => o.kind === 'CephCluster');
    expect(c.spec.security.cephx.daemon).toEqual({ keyRotationPolicy: 'KeyGeneration', keyGeneration: 2 });
    expect(c.spec.security.keyRotation).toEqual({ enabled: true, schedule: '@weekly' });
    expect(c.spec.csi.readAffinity).toEqual({ enabled: true, crushLocationLabels: ['topology.kubernetes.io/zone'] });
    expect(c.spec.network.connections).toEqual({ encryption: { enabled: true }, requireMsgr2: true });
    expect(c.spec.network.addressRanges.public).toEqual(['192.168.100.0/24']);
    expect(c.spec.healthCheck.livenessProbe.osd.probe).toEqual({ timeoutSeconds: 5, failureThreshold: 10 });
    expect(c.spec.healthCheck.startupProbe).toEqual({ mon: { disabled: true } });
    expect(c.spec.disruptionManagement.pgHealthyRegex).toMatch(/active/);
  });

  test('WHEN a stretch cluster with 5 mons and one arbiter zone is declared THEN mon.stretchCluster is written, and it validates', () => {
    const { app, site } = site120();
    new RookCluster(site, 'cluster', { mon: { count: 5, stretchCluster: { failureDomainLabel: 'topology.kubernetes.io/zone', ...stretch } } });
    const c = synthValid(app).find((o) => o.kind === 'CephCluster');
    expect(c.spec.mon).toEqual({ count: 5, allowMultiplePerNode: false, stretchCluster: { failureDomainLabel: 'topology.kubernetes.io/zone', ...stretch } });
  });

  test('WHEN monitoring is enabled on a site that declares the Prometheus operator CRDs THEN the exporter settings are written, and it validates', () => {
    const { app, site } = site120({ clusterCrds: ['prometheus-operator@v0.93.0'] });
    new RookCluster(site, 'cluster', { monitoring: { enabled: true, interval: '30s', exporter: { perfCountersPrioLimit: 5, statsPeriodSeconds: 5 } } });
    const c = synthValid(app).find((o) => o.kind === 'CephCluster');
    expect(c.spec.monitoring).toEqual({ enabled: true, interval: '30s', exporter: { perfCountersPrioLimit: 5, statsPeriodSeconds: 5 } });
  });

  test('WHEN confirmDataDestruction() names the sanitize method, source and passes THEN the cleanup policy carries them; the short form keeps zero/1', () => {
    const { site } = site120();
    const cluster = new RookCluster(site, 'cluster');
    cluster.confirmDataDestruction({ sanitizeDisks: { method: 'complete', dataSource: 'random', iteration: 3 }, allowUninstallWithVolumes: true, wipeDevicesFromOtherClusters: false });
    expect(findManifest(site, 'CephCluster', 'rook-ceph').spec.cleanupPolicy).toEqual({
      confirmation: 'yes-really-destroy-data', sanitizeDisks: { method: 'complete', dataSource: 'random', iteration: 3 }, allowUninstallWithVolumes: true, wipeDevicesFromOtherClusters: false,
    });
    const { site: s2 } = site120();
    new RookCluster(s2, 'cluster').confirmDataDestruction({ sanitizeDisks: 'complete' });
    expect(findManifest(s2, 'CephCluster', 'rook-ceph').spec.cleanupPolicy.sanitizeDisks).toEqual({ method: 'complete', dataSource: 'zero', iteration: 1 });
  });

  test('WHEN an ExternalCluster sets the mon and status checks THEN healthCheck is written, and it validates', () => {
    const { app, site } = site120();
    new ExternalCluster(site, 'ext', {
      fsid: FSID, monEndpoints: MONS, healthCheck: { daemonHealth: { mon: { interval: '45s' }, status: { disabled: true } } },
      secrets: { mon: es('mon', 'ceph-secret'), csiRbdNode: es('a', 'userKey'), csiRbdProvisioner: es('b', 'userKey'), csiCephfsNode: es('c', 'userKey'), csiCephfsProvisioner: es('d', 'userKey') },
    });
    const c = synthValid(app).find((o) => o.kind === 'CephCluster');
    expect(c.spec.healthCheck).toEqual({ daemonHealth: { mon: { interval: '45s' }, status: { disabled: true } } });
  });
});

describe('GIVEN a Rook v1.7.11 or v1.2.7 site', () => {
  test('WHEN a KMS is named on 1.7 THEN its connection settings and token Secret are written, and it validates', () => {
    const { app, site } = site17();
    new RookCluster(site, 'cluster', { mgr: { count: 1 }, security: { kms: { connectionDetails: { KMS_PROVIDER: 'vault', VAULT_ADDR: 'https://vault.example.com:8200' }, tokenSecretName: 'rook-vault-token' } } });
    const c = synthValid(app).find((o) => o.kind === 'CephCluster');
    expect(c.spec.security).toEqual({ kms: { connectionDetails: { KMS_PROVIDER: 'vault', VAULT_ADDR: 'https://vault.example.com:8200' }, tokenSecretName: 'rook-vault-token' } });
  });

  test('WHEN the 1.7 knobs (rulesNamespace, MachineDisruptionBudgets, stretch, livenessProbe) are set on 1.7 THEN they are written, and it validates', () => {
    const { app, site } = site17({ clusterCrds: ['prometheus-operator@v0.93.0'] });
    new RookCluster(site, 'cluster', {
      mgr: { count: 1 },
      mon: { count: 5, stretchCluster: stretch },
      monitoring: { enabled: true, rulesNamespace: 'monitoring' },
      waitTimeoutForHealthyOSDInMinutes: 15,
      disruptionManagement: { manageMachineDisruptionBudgets: true, machineDisruptionBudgetNamespace: 'openshift-machine-api' },
      healthCheck: { daemonHealth: { osd: { interval: '60s' } }, livenessProbe: { mgr: { disabled: true } } },
    });
    const c = synthValid(app).find((o) => o.kind === 'CephCluster');
    expect(c.spec.monitoring).toEqual({ enabled: true, rulesNamespace: 'monitoring' });
    expect(c.spec.disruptionManagement).toEqual({ manageMachineDisruptionBudgets: true, machineDisruptionBudgetNamespace: 'openshift-machine-api' });
    expect(c.spec.mon.stretchCluster.zones).toHaveLength(3);
  });

  test('WHEN hostNetwork and rbdMirroring.workers are set on 1.2 THEN they are written, and it validates', () => {
    const { app, site } = site12();
    new RookCluster(site, 'cluster', { network: { hostNetwork: true }, rbdMirroring: { workers: 1 }, skipUpgradeChecks: false });
    const c = synthValid(app).find((o) => o.kind === 'CephCluster');
    expect(c.spec.network).toEqual({ hostNetwork: true });
    expect(c.spec.rbdMirroring).toEqual({ workers: 1 });
  });
});

describe('GIVEN a field the pinned Rook version does not have', () => {
  test('WHEN upgradeOSDRequiresHealthyPGs is set on 1.7 THEN the error names the field, the pinned version, the versions with it and a fix', () => {
    const { site } = site17();
    const e = configError(() => new RookCluster(site, 'cluster', { upgradeOSDRequiresHealthyPGs: true }));
    expectHelpful(e.message, { path: 'test-site/cluster: upgradeOSDRequiresHealthyPGs', value: '1.7.11', allowed: /v1\.20\.6/, fix: /ceph pg stat|remove upgradeOSDRequiresHealthyPGs/ });
  });

  test('WHEN cephConfig is set on 1.7 THEN the error points to configOverride', () => {
    const { site } = site17();
    const e = configError(() => new RookCluster(site, 'cluster', { cephConfig: { global: { osd_pool_default_size: '3' } } }));
    expectHelpful(e.message, { path: 'test-site/cluster: cephConfig', value: '1.7.11', allowed: /v1\.20\.6/, fix: /configOverride/ });
  });

  test.each([
    ['waitTimeoutForHealthyOSDInMinutes on 1.2', site12, { waitTimeoutForHealthyOSDInMinutes: 10 }, 'waitTimeoutForHealthyOSDInMinutes', '1.2.7', /v1\.7\.11, .*v1\.20\.6/],
    ['monitoring.exporter on 1.7', site17, { monitoring: { exporter: { statsPeriodSeconds: 5 } } }, 'monitoring.exporter', '1.7.11', /v1\.20\.6/],
    ['monitoring.rulesNamespace on 1.20', site120, { monitoring: { rulesNamespace: 'rook-ceph' } }, 'monitoring.rulesNamespace', '1.20.6', /v1\.2\.7, .*v1\.7\.11/],
    ['security.cephx on 1.7', site17, { security: { cephx: { csi: { keyType: 'aes' } } } }, 'security.cephx', '1.7.11', /v1\.20\.6/],
    ['csi on 1.7', site17, { csi: { readAffinity: { enabled: true } } }, 'csi', '1.7.11', /v1\.20\.6/],
    ['healthCheck.startupProbe on 1.7', site17, { healthCheck: { startupProbe: { mon: { disabled: false } } } }, 'healthCheck.startupProbe', '1.7.11', /v1\.20\.6/],
    ['MachineDisruptionBudgets on 1.20', site120, { disruptionManagement: { manageMachineDisruptionBudgets: false } }, 'disruptionManagement.manageMachineDisruptionBudgets', '1.20.6', /v1\.2\.7, .*v1\.7\.11/],
    ['network.addressRanges on 1.7', site17, { network: { addressRanges: { public: ['10.0.0.0/24'] } } }, 'network.addressRanges', '1.7.11', /v1\.20\.6/],
    ['rbdMirroring on 1.20', site120, { rbdMirroring: { workers: 1 } }, 'rbdMirroring', '1.20.6', /v1\.2\.7/],
    ['mon.stretchCluster on 1.2', site12, { mon: { count: 5, stretchCluster: stretch } }, 'mon.stretchCluster', '1.2.7', /v1\.7\.11/],
  ] as [string, typeof site120, RookClusterProps, string, string, RegExp][])('WHEN %s THEN the error names the field and the versions that have it', (_what, make, props, field, pinned, allowed) => {
    const { site } = make();
    const e = configError(() => new RookCluster(site, 'cluster', props));
    expectHelpful(e.message, { path: `test-site/cluster: ${field}`, value: pinned, allowed, fix: /remove|configOverride|CephRbdMirror|RookOperator|pin/ });
  });

  test('WHEN confirmDataDestruction() asks to wipe other clusters\' disks on 1.7 THEN it is refused with the versions that have it', () => {
    const { site } = site17();
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => cluster.confirmDataDestruction({ wipeDevicesFromOtherClusters: true }));
    expectHelpful(e.message, { path: 'test-site/cluster: confirmDataDestruction(): wipeDevicesFromOtherClusters', value: '1.7.11', allowed: /v1\.20\.6/, fix: /by hand/ });
  });

  test('WHEN an ExternalCluster sets healthCheck on 1.2 THEN it is refused with the versions that have it', () => {
    const { site } = site12();
    const e = configError(() => new ExternalCluster(site, 'ext', { fsid: FSID, monEndpoints: MONS, healthCheck: { daemonHealth: { mon: { interval: '45s' } } }, secrets: { mon: es('mon', 'admin-secret') } }));
    expectHelpful(e.message, { path: 'test-site/ext: healthCheck', value: '1.2.7', allowed: /v1\.7\.11, .*v1\.20\.6/, fix: /remove healthCheck/ });
  });
});

describe('GIVEN monitoring on a site without the Prometheus operator CRDs', () => {
  test('WHEN monitoring.enabled is true THEN the error names the field, the missing CRD source and the clusterCrds fix', () => {
    const { site } = site120();
    const e = configError(() => new RookCluster(site, 'cluster', { monitoring: { enabled: true } }));
    expectHelpful(e.message, { path: 'test-site/cluster: monitoring.enabled', value: /no clusterCrds/, allowed: /prometheus-operator@<version>/, fix: /clusterCrds: \['prometheus-operator@<version>'\][\s\S]*v0\.93\.0/ });
  });

  test('WHEN monitoring is off THEN no CRDs are needed', () => {
    expect(specOf({ monitoring: { enabled: false, metricsDisabled: true } }).monitoring).toEqual({ enabled: false, metricsDisabled: true });
  });
});

describe('GIVEN a stretch cluster that Rook would refuse', () => {
  test('WHEN it keeps the default 3 mons THEN mon.count is refused with the fix 5', () => {
    const { site } = site120();
    const e = configError(() => new RookCluster(site, 'cluster', { mon: { stretchCluster: stretch } }));
    expectHelpful(e.message, { path: 'test-site/cluster: mon.count', value: '3', allowed: /5 with mon\.stretchCluster/, fix: /mon\.count: 5/ });
  });

  test('WHEN two zones are arbiters THEN the zones are refused', () => {
    const { site } = site120();
    const e = configError(() => new RookCluster(site, 'cluster', { mon: { count: 5, stretchCluster: { zones: [{ name: 'a', arbiter: true }, { name: 'b', arbiter: true }, { name: 'c' }] } } }));
    expectHelpful(e.message, { path: 'test-site/cluster: mon.stretchCluster.zones', value: /"name":"a"/, allowed: /one zone with arbiter: true/, fix: /arbiter: true on one zone only/ });
  });

  test('WHEN only two zones are listed THEN the zones are refused (three, one an arbiter)', () => {
    const { site } = site120();
    const e = configError(() => new RookCluster(site, 'cluster', { mon: { count: 5, stretchCluster: { zones: [{ name: 'a', arbiter: true }, { name: 'b' }] } } }));
    expectHelpful(e.message, { path: 'test-site/cluster: mon.stretchCluster.zones', value: /"name":"b"/, allowed: /three zones/, fix: /two data zones and one arbiter zone/ });
  });
});

describe('GIVEN knob values Rook would ignore or refuse', () => {
  test('WHEN keyGeneration is set without the KeyGeneration policy THEN it is refused', () => {
    const { site } = site120();
    const e = configError(() => new RookCluster(site, 'cluster', { security: { cephx: { csi: { keyGeneration: 2 } } } }));
    expectHelpful(e.message, { path: 'test-site/cluster: security.cephx.csi.keyGeneration', value: '2', allowed: /keyRotationPolicy: "KeyGeneration"/, fix: /keyRotationPolicy: "KeyGeneration"/ });
  });

  test('WHEN the KMS connection details hold a token THEN it is refused: tokens belong in the Secret named by tokenSecretName', () => {
    const { site } = site120();
    const e = configError(() => new RookCluster(site, 'cluster', { security: { kms: { connectionDetails: { KMS_PROVIDER: 'vault', VAULT_TOKEN: 'hvs.not-a-real-token' } } } }));
    expectHelpful(e.message, { path: 'test-site/cluster: security.kms.connectionDetails.VAULT_TOKEN', value: '"VAULT_TOKEN"', allowed: /connection settings only/, fix: /tokenSecretName/ });
    expect(e.message).not.toMatch(/hvs\./);
  });

  test('WHEN security.kms is set on 1.2 THEN it is refused with the versions that have it', () => {
    const { site } = site12();
    const e = configError(() => new RookCluster(site, 'cluster', { security: { kms: { tokenSecretName: 'vault-token' } } }));
    expectHelpful(e.message, { path: 'test-site/cluster: security.kms', value: '1.2.7', allowed: /v1\.7\.11, .*v1\.20\.6/, fix: /Kubernetes Secrets/ });
  });

  test('WHEN the legacy hostNetwork is combined with a provider THEN it is refused', () => {
    const { site } = site120();
    const e = configError(() => new RookCluster(site, 'cluster', { network: { provider: 'host', hostNetwork: true } }));
    expectHelpful(e.message, { path: 'test-site/cluster: network.hostNetwork', value: 'true', allowed: /either provider: "host" or hostNetwork/, fix: /remove hostNetwork/ });
  });

  test('WHEN a health check interval is not a Go duration THEN it is refused with the pattern', () => {
    const { site } = site120();
    const e = configError(() => new RookCluster(site, 'cluster', { healthCheck: { daemonHealth: { mon: { interval: '45 seconds' } } } }));
    expectHelpful(e.message, { path: 'test-site/cluster: healthCheck.daemonHealth.mon.interval', value: '"45 seconds"', allowed: /matching/, fix: /match/ });
  });

  test('WHEN a cephConfig option is a number THEN it is refused: Ceph options are strings in the CRD', () => {
    const { site } = site120();
    const e = configError(() => new RookCluster(site, 'cluster', { cephConfig: { global: { osd_pool_default_size: 3 as any } } }));
    expectHelpful(e.message, { path: 'test-site/cluster: cephConfig.global.osd_pool_default_size', value: '3', allowed: /string/, fix: /string/ });
  });

  test('WHEN an option is in both cephConfig and cephConfigFromSecret THEN it is refused', () => {
    const { site } = site120();
    const e = configError(() => new RookCluster(site, 'cluster', { cephConfig: { global: { a_b: '1' } }, cephConfigFromSecret: { global: { a_b: { name: 's', key: 'k' } } } }));
    expectHelpful(e.message, { path: 'test-site/cluster: cephConfigFromSecret.global.a_b', value: /"name":"s"/, allowed: /one of the two maps/, fix: /remove cephConfig\.global\.a_b/ });
  });

  test('WHEN a probe is set for a daemon the CephCluster does not probe THEN the key is refused with the daemons', () => {
    const { site } = site120();
    const e = configError(() => new RookCluster(site, 'cluster', { healthCheck: { livenessProbe: { mds: { disabled: true } } as any } }));
    expectHelpful(e.message, { path: 'test-site/cluster: healthCheck.livenessProbe.mds', value: '"mds"', allowed: /mgr, mon, osd/, fix: /remove "mds"/ });
  });

  test('WHEN the osd check is set on an ExternalCluster THEN it is refused (Rook runs no OSDs there)', () => {
    const { site } = site120();
    const e = configError(() => new ExternalCluster(site, 'ext', { fsid: FSID, monEndpoints: MONS, healthCheck: { daemonHealth: { osd: { disabled: true } } as any }, secrets: { mon: es('mon', 'ceph-secret') } }));
    expectHelpful(e.message, { path: 'test-site/ext: healthCheck.daemonHealth.osd', value: '"osd"', allowed: /mon, status/ });
  });

  test('WHEN sanitizeDisks names an unknown data source THEN confirmDataDestruction() refuses it with the sources', () => {
    const { site } = site120();
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => cluster.confirmDataDestruction({ sanitizeDisks: { dataSource: 'urandom' as any } }));
    expectHelpful(e.message, { path: 'test-site/cluster: confirmDataDestruction(): sanitizeDisks.dataSource', value: '"urandom"', allowed: /"zero", "random"/, fix: /allowed values/ });
  });
});

describe('GIVEN a changed knob of an existing CephCluster', () => {
  const cluster = { kind: 'CephCluster', metadata: { name: 'rook-ceph', namespace: 'rook-ceph' } };
  test.each([
    ['spec.cephConfig.global.osd_pool_default_size', 'safe', /mon config database/],
    ['spec.healthCheck.daemonHealth.mon.interval', 'safe', /checks the daemons/],
    ['spec.healthCheck.livenessProbe.osd.disabled', 'rolling-restart', /livenessProbe/],
    ['spec.security.cephx.csi.keyGeneration', 'rolling-restart', /new keys/],
    ['spec.security.keyRotation.schedule', 'safe', /schedule/],
    ['spec.upgradeOSDRequiresHealthyPGs', 'safe', /next upgrade/],
    ['spec.disruptionManagement.pgHealthyRegex', 'safe', /drains/],
    ['spec.csi.readAffinity.enabled', 'rolling-restart', /CSI configuration/],
    ['spec.mon.stretchCluster.zones[0].name', 'data-movement', /stretch layout/],
  ])('WHEN %s changes THEN the plan calls it %s and says why', (path, cls, why) => {
    const c = classifyField(cluster, { path, before: 'a', after: 'b' });
    expect(c.class).toBe(cls);
    expect(c.why).toMatch(why);
  });

  test('WHEN a probe changes THEN the restart names the daemon pods', () => {
    expect(classifyField(cluster, { path: 'spec.healthCheck.startupProbe.mon.disabled', before: false, after: true }).restarts).toBe('the mon pods');
  });
});

describe('GIVEN a Rook v1.2.7 site, whose CRD has no security section', () => {
  test('WHEN an empty security object is passed THEN it is refused rather than written as an undeclared field', () => {
    const { site } = site12();
    const e = configError(() => new RookCluster(site, 'cluster', { security: {} }));
    expectHelpful(e.message, { path: 'test-site/cluster: security', value: '1.2.7', allowed: /v1\.7\.11, .*v1\.20\.6/, fix: /remove security/ });
  });
});
