import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { BucketStorageClass, CephCsi, FlexVolume, ObjectBucketClaim, RookCluster, RookOperator, TopoLVM } from '../src';
import { place } from '../src/site/layers';
import { synthApp } from '../src/pipeline/synth';
import { classifyField, diffFields } from '../src/plan/classify';
import { configError, expectHelpful, manifests, newSite, synthError, UPSTREAM } from './helpers';

const PSA = 'pod-security.kubernetes.io/';
const nsLabels = (ms: any[], name: string): Record<string, string> => {
  const ns = ms.find((m) => m.kind === 'Namespace' && m.metadata.name === name);
  if (!ns) throw new Error(`no Namespace ${name}`);
  return ns.metadata.labels ?? {};
};
const psaOf = (labels: Record<string, string>) => Object.fromEntries(Object.entries(labels).filter(([k]) => k.startsWith(PSA)));

function rookSite(props: Parameters<typeof newSite>[0] = {}) {
  const r = newSite(props);
  new CephCsi(r.site, 'csi', { operator: new RookOperator(r.site, 'operator', {}) });
  return r;
}

describe('Pod Security Admission labels on the namespaces a site creates', () => {
  test('GIVEN a Rook site on Kubernetes 1.33 WHEN synthesized THEN the operator (CSI) and cluster namespaces enforce, audit and warn privileged', () => {
    const { site } = rookSite();
    new RookCluster(site, 'cluster', { namespace: 'ceph-a' });
    const ms = manifests(site);
    for (const ns of ['rook-ceph', 'ceph-a']) {
      expect(psaOf(nsLabels(ms, ns))).toEqual({ [`${PSA}enforce`]: 'privileged', [`${PSA}audit`]: 'privileged', [`${PSA}warn`]: 'privileged' });
    }
  });

  test('GIVEN a TopoLVM site WHEN synthesized THEN its namespace is privileged because the node and lvmd DaemonSets use hostPath', () => {
    const { site } = newSite({ rookVersion: undefined, topolvmVersion: '0.41.0' });
    new TopoLVM(site, 'topolvm', { platform: 'kubeadm', deviceClasses: [{ name: 'ssd', volumeGroup: 'vg-ssd', default: true }], lvmd: { mode: 'daemonset' }, scheduling: { capacityTracking: {} } });
    const ms = manifests(site);
    const ns = ms.find((m) => m.kind === 'DaemonSet')!.metadata.namespace;
    expect(nsLabels(ms, ns)[`${PSA}enforce`]).toBe('privileged');
  });

  test('GIVEN FlexVolume on Rook 1.7 with the operator installed elsewhere WHEN the site creates the operator\'s namespace for its ConfigMap THEN that namespace is privileged (flex agent, CSI node plugins)', () => {
    const { site } = newSite({ kubernetesVersion: '1.22.17', rookVersion: '1.7.11' });
    new FlexVolume(site, 'flex', { platform: 'kubespray-pre-2.11' });
    expect(psaOf(nsLabels(manifests(site), 'rook-ceph'))[`${PSA}enforce`]).toBe('privileged');
  });

  test('GIVEN a bucket claim in its own namespace WHEN synthesized THEN that namespace gets baseline, pinned to the site\'s Kubernetes minor', () => {
    const { site } = newSite();
    new RookOperator(site, 'operator', {});
    const store = new RookCluster(site, 'cluster').addObjectStore('s3', { gateway: { port: 80 } });
    new ObjectBucketClaim(site, 'loki', { storageClass: new BucketStorageClass(site, 'buckets', { store }), namespace: 'logging' });
    expect(psaOf(nsLabels(manifests(site), 'logging'))).toEqual({
      [`${PSA}enforce`]: 'baseline', [`${PSA}enforce-version`]: 'v1.33',
      [`${PSA}audit`]: 'baseline', [`${PSA}audit-version`]: 'v1.33',
      [`${PSA}warn`]: 'baseline', [`${PSA}warn-version`]: 'v1.33',
    });
  });

  test('GIVEN a typed override WHEN it raises a namespace without privileged pods to restricted and lowers warn THEN the labels say so', () => {
    const { site } = newSite({ podSecurity: { logging: { enforce: 'restricted', warn: 'restricted', audit: 'baseline', version: 'latest' } } });
    new RookOperator(site, 'operator', {});
    const store = new RookCluster(site, 'cluster').addObjectStore('s3', { gateway: { port: 80 } });
    new ObjectBucketClaim(site, 'loki', { storageClass: new BucketStorageClass(site, 'buckets', { store }), namespace: 'logging' });
    const l = nsLabels(manifests(site), 'logging');
    expect([l[`${PSA}enforce`], l[`${PSA}audit`], l[`${PSA}enforce-version`]]).toEqual(['restricted', 'baseline', 'latest']);
  });

  test('GIVEN a Rook namespace on a cluster that enforces baseline (Talos, rook/rook#11755) WHEN the site overrides its enforce level to baseline THEN synth fails naming the mons\' hostPath and writes nothing', () => {
    const { app, site } = rookSite({ podSecurity: { 'rook-ceph': { enforce: 'baseline' } } });
    new RookCluster(site, 'cluster');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-psa-'));
    const e = synthError(app, out);
    expectHelpful(e.message, { path: /test-site: podSecurity\.rook-ceph\.enforce/, value: /"baseline"/, allowed: /"privileged"/, fix: /enforce: 'privileged'/ });
    expect(e.message).toMatch(/hostPath/);
    expect(e.message).toMatch(/rook\/rook#11755/);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  test('GIVEN a restricted override on the operator namespace WHEN synthesized THEN it is refused too (the CSI node plugins are privileged)', () => {
    const { app } = rookSite({ podSecurity: { 'rook-ceph': { enforce: 'restricted' } } });
    expect(synthError(app).message).toMatch(/CSI node plugins/);
  });

  test('GIVEN an override for a namespace the site does not create WHEN synthesized THEN it is an error listing the namespaces it does create', () => {
    const { app } = rookSite({ podSecurity: { monitoring: { enforce: 'baseline' } } });
    expectHelpful(synthError(app).message, { path: /podSecurity\.monitoring/, value: /"monitoring"/, allowed: /"rook-ceph"/, fix: /kubectl label namespace monitoring/ });
  });

  test('GIVEN a misspelt level WHEN the Site is created THEN the props parse refuses it', () => {
    const e = configError(() => newSite({ podSecurity: { 'rook-ceph': { enforce: 'privilegd' as any } } }));
    expect(e.message).toMatch(/podSecurity/);
  });

  test('GIVEN a privileged DaemonSet in a namespace the site does not create WHEN synthesized THEN a warning names the label to set, and the site is written', () => {
    const { app, site } = newSite();
    site.clusterProvides({ namespaces: ['node-tools'] }); // the cluster has it; the site does not create it
    place(new ApiObject(site, 'Agent', {
      apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'disk-agent', namespace: 'node-tools' },
      spec: { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'a', image: 'busybox:1.36', securityContext: { privileged: true } }], volumes: [{ name: 'dev', hostPath: { path: '/dev' } }] } } },
    }), 'tools');
    const r = synthApp(app, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gs-psa-')), upstreamDir: UPSTREAM });
    const w = r.warnings.find((x) => x.includes('node-tools'));
    expect(w).toBeDefined();
    expect(w).toMatch(/DaemonSet disk-agent/);
    expect(w).toMatch(/hostPath volumes \(dev\)/);
    expect(w).toMatch(/kubectl label namespace node-tools pod-security\.kubernetes\.io\/enforce=privileged/);
  });

  test('GIVEN a site on Kubernetes 1.19 (no Pod Security Admission) WHEN synthesized THEN no namespace carries the labels, and an override is refused', () => {
    const { site } = newSite({ kubernetesVersion: '1.19.16', rookVersion: '1.7.11' });
    new RookCluster(site, 'cluster');
    expect(Object.keys(psaOf(nsLabels(manifests(site), 'rook-ceph')))).toEqual([]);
    const { app } = newSite({ kubernetesVersion: '1.19.16', rookVersion: '1.7.11', podSecurity: { 'rook-ceph': { enforce: 'privileged' } } });
    expectHelpful(synthError(app).message, { path: /podSecurity\.rook-ceph/, allowed: />= 1\.22/, fix: /remove podSecurity/ });
  });

  test('GIVEN the labels appear on an existing namespace WHEN plan classifies the change THEN it is safe', () => {
    const before = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'rook-ceph' } };
    const after = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'rook-ceph', labels: { [`${PSA}enforce`]: 'privileged' } } };
    const diffs = diffFields(before, after);
    expect(diffs.length).toBeGreaterThan(0);
    for (const d of diffs) {
      const c = classifyField(after, d);
      expect(c.class).toBe('safe');
      expect(c.why).toMatch(/Pod Security/);
    }
  });
});
