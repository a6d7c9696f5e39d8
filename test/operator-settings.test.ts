/**
 * Typed operator settings of RookOperator (issue 10): each prop becomes the key the pinned Rook version reads, where
 * that version's install mode puts it (vendored: a `rook-ceph-operator-config` key or an operator env var, as in
 * upstream's operator.yaml; helm: the chart value that renders the key). Bad input: a setting on a version without
 * it, a chart without a value for it, a typed prop and the same raw key, malformed values. Also CephCsi's per-driver
 * fsGroupPolicy.
 */
import * as fs from 'fs';
import { App } from 'cdk8s';
import * as YAML from 'yaml';
import { RookOperator, RookOperatorProps, Site } from '../src';
import { OPERATOR_SETTINGS, operatorSettingPlace } from '../src/rook/operator-settings';
import { hasFeature, RookVersion, ROOK_PROFILES } from '../src/versions';
import { configError, describeWithUpstream, expectHelpful, manifests, upstreamPath } from './helpers';

const KUBE: Partial<Record<RookVersion, string>> = { '1.20.6': '1.33.0', '1.7.11': '1.22.0', '1.2.7': '1.16.0' };
const REPO = 'https://git.example.com/platform/storage.git';

function siteOf(rook: RookVersion): Site {
  return new Site(new App(), 's', { kubernetesVersion: KUBE[rook]!, rookVersion: rook, gitops: { engine: 'argocd', repoURL: REPO } });
}

/** What a vendored operator writes: the ConfigMap data and Deployment env it adds to upstream's. */
function vendored(rook: RookVersion, props: RookOperatorProps, then?: (op: RookOperator) => void) {
  const site = siteOf(rook);
  const op = new RookOperator(site, 'operator', { ...props, install: { mode: 'vendored', dir: upstreamPath('rook', `v${rook}`) } });
  then?.(op);
  const objs = manifests(site);
  const cm = objs.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'rook-ceph-operator-config');
  const env: any[] = objs.find((m) => m.kind === 'Deployment' && m.metadata.name === 'rook-ceph-operator').spec.template.spec.containers[0].env;
  return { data: cm.data ?? {}, env: Object.fromEntries(env.filter((e) => 'value' in e).map((e) => [e.name, e.value])) };
}

/** The chart values of a Helm-installed operator (the Argo CD Application's valuesObject, or its values string on Argo CD < 2.8). */
function helm(rook: RookVersion, props: RookOperatorProps): Record<string, any> {
  const site = siteOf(rook);
  new RookOperator(site, 'operator', props);
  const h = manifests(site).find((m) => m.kind === 'Application' && m.metadata.name === 's-rook-ceph-operator').spec.source.helm;
  return h.valuesObject ?? YAML.parse(h.values);
}

