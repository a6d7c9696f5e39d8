/**
 * The legacy reference sites: kubespray-flex (Kubernetes 1.19.0, Rook v1.7.11, FlexVolume, Argo CD) and
 * rook12-csi (Kubernetes 1.16.0, Rook v1.2.7, CSI default with flex kept for old volumes, plain output).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import * as YAML from 'yaml';
import { kubesprayFlex } from '../src/sites/kubespray-flex';
import { rook12Csi } from '../src/sites/rook12-csi';
import { renderSite, synthApp } from '../src/pipeline/synth';
import { findManifest, UPSTREAM } from './helpers';

const files = (site: ReturnType<typeof kubesprayFlex>) => renderSite(site).files;
const text = (site: ReturnType<typeof kubesprayFlex>, p: string) => files(site).find((f) => f.path === p)?.content;

describe('GIVEN the kubespray-flex site', () => {
  const app = new App();
  const site = kubesprayFlex(app);

  test('WHEN synthesized THEN every object validates strictly against Kubernetes 1.19.0 and the rook@v1.7.11 CRDs', () => {
    const r = synthApp(app, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gs-out-')), upstreamDir: UPSTREAM });
    expect(r.results.length).toBeGreaterThan(0);
    expect(r.results.filter((x) => x.status !== 'statusValid')).toEqual([]);
    // the Argo CD engine adds its own CRDs (the site Application is validated too)
    expect(site.schemaSources).toEqual(['argo-cd@v3.5.1', 'rook@v1.7.11']);
    expect(site.gitops).toMatchObject({ engine: 'argocd', repoURL: 'https://git.example.com/platform/storage.git', path: 'dist/kubespray-flex' });
  });

  test('THEN the flex class rook-ceph-block is the default and uses the replicated pool of the cluster namespace', () => {
    const sc = findManifest(site, 'StorageClass', 'rook-ceph-block');
    expect(sc.provisioner).toBe('ceph.rook.io/block');
    expect(sc.parameters).toEqual({ blockPool: 'replicapool', clusterNamespace: 'rook-ceph', fstype: 'ext4' });
    expect(sc.metadata.annotations['storageclass.kubernetes.io/is-default-class']).toBe('true');
    expect(findManifest(site, 'CephBlockPool', 'replicapool').spec.replicated).toEqual({ size: 3, requireSafeReplicaSize: true });
  });

  test('THEN the v1.7.11 operator chart enables the flex driver on /var/lib/kubelet/volume-plugins and kubespray gets the same path', () => {
    const app = findManifest(site, 'Application', 'kubespray-flex-rook-ceph-operator');
    expect(app.spec.source).toMatchObject({ chart: 'rook-ceph', targetRevision: 'v1.7.11' });
    // Argo CD 2.2 (the default of Kubernetes 1.19) has no valuesObject: the values are the Helm values string
    expect(app.spec.source.helm.valuesObject).toBeUndefined();
    expect(YAML.parse(app.spec.source.helm.values)).toMatchObject({ enableFlexDriver: true, agent: { flexVolumeDirPath: '/var/lib/kubelet/volume-plugins' } });
    expect(YAML.parse(text(site, 'host/kubespray-flexvolume.yml')!)).toEqual({ kubelet_flexvolumes_plugins_dir: '/var/lib/kubelet/volume-plugins' });
    expect(text(site, 'host/FLEXVOLUME.md')).toMatch(/installed from the Helm chart[\s\S]*flexVolumeDirPath: \/var\/lib\/kubelet\/volume-plugins/);
  });

  test('THEN the example StatefulSet in the tools layer claims rook-ceph-block', () => {
    const paths = files(site).map((f) => f.path);
    expect(paths).toContain('60-tools/statefulset_flex-demo_flex-demo.yaml');
    const sts = findManifest(site, 'StatefulSet', 'flex-demo');
    expect(sts.spec.volumeClaimTemplates[0].spec.storageClassName).toBe('rook-ceph-block');
  });

  test('THEN the migration note says rook-ceph-block still needs a CSI twin before upgrading past 1.7', () => {
    expect(text(site, 'notes/flex-to-csi-migration.md')).toMatch(/\| `rook-ceph-block` \| rook-ceph \| replicapool \| \*\*none/);
  });
});

describe('GIVEN the rook12-csi site', () => {
  const app = new App();
  const site = rook12Csi(app);

  test('WHEN synthesized THEN every object validates strictly against Kubernetes 1.16.0 and the rook@v1.2.7 CRDs (apiextensions v1beta1)', () => {
    const r = synthApp(app, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gs-out-')), upstreamDir: UPSTREAM });
    expect(r.results.filter((x) => x.status !== 'statusValid')).toEqual([]);
    expect(site.schemaSources).toEqual(['rook@v1.2.7']);
    expect(site.gitops).toEqual({ engine: 'plain' });
  });

  test('THEN CSI RBD is the default class and the flex class sits beside it on the same pool', () => {
    const csi = findManifest(site, 'StorageClass', 'rook-ceph-block');
    expect(csi.provisioner).toBe('rook-ceph.rbd.csi.ceph.com');
    expect(csi.metadata.annotations['storageclass.kubernetes.io/is-default-class']).toBe('true');
    const flex = findManifest(site, 'StorageClass', 'rook-ceph-block-flex');
    expect(flex.provisioner).toBe('ceph.rook.io/block');
    expect(flex.metadata.annotations).toBeUndefined();
    expect(flex.parameters).toEqual({ blockPool: 'replicapool', clusterNamespace: 'rook-ceph', fstype: 'xfs' });
  });

  test('THEN flex stays enabled in the v1.2.7 chart values (no ConfigMap on 1.2) and the CephCluster uses the v1.2.7 image', () => {
    expect(files(site).some((f) => f.objects.some((o) => o.kind === 'ConfigMap'))).toBe(false);
    const values = YAML.parse(text(site, 'helm/rook-ceph-values.yaml')!);
    expect(values).toMatchObject({ enableFlexDriver: true, csi: { enableRbdDriver: true } });
    expect(values.crds).toBeUndefined(); // the 1.2 chart has no crds.enabled value
    expect(text(site, 'helm/README.md')).toMatch(/--version v1\.2\.7/);
    expect(findManifest(site, 'CephCluster', 'rook-ceph').spec.cephVersion.image).toBe('ceph/ceph:v14.2.8');
    expect(text(site, 'notes/flex-to-csi-migration.md')).toBeUndefined();
  });
});
