/**
 * Core Kubernetes objects come from typed classes: cdk8s-plus-27 constructs (Toolbox, DashboardExposure) or the
 * generated L1 bindings in imports/k8s.ts. No construct writes `{ apiVersion, kind: '<core kind>' }` by hand.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, ApiObject } from 'cdk8s';
import * as k8s from '../imports/k8s';
import { TopoLVM } from '../src';
import { placementOf } from '../src/site/layers';
import { necoHyperconverged } from '../src/sites/neco-hyperconverged';
import { rancherRke1 } from '../src/sites/rancher-rke1';
import { findManifest, manifests, newSite, synthError } from './helpers';

/** Built-in kinds (core and the Kubernetes API groups); CRD kinds (Rook, cert-manager, Flux, ...) are not listed. */
const CORE_KINDS = [
  'Namespace', 'ServiceAccount', 'ConfigMap', 'Secret', 'Service', 'Endpoints', 'Pod', 'PersistentVolume', 'PersistentVolumeClaim',
  'Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'Job', 'CronJob',
  'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding',
  'StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'PriorityClass', 'PodDisruptionBudget', 'PodSecurityPolicy',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'Ingress', 'NetworkPolicy', 'CustomResourceDefinition',
];

/** Object literals that carry both `apiVersion` and `kind: '<core kind>'` (a hand-written manifest), as file:line. */
export function handWrittenCoreObjects(file: string, text: string): string[] {
  const src = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/\/\/[^\n]*/g, (c) => ' '.repeat(c.length));
  const re = new RegExp(`\\bkind\\s*:\\s*['"\`](${CORE_KINDS.join('|')})['"\`]`, 'g');
  const out: string[] = [];
  for (let m = re.exec(src); m; m = re.exec(src)) {
    // the innermost object literal around the match
    let depth = 0;
    let start = m.index;
    for (; start >= 0; start--) {
      if (src[start] === '}') depth++;
      else if (src[start] === '{') {
        if (depth === 0) break;
        depth--;
      }
    }
    depth = 0;
    let end = m.index;
    for (; end < src.length; end++) {
      if (src[end] === '{') depth++;
      else if (src[end] === '}') {
        if (depth === 0) break;
        depth--;
      }
    }
    const obj = src.slice(start, end + 1);
    if (/\bapiVersion\b/.test(obj)) out.push(`${file}:${src.slice(0, m.index).split('\n').length}: ${m[0]}`);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return p.endsWith(`${path.sep}sites`) ? [] : sourceFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

describe('GIVEN the library sources (src/ without src/sites/)', () => {
  const root = path.resolve(__dirname, '..', 'src');

  test('THEN no construct writes a core Kubernetes object by hand ({ apiVersion, kind: "<core kind>" })', () => {
    const found = sourceFiles(root).flatMap((f) => handWrittenCoreObjects(path.relative(root, f), fs.readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });

  test('THEN the check itself sees a hand-written object, and ignores roleRefs, subjects and CRD kinds', () => {
    expect(handWrittenCoreObjects('x.ts', "new ApiObject(this, 'R', {\n  apiVersion: 'apps/v1',\n  kind: 'Deployment',\n  metadata: { name },\n});")).toEqual(['x.ts:3: kind: \'Deployment\'']);
    expect(handWrittenCoreObjects('x.ts', "emit(this, 'S', 'csi', { apiVersion: 'v1', kind: 'Service', spec: { ports: [{ port: 1 }] } });")).toHaveLength(1);
    expect(handWrittenCoreObjects('x.ts', "roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name }, subjects: [{ kind: 'ServiceAccount', name: sa }]")).toEqual([]);
    expect(handWrittenCoreObjects('x.ts', "{ apiVersion: 'ceph.rook.io/v1', kind: 'CephCluster', metadata: {} }")).toEqual([]);
  });
});

describe('GIVEN the TopoLVM node DaemonSet of neco-hyperconverged (typed L1)', () => {
  const site = necoHyperconverged(new App());
  const ds = findManifest(site, 'DaemonSet', 'topolvm-node');

  test('THEN it is a KubeDaemonSet, placed in the csi layer', () => {
    const obj = site.node.findAll().find((c) => c instanceof ApiObject && c.kind === 'DaemonSet' && c.name === 'topolvm-node');
    expect(obj).toBeInstanceOf(k8s.KubeDaemonSet);
    expect(placementOf(obj as ApiObject)?.layer).toBe('csi');
  });

  test('THEN topolvm-node is privileged and mounts the kubelet and device host paths, with Bidirectional propagation', () => {
    const node = ds.spec.template.spec.containers.find((c: any) => c.name === 'topolvm-node');
    expect(node.securityContext).toEqual({ privileged: true });
    expect(node.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'healthz' });
    const mounts = Object.fromEntries(node.volumeMounts.map((m: any) => [m.name, m]));
    expect(mounts['pod-volumes-dir']).toEqual({ name: 'pod-volumes-dir', mountPath: '/var/lib/kubelet/pods', mountPropagation: 'Bidirectional' });
    expect(mounts['csi-plugin-dir'].mountPropagation).toBe('Bidirectional');
    const hostPaths = Object.fromEntries(ds.spec.template.spec.volumes.filter((v: any) => v.hostPath).map((v: any) => [v.name, v.hostPath]));
    expect(hostPaths).toMatchObject({
      'registration-dir': { path: '/var/lib/kubelet/plugins_registry/', type: 'Directory' },
      'node-plugin-dir': { path: '/var/lib/kubelet/plugins/topolvm.io/node', type: 'DirectoryOrCreate' },
      'pod-volumes-dir': { path: '/var/lib/kubelet/pods/', type: 'DirectoryOrCreate' },
      'devices-dir': { path: '/dev', type: 'Directory' },
    });
    // nothing a cdk8s-plus workload would add by default
    expect(ds.spec.template.spec.automountServiceAccountToken).toBeUndefined();
    expect(node.resources).toBeUndefined();
    expect(JSON.stringify(ds)).not.toMatch(/cdk8s\.io\//);
  });

  test('THEN the lvmd DaemonSet is privileged with hostPID', () => {
    const lvmd = manifests(site).find((m) => m.kind === 'DaemonSet' && m.metadata.name.startsWith('topolvm-lvmd'));
    expect(lvmd.spec.template.spec.hostPID).toBe(true);
    expect(lvmd.spec.template.spec.containers[0].securityContext).toEqual({ privileged: true });
  });
});

describe('GIVEN rancher-rke1 on Kubernetes 1.16', () => {
  const site = rancherRke1(new App());
  test('THEN the L1 classes of the old apiVersions are used (CSIDriver v1beta1, webhook v1beta1, PodDisruptionBudget v1beta1)', () => {
    expect(findManifest(site, 'CSIDriver', 'topolvm.cybozu.com').apiVersion).toBe('storage.k8s.io/v1beta1');
    expect(manifests(site).find((m) => m.kind === 'MutatingWebhookConfiguration').apiVersion).toBe('admissionregistration.k8s.io/v1beta1');
    expect(findManifest(site, 'PodDisruptionBudget', 'topolvm-controller').apiVersion).toBe('policy/v1beta1');
  });
});

describe('GIVEN a user-written node affinity for the TopoLVM extender (typed only as a record in props)', () => {
  function extender(nodeAffinity: Record<string, unknown>) {
    const { app, site } = newSite({ topolvmVersion: '0.41.0' });
    new TopoLVM(site, 'topolvm', {
      deviceClasses: [{ name: 'nvme', volumeGroup: 'vg-nvme' }], platform: 'other',
      scheduling: { extenderDaemonSet: { nodeAffinity } }, webhook: { certManager: true },
    });
    return { app, site };
  }
  const terms = { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }] }] };

  test('THEN it reaches the DaemonSet as written', () => {
    const { site } = extender({ requiredDuringSchedulingIgnoredDuringExecution: terms });
    expect(findManifest(site, 'DaemonSet', 'topolvm-scheduler').spec.template.spec.affinity).toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: terms } });
  });

  test('WHEN a key is misspelt THEN strict validation reports it (the L1 binding does not drop it silently)', () => {
    const { app } = extender({ requiredDuringSchedulingIgnoredDuringExecutoin: terms });
    expect(synthError(app).message).toMatch(/requiredDuringSchedulingIgnoredDuringExecutoin/);
  });
});