/** Upstream's operator.yaml of a version: the ConfigMap keys (set or commented out) and the Deployment env names. */
function upstreamOperator(rook: RookVersion) {
  const file = upstreamPath('rook', `v${rook}`, 'operator.yaml');
  const text = fs.readFileSync(file, 'utf8');
  const docs = YAML.parseAllDocuments(text).map((d) => d.toJSON()).filter((d) => d?.kind);
  const cm = docs.find((d) => d.kind === 'ConfigMap' && d.metadata.name === 'rook-ceph-operator-config');
  const deployment = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === 'rook-ceph-operator');
  const commented = new Set([...text.matchAll(/^ {2}# ?([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1]));
  return {
    configMapKeys: new Set([...Object.keys(cm?.data ?? {}), ...commented]),
    env: new Set<string>(deployment.spec.template.spec.containers[0].env.map((e: any) => e.name)),
  };
}

describe('GIVEN the table of typed operator settings', () => {
  test.each(Object.keys(ROOK_PROFILES) as RookVersion[])('WHEN read for Rook %s THEN a setting has a place only where its gate allows it, and only as the line\'s operator.yaml lists it', (rook) => {
    let placed = 0;
    for (const d of OPERATOR_SETTINGS) {
      const place = operatorSettingPlace(d, rook);
      if (!place) continue;
      placed++;
      if (d.feature) expect([d.prop, rook, hasFeature({ kubernetes: '1.30.0', rook }, d.feature)]).toEqual([d.prop, rook, true]);
      if (!d.versions[rook]) {
        const facts = ROOK_PROFILES[rook].facts;
        expect([d.key, (place.vendored === 'configmap' ? facts.configMapKeys : facts.envVars).includes(d.key)]).toEqual([d.key, true]);
        if (place.helm) expect(facts.chartValues['rook-ceph']).toContain(place.helm);
      }
    }
    expect(placed).toBeGreaterThan(0);
  });

  test.each(['1.20.6', '1.7.11', '1.2.7'] as RookVersion[])('WHEN read for Rook %s THEN a setting has a place on exactly the versions its feature gate allows', (rook) => {
    for (const d of OPERATOR_SETTINGS) {
      const gated = d.feature ? hasFeature({ kubernetes: KUBE[rook]!, rook }, d.feature) : true;
      expect([d.prop, rook, d.versions[rook] !== undefined]).toEqual([d.prop, rook, gated]);
    }
  });
});

describeWithUpstream('GIVEN upstream\'s operator.yaml of each pinned version', () => {
  test.each(['1.20.6', '1.7.11', '1.2.7'] as RookVersion[])('WHEN the table says where Rook %s carries a setting THEN upstream\'s operator.yaml has the key there', (rook) => {
    const up = upstreamOperator(rook);
    const misplaced = OPERATOR_SETTINGS.flatMap((d) => {
      const place = d.versions[rook];
      if (!place) return [];
      const found = place.vendored === 'configmap' ? up.configMapKeys.has(d.key) : up.env.has(d.key);
      return found ? [] : [`${d.key} (${place.vendored})`];
    });
    expect(misplaced).toEqual([]);
  });
});

describeWithUpstream('GIVEN a vendored RookOperator with typed settings', () => {
  test('WHEN Rook is 1.20.6 THEN the settings are rook-ceph-operator-config keys or env, where upstream\'s operator.yaml has them', () => {
    const { data, env } = vendored('1.20.6', {
      metricsBindAddress: ':8080', deleteUnusedCrushRules: false, cephCommandsTimeoutSeconds: 30, disableDeviceHotplug: true,
      discoverDevicesInterval: '30m', customHostnameLabel: 'topology.example.com/host', revisionHistoryLimit: 3,
      unreachableNodeTolerationSeconds: 30, hostpathRequiresPrivileged: true, reconcileConcurrentClusters: 2,
    });
    expect(data).toMatchObject({
      ROOK_OPERATOR_METRICS_BIND_ADDRESS: ':8080', ROOK_DELETE_UNUSED_CRUSH_RULES: 'false', ROOK_CEPH_COMMANDS_TIMEOUT_SECONDS: '30',
      ROOK_DISABLE_DEVICE_HOTPLUG: 'true', ROOK_DISCOVER_DEVICES_INTERVAL: '30m', ROOK_CUSTOM_HOSTNAME_LABEL: 'topology.example.com/host',
      ROOK_REVISION_HISTORY_LIMIT: '3',
    });
    expect(env).toMatchObject({ ROOK_UNREACHABLE_NODE_TOLERATION_SECONDS: '30', ROOK_HOSTPATH_REQUIRES_PRIVILEGED: 'true', ROOK_RECONCILE_CONCURRENT_CLUSTERS: '2' });
    expect(data.ROOK_UNREACHABLE_NODE_TOLERATION_SECONDS).toBeUndefined();
    expect(env.ROOK_DISABLE_DEVICE_HOTPLUG).toBeUndefined();
  });

  test('WHEN Rook is 1.7.11 THEN hotplug and the discovery interval go to the env (that operator reads them only there), the rest to the ConfigMap', () => {
    const { data, env } = vendored('1.7.11', {
      cephCommandsTimeoutSeconds: 30, disableDeviceHotplug: true, discoverDevicesInterval: '2h', logLevel: 'DEBUG',
      csi: { rbdSnapshotter: false, cephfsSnapshotter: false, omapGenerator: true, volumeReplication: true, grpcMetrics: true, hostNetwork: false, allowUnsupportedVersion: true },
    });
    expect(data).toMatchObject({
      ROOK_CEPH_COMMANDS_TIMEOUT_SECONDS: '30', ROOK_LOG_LEVEL: 'DEBUG', CSI_ENABLE_RBD_SNAPSHOTTER: 'false', CSI_ENABLE_CEPHFS_SNAPSHOTTER: 'false',
      CSI_ENABLE_OMAP_GENERATOR: 'true', CSI_ENABLE_VOLUME_REPLICATION: 'true', ROOK_CSI_ENABLE_GRPC_METRICS: 'true', CSI_ENABLE_HOST_NETWORK: 'false',
      ROOK_CSI_ALLOW_UNSUPPORTED_VERSION: 'true',
    });
    expect(env).toMatchObject({ ROOK_DISABLE_DEVICE_HOTPLUG: 'true', ROOK_DISCOVER_DEVICES_INTERVAL: '2h' });
    expect(data.ROOK_DISABLE_DEVICE_HOTPLUG).toBeUndefined();
  });

  test('WHEN Rook is 1.2.7 THEN every setting is an operator env var, replacing upstream\'s value', () => {
    const { data, env } = vendored('1.2.7', {
      logLevel: 'DEBUG', enableDiscoveryDaemon: false, disableDeviceHotplug: true, discoverDevicesInterval: '10m', unreachableNodeTolerationSeconds: 60,
      cephStatusCheckInterval: '30s', monHealthCheckInterval: '90s', monOutTimeout: '20m', csi: { snapshotter: false, grpcMetrics: false },
    });
    expect(data).toEqual({});
    expect(env).toMatchObject({
      ROOK_LOG_LEVEL: 'DEBUG', ROOK_ENABLE_DISCOVERY_DAEMON: 'false', ROOK_DISABLE_DEVICE_HOTPLUG: 'true', ROOK_DISCOVER_DEVICES_INTERVAL: '10m',
      ROOK_UNREACHABLE_NODE_TOLERATION_SECONDS: '60', ROOK_CEPH_STATUS_CHECK_INTERVAL: '30s', ROOK_MON_HEALTHCHECK_INTERVAL: '90s', ROOK_MON_OUT_TIMEOUT: '20m',
      CSI_ENABLE_SNAPSHOTTER: 'false', ROOK_CSI_ENABLE_GRPC_METRICS: 'false',
    });
  });

  test('WHEN no typed setting is given THEN upstream\'s ConfigMap and env are left as they are (defaults are not written)', () => {
    const up = YAML.parseAllDocuments(fs.readFileSync(upstreamPath('rook', 'v1.20.6', 'operator.yaml'), 'utf8')).map((d) => d.toJSON())
      .find((d) => d?.kind === 'ConfigMap' && d.metadata.name === 'rook-ceph-operator-config');
    expect(vendored('1.20.6', {}).data).toEqual(up.data);
  });

  test('WHEN a typed prop and the same raw ConfigMap key or env var are both set THEN the raw one is refused', () => {
    const e = configError(() => vendored('1.20.6', { deleteUnusedCrushRules: false }, (op) => op.setConfigMapKey('ROOK_DELETE_UNUSED_CRUSH_RULES', 'true')));
    expectHelpful(e.message, { path: 's/operator: ROOK_DELETE_UNUSED_CRUSH_RULES', value: 'true', allowed: /deleteUnusedCrushRules/, fix: /remove the raw ROOK_DELETE_UNUSED_CRUSH_RULES/ });
    const e2 = configError(() => vendored('1.2.7', { unreachableNodeTolerationSeconds: 60 }, (op) => op.setEnv('ROOK_UNREACHABLE_NODE_TOLERATION_SECONDS', '5')));
    expectHelpful(e2.message, { path: 's/operator: ROOK_UNREACHABLE_NODE_TOLERATION_SECONDS', value: '5', allowed: /unreachableNodeTolerationSeconds/, fix: /leave unreachableNodeTolerationSeconds unset/ });
  });
});

describe('GIVEN a RookOperator from the Helm chart with typed settings', () => {
  test('WHEN Rook is 1.20.6 THEN each setting is the chart value that renders its key, typed as in the chart values', () => {
    const values = helm('1.20.6', {
      metricsBindAddress: ':8080', deleteUnusedCrushRules: false, cephCommandsTimeoutSeconds: 30, disableDeviceHotplug: true,
      discoverDevicesInterval: '30m', customHostnameLabel: 'topology.example.com/host', revisionHistoryLimit: 3,
      unreachableNodeTolerationSeconds: 30, hostpathRequiresPrivileged: true, reconcileConcurrentClusters: 2,
    });
    expect(values).toEqual({
      crds: { enabled: true }, operatorMetricsBindAddress: ':8080', deleteUnusedCrushRules: false, cephCommandsTimeoutSeconds: '30',
      disableDeviceHotplug: true, discoveryDaemonInterval: '30m', customHostnameLabel: 'topology.example.com/host', revisionHistoryLimit: 3,
      unreachableNodeTolerationSeconds: 30, hostpathRequiresPrivileged: true, reconcileConcurrentClusters: 2,
    });
  });

  test('WHEN Rook is 1.7.11 or 1.2.7 THEN the CSI switches are the chart\'s csi.* values', () => {
    expect(helm('1.7.11', { csi: { rbdSnapshotter: false, omapGenerator: true, volumeReplication: true, hostNetwork: false } })).toEqual({
      crds: { enabled: true }, csi: { enableRBDSnapshotter: false, enableOMAPGenerator: true, volumeReplication: { enabled: true }, enableCSIHostNetwork: false },
    });
    expect(helm('1.2.7', { csi: { snapshotter: false }, monOutTimeout: '20m' })).toEqual({ csi: { enableSnapshotter: false }, mon: { monOutTimeout: '20m' } });
  });

  test('WHEN a construct sets the raw key of a typed setting THEN it goes to the same chart value of the pinned version', () => {
    const site = siteOf('1.20.6');
    const op = new RookOperator(site, 'operator');
    op.setConfigMapKey('ROOK_DISCOVER_DEVICES_INTERVAL', '15m');
    op.setConfigMapKey('ROOK_CEPH_COMMANDS_TIMEOUT_SECONDS', '20');
    expect(op.helmValues()).toMatchObject({ discoveryDaemonInterval: '15m', cephCommandsTimeoutSeconds: '20' });
  });

  test('WHEN a typed prop and a raw chart value of the same path are both set THEN the raw one is refused', () => {
    const site = siteOf('1.20.6');
    const op = new RookOperator(site, 'operator', { logLevel: 'DEBUG', revisionHistoryLimit: 2 });
    expectHelpful(configError(() => op.setHelmValue('logLevel', 'INFO')).message, { path: 's/operator: logLevel', value: 'INFO', allowed: /the prop logLevel/, fix: /remove the raw setHelmValue\("logLevel"\)/ });
    expectHelpful(configError(() => op.setConfigMapKey('ROOK_REVISION_HISTORY_LIMIT', '5')).message, { path: 's/operator: ROOK_REVISION_HISTORY_LIMIT', value: '5', allowed: /revisionHistoryLimit/ });
  });

  test('WHEN the chart of the pinned version has no value for a setting THEN it is refused, naming the vendored mode', () => {
    const e = configError(() => helm('1.7.11', { discoverDevicesInterval: '2h' }));
    expectHelpful(e.message, { path: 's/operator: discoverDevicesInterval', value: '2h', allowed: /mode: "vendored".*Rook .*v1\.20\.6/, fix: /vendored mode/ });
  });
});

describe('GIVEN a typed operator setting on a Rook version without it', () => {
  test.each([
    ['1.7.11', { metricsBindAddress: ':8080' }, 'metricsBindAddress', /v1\.20\.6 \(range/],
    ['1.7.11', { deleteUnusedCrushRules: false }, 'deleteUnusedCrushRules', /v1\.20\.6 \(range/],
    ['1.2.7', { cephCommandsTimeoutSeconds: 30 }, 'cephCommandsTimeoutSeconds', /Rook .*v1\.7\.11, .*v1\.20\.6/],
    ['1.20.6', { csi: { omapGenerator: true } }, 'csi.omapGenerator', /v1\.7\.11, .*\(range/],
    ['1.20.6', { csi: { grpcMetrics: true } }, 'csi.grpcMetrics', /Rook .*v1\.2\.7, .*v1\.7\.11/],
    ['1.2.7', { csi: { rbdSnapshotter: false } }, 'csi.rbdSnapshotter', /v1\.7\.11, .*\(range/],
    // both gates follow the lines whose operator.yaml lists the key (v1.3.11 still does)
    ['1.7.11', { csi: { snapshotter: false } }, 'csi.snapshotter', /v1\.2\.7, v1\.3\.11 \(range/],
    ['1.20.6', { monOutTimeout: '20m' }, 'monOutTimeout', /v1\.2\.7, v1\.3\.11 \(range/],
  ] as [RookVersion, RookOperatorProps, string, RegExp][])('WHEN Rook is %s and %j is set THEN the error names the pinned version and the versions that have it', (rook, props, field, allowed) => {
    const e = configError(() => new RookOperator(siteOf(rook), 'operator', props));
    expectHelpful(e.message, { path: `s/operator: ${field}`, value: rook, allowed });
  });

  test('WHEN csi.snapshotter is set on 1.7.11 THEN the fix names the per-driver switches', () => {
    const e = configError(() => new RookOperator(siteOf('1.7.11'), 'operator', { csi: { snapshotter: false } }));
    expectHelpful(e.message, { path: 's/operator: csi.snapshotter', value: '1.7.11', fix: /csi\.rbdSnapshotter and csi\.cephfsSnapshotter/ });
  });
});

describe('GIVEN malformed typed operator settings', () => {
  test.each([
    [{ discoverDevicesInterval: '60 minutes' }, 'discoverDevicesInterval', '60 minutes', /Go duration/],
    [{ metricsBindAddress: '8080' }, 'metricsBindAddress', '8080', /":8080"/],
    [{ customHostnameLabel: 'my host' }, 'customHostnameLabel', 'my host', /DNS-1123 subdomain prefix/],
    [{ cephCommandsTimeoutSeconds: 0 }, 'cephCommandsTimeoutSeconds', '0', />= 1/],
    [{ reconcileConcurrentClusters: 1.5 }, 'reconcileConcurrentClusters', '1.5', /type int/],
    [{ csi: { omapGenrator: true } }, 'csi.omapGenrator', 'omapGenrator', /omapGenerator/],
  ] as [RookOperatorProps, string, string, RegExp][])('WHEN %j THEN the error names the field, the value and what is allowed', (props, field, value, allowed) => {
    const e = configError(() => new RookOperator(siteOf('1.20.6'), 'operator', props));
    expectHelpful(e.message, { path: `s/operator: ${field}`, value, allowed });
  });
});
