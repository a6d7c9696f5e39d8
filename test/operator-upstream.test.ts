/**
 * Upstream's operator settings rebuilt through the public API and compared field by field (issue 10):
 * - the `rook-ceph-operator-config` ConfigMap of v1.20.6 and v1.7.11 operator.yaml: the vendored operator includes
 *   upstream's ConfigMap and patches our keys into it, so the comparison starts from a copy of upstream's folder whose
 *   ConfigMap has no data: every upstream key must come from a typed prop (RookOperator, CephCsi) with upstream's value;
 * - the rook-ceph chart values of v1.20.6 (rook-ceph-chart-values.yaml), the subset our Helm mode writes (the keys of
 *   the typed chart values and of the typed settings of v1.20.6).
 *
 * Deliberate differences (each listed in its test):
 * - `ROOK_CUSTOM_HOSTNAME_LABEL: ""` (v1.20.6): an empty label means "kubernetes.io/hostname", which is what leaving
 *   customHostnameLabel unset gives; the prop takes only a real label key.
 * - `ROOK_ENABLE_FLEX_DRIVER: "false"` (v1.7.11): only FlexVolume writes the key (to turn the driver on); off is the
 *   v1.7 operator's own default.
 * - chart `image.pullPolicy` and `currentNamespaceOnly: false`: the chart's defaults; RookOperator has no pull policy
 *   prop and writes currentNamespaceOnly only for watchNamespaces: 'operator-namespace'.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { App } from 'cdk8s';
import { CephCsi, RookOperator, Site } from '../src';
import { OPERATOR_SETTINGS } from '../src/rook/operator-settings';
import { rookHelmValuesSchema } from '../src/rook/rook-operator';
import { ROOK_PROFILES } from '../src/versions';
import { describeWithUpstream, upstreamPath } from './helpers';
import { compare, leaves, ours, printFieldReport, recordFields, synthValid, upstreamDocs, upstreamValues } from './upstream-compare';

const REPO = 'https://git.example.com/platform/storage.git';

/** A copy of upstream's vendored files of a version whose rook-ceph-operator-config has no data (nothing to inherit). */
const tmpDirs: string[] = [];
function folderWithoutOperatorConfigData(version: '1.20.6' | '1.7.11'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gs-op-${version}-`));
  tmpDirs.push(dir);
  for (const f of ROOK_PROFILES[version].vendoredFiles) {
    const src = upstreamPath('rook', `v${version}`, f);
    if (f !== 'operator.yaml') {
      fs.copyFileSync(src, path.join(dir, f));
      continue;
    }
    const docs = YAML.parseAllDocuments(fs.readFileSync(src, 'utf8'));
    for (const d of docs) if (d.get('kind') === 'ConfigMap' && (d.get('metadata') as any)?.get('name') === 'rook-ceph-operator-config') d.delete('data');
    fs.writeFileSync(path.join(dir, f), docs.map((d) => String(d)).join('---\n'));
  }
  return dir;
}

function operatorConfig(version: '1.20.6' | '1.7.11'): any {
  return upstreamDocs(`v${version}`, 'operator.yaml').find((d) => d.kind === 'ConfigMap' && d.metadata.name === 'rook-ceph-operator-config');
}

afterAll(() => {
  printFieldReport('operator-upstream');
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

describeWithUpstream('GIVEN upstream\'s operator settings rebuilt through the public API', () => {
  test('v1.20.6 operator.yaml rook-ceph-operator-config: every key from a typed prop but the empty hostname label', () => {
    const app = new App();
    const site = new Site(app, 's', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
    new RookOperator(site, 'operator', {
      install: { mode: 'vendored', dir: folderWithoutOperatorConfigData('1.20.6') },
      logLevel: 'INFO', metricsBindAddress: '0', allowLoopDevices: false, deleteUnusedCrushRules: true, obcWatchOperatorNamespace: true,
      enableDiscoveryDaemon: false, cephCommandsTimeoutSeconds: 15, disableDeviceHotplug: false, discoverDevicesInterval: '60m', enforceHostNetwork: false,
    });
    const r = compare(operatorConfig('1.20.6'), ours(synthValid(app), 'ConfigMap', 'rook-ceph-operator-config'));
    expect(r.differences).toEqual([
      // empty = kubernetes.io/hostname, the same as leaving customHostnameLabel unset
      'data.ROOK_CUSTOM_HOSTNAME_LABEL: "" -> (none)',
    ]);
    expect(r.equal).toBe(14);
    recordFields('v1.20.6/operator.yaml', r.equal);
  });

  test('v1.7.11 operator.yaml rook-ceph-operator-config: every key from RookOperator and CephCsi props but the flex driver switch', () => {
    const app = new App();
    const site = new Site(app, 's', { kubernetesVersion: '1.22.0', rookVersion: '1.7.11' });
    const operator = new RookOperator(site, 'operator', {
      install: { mode: 'vendored', dir: folderWithoutOperatorConfigData('1.7.11') },
      logLevel: 'INFO', obcWatchOperatorNamespace: true, enableDiscoveryDaemon: false, cephCommandsTimeoutSeconds: 15,
      csi: { grpcMetrics: false, rbdSnapshotter: true, cephfsSnapshotter: true, allowUnsupportedVersion: false, volumeReplication: false },
    });
    new CephCsi(site, 'csi', {
      operator, drivers: { rbd: true, cephfs: true }, provisionerReplicas: 2, cephFsClientType: 'kernel',
      // upstream sets the two drivers differently: the per-driver form
      fsGroupPolicy: { rbd: 'ReadWriteOnceWithFSType', cephfs: 'None' },
    });
    const r = compare(operatorConfig('1.7.11'), ours(synthValid(app), 'ConfigMap', 'rook-ceph-operator-config'));
    expect(r.differences).toEqual([
      // only FlexVolume writes it (to turn the driver on); off is the v1.7 operator's default
      'data.ROOK_ENABLE_FLEX_DRIVER: "false" -> (none)',
    ]);
    expect(r.equal).toBe(19);
    recordFields('v1.7.11/operator.yaml', r.equal);
  });

  test('v1.20.6 rook-ceph-chart-values.yaml, the values our Helm mode writes: equal but the chart\'s pull policy and currentNamespaceOnly', () => {
    const app = new App();
    const site = new Site(app, 's', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6', gitops: { engine: 'argocd', repoURL: REPO } });
    new RookOperator(site, 'operator', {
      image: 'docker.io/rook/ceph:v1.20.6', logLevel: 'INFO', enableDiscoveryDaemon: false, enforceHostNetwork: false, allowLoopDevices: false,
      resources: { limits: { memory: '512Mi' }, requests: { cpu: '200m', memory: '128Mi' } }, tolerations: [], obcWatchOperatorNamespace: true,
      deleteUnusedCrushRules: true, cephCommandsTimeoutSeconds: 15, disableDeviceHotplug: false, discoverDevicesInterval: '60m',
      unreachableNodeTolerationSeconds: 5, hostpathRequiresPrivileged: false, reconcileConcurrentClusters: 1,
    });
    const values = ours(synthValid(app), 'Application', 's-rook-ceph-operator').spec.source.helm.valuesObject;
    // the subset we write: the typed chart values and the chart value of every typed setting of v1.20.6
    const written = new Set([...Object.keys(rookHelmValuesSchema.shape), ...OPERATOR_SETTINGS.flatMap((d) => d.versions['1.20.6']?.helm ?? [])]);
    const all = upstreamValues('v1.20.6', 'rook-ceph-chart-values.yaml');
    const upstream = Object.fromEntries(Object.entries(all).filter(([k]) => written.has(k)));
    // every chart value we write is one of upstream's top-level values (a misspelt path would be silently ignored by helm)
    const topLevel = [...leaves(values).keys()].map((k) => k.split(/[.[]/)[0]);
    expect(topLevel.filter((k) => !(k in all))).toEqual([]);
    const r = compare(upstream, values);
    expect(r.differences).toEqual([
      // written only for watchNamespaces: 'operator-namespace' (false is the chart's default)
      'currentNamespaceOnly: false -> (none)',
      // the chart's default; RookOperator has no pull policy prop
      'image.pullPolicy: "IfNotPresent" -> (none)',
    ]);
    expect(r.equal).toBe(19);
    recordFields('v1.20.6/rook-ceph-chart-values.yaml', r.equal);
  });
});
