/**
 * Input the schemas pass and the API server refuses (issue 14, parts 2, 7 and the value checks of 9): label and
 * annotation keys and values, object names per kind, node names, image references, int32 counts and invisible
 * characters are errors at props, in the validator (user-written YAML through `validate`) and, for names we derive
 * from props, at synth, each naming where, the bad value, what is allowed and the fix.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkDist } from '../src/cli/cli';
import { registerValidationCommands, runValidate } from '../src/cli/validate';
import { Command } from 'commander';
import {
  annotationsSize, dns1035LabelProblem, dns1123LabelProblem, dns1123SubdomainProblem, imageProblem, invisibleCharacter, labelKeyProblem,
  labelValueProblem, nameRuleOf, objectRuleProblems,
} from '../src/foundation/k8s-rules';
import { buildApp } from '../src/main';
import { App } from 'cdk8s';
import { CephCsi, DashboardExposure, FlexVolume, RookCluster, RookOperator, Toolbox, TopoLVM } from '../src';
import { synthApp as synthAppTo } from '../src/pipeline/synth';
import { configError, expectHelpful, newSite, synthError, UPSTREAM } from './helpers';

const NVME = [{ name: 'nvme', volumeGroup: 'vg-nvme' }];
const ZWSP = '\u200b';

describe('GIVEN the API-server rules (src/foundation/k8s-rules.ts)', () => {
  test.each([
    ['app', true], ['app.kubernetes.io/name', true], ['topology.rook.io/rack', true], ['A_b.c-D', true], [`${'p'.repeat(253)}/x`, true],
    ['a b', false], ['-app', false], ['app-', false], ['a/b/c', false], ['/app', false], ['app/', false], ['Example.com/app', false],
    ['x'.repeat(64), false], [`${'p'.repeat(254)}/x`, false], [`ap${ZWSP}p`, false], ['', false],
  ])('label key %j valid: %s', (key, ok) => {
    expect(labelKeyProblem(key) === undefined).toBe(ok);
  });

  test.each([
    ['', true], ['rook-ceph', true], ['v1.2_3', true], ['x'.repeat(63), true],
    ['x'.repeat(64), false], ['a b', false], ['-a', false], ['a.', false], ['a\nb', false], [`a${ZWSP}`, false], ['a/b', false],
  ])('label value %j valid: %s', (value, ok) => {
    expect(labelValueProblem(value) === undefined).toBe(ok);
  });

  test('THEN names follow their kind: DNS-1123 subdomain, DNS-1123 label for Namespaces, DNS-1035 label for Services, path segments for RBAC', () => {
    expect(nameRuleOf('ConfigMap')).toBe('dns1123-subdomain');
    expect(nameRuleOf('CephCluster', 'ceph.rook.io/v1')).toBe('dns1123-subdomain');
    expect(nameRuleOf('Namespace')).toBe('dns1123-label');
    expect(nameRuleOf('Service')).toBe('dns1035-label');
    expect(nameRuleOf('ClusterRole', 'rbac.authorization.k8s.io/v1')).toBe('path-segment');
    expect(dns1123SubdomainProblem('a.b-c')).toBeUndefined();
    expect(dns1123SubdomainProblem('x'.repeat(254))).toMatch(/254 characters long, more than 253/);
    expect(dns1123LabelProblem('a.b')).toMatch(/not a DNS-1123 label/);
    expect(dns1035LabelProblem('0-controller')).toMatch(/starts with a digit/);
    expect(dns1035LabelProblem('topolvm-controller')).toBeUndefined();
  });

  test.each([
    ['quay.io/ceph/ceph:v19.2.3', true], ['nginx', true], ['localhost:5000/a/b:1', true], ['registry.example.com:8443/rook/ceph:v1.20.6', true],
    [`quay.io/ceph/ceph@sha256:${'a'.repeat(64)}`, true], [`rook/ceph:v1@sha256:${'0'.repeat(64)}`, true], ['[::1]:5000/x:y', true],
    ['quay.io/Ceph/ceph:v19', false], ['Ceph', false], ['quay.io/ceph/ceph :v19', false], [' nginx', false], ['nginx:', false],
    ['nginx:-x', false], ['nginx@sha256:xyz', false], [`nginx${ZWSP}:1`, false], ['', false], ['quay.io//ceph', false], ['a'.repeat(256), false],
  ])('image %j valid: %s', (ref, ok) => {
    expect(imageProblem(ref) === undefined).toBe(ok);
  });

  test('THEN invisible characters are named with their code point', () => {
    expect(invisibleCharacter(`ab${ZWSP}c`)).toBe('U+200B (zero-width space) at position 3');
    expect(invisibleCharacter('a\u0000')).toMatch(/U\+0000 \(NUL\)/);
    expect(invisibleCharacter('a\nb')).toMatch(/newline/);
    expect(invisibleCharacter('\ufeffa')).toMatch(/BOM/);
    expect(invisibleCharacter('plain-text é')).toBeUndefined();
  });

  test('THEN annotation sizes count keys and values in UTF-8 bytes', () => {
    expect(annotationsSize({ ab: 'cd', é: 'x' })).toBe(4 + 3);
    expect(objectRuleProblems({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { k: 'x'.repeat(256 * 1024) } } })).toHaveLength(1);
    expect(objectRuleProblems({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { k: 'x'.repeat(256 * 1024 - 1) } } })).toHaveLength(0);
  });
});

describe('GIVEN props the API server would refuse', () => {
  test('WHEN a Site node name has upper case THEN it is rejected as a node name with a lower-case suggestion', () => {
    const e = configError(() => newSite({ nodes: [{ name: 'Node_1' }] }));
    expectHelpful(e.message, { path: 'site test-site: nodes[0].name', value: '"Node_1"', allowed: /DNS-1123 subdomain/, fix: /"node-1"/ });
  });

  test('WHEN a Site node name carries a zero-width space THEN the character is named and the fix is the name without it', () => {
    const e = configError(() => newSite({ nodes: [{ name: `n1${ZWSP}` }] }));
    expectHelpful(e.message, { path: 'nodes[0].name', value: /n1/, allowed: /DNS-1123 subdomain/, fix: /"n1"/ });
    expect(e.message).toMatch(/invisible character U\+200B \(zero-width space\) at position 3/);
  });

  test('WHEN a Site node label key has a space THEN the key is the reported value', () => {
    const e = configError(() => newSite({ nodes: [{ name: 'n1', labels: { 'disk type': 'ssd' } }] }));
    expectHelpful(e.message, { path: 'nodes[0].labels.disk type', value: '"disk type"', allowed: /optional DNS-1123 subdomain prefix/, fix: /rename the key, e.g. "disk-type"/ });
  });

  test('WHEN a Site node rack is not a label value THEN it is rejected (it becomes topology.rook.io/rack)', () => {
    const e = configError(() => newSite({ nodes: [{ name: 'n1', rack: 'rack 1' }] }));
    expectHelpful(e.message, { path: 'nodes[0].rack', value: '"rack 1"', allowed: /<= 63 letters/, fix: /"rack-1"/ });
  });

  test('WHEN a RookCluster pod label value is 64 characters THEN it is rejected with the limit', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { labels: { mon: { team: 'x'.repeat(64) } } }));
    expectHelpful(e.message, { path: 'test-site/cluster: labels.mon.team', allowed: /<= 63/, fix: /use a value like/ });
    expect(e.message).toMatch(/64 characters long, more than 63/);
  });

  test('WHEN a RookCluster annotation key has two slashes THEN it is rejected', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { annotations: { all: { 'example.com/a/b': 'x' } } }));
    expectHelpful(e.message, { path: 'annotations.all.example.com/a/b', value: '"example.com/a/b"', allowed: /prefix/, fix: /rename the key/ });
  });

  test('WHEN RookCluster annotations exceed 256 KiB THEN the size is the problem and the fix moves data out', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { annotations: { all: { big: 'x'.repeat(300 * 1024) } } }));
    expectHelpful(e.message, { path: 'annotations.all', value: /307203 bytes/, allowed: /262144 bytes/, fix: /ConfigMap/ });
  });

  test('WHEN the Ceph image has an upper-case repository THEN it is rejected as an image reference', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { cephVersion: { image: 'quay.io/Ceph/ceph:v19.2.3' } }));
    expectHelpful(e.message, { path: 'cephVersion.image', value: '"quay.io/Ceph/ceph:v19.2.3"', allowed: /repository in lower case/, fix: /image reference/ });
  });

  test('WHEN the Ceph image has a short digest THEN the digest is named', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { cephVersion: { image: 'quay.io/ceph/ceph:v19@sha256:abc' } }));
    expectHelpful(e.message, { path: 'cephVersion.image', allowed: /\[@digest\]/ });
    expect(e.message).toMatch(/invalid digest "sha256:abc"/);
  });

  test('WHEN dataDirHostPath ends in a newline THEN the invisible character is named', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { dataDirHostPath: '/var/lib/rook\n' }));
    expectHelpful(e.message, { path: 'test-site/cluster: dataDirHostPath', allowed: /absolute path/, fix: /"\/var\/lib\/rook"/ });
    expect(e.message).toMatch(/U\+000A \(newline\)/);
  });

  test('WHEN a RookCluster storage node name is not a node name THEN it is rejected', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { storage: { nodes: [{ name: 'Worker 1' }] } }));
    expectHelpful(e.message, { path: 'storage.nodes[0].name', value: '"Worker 1"', allowed: /DNS-1123 subdomain/, fix: /"worker-1"/ });
  });

  test('WHEN the cluster namespace carries a zero-width space THEN the character is named, not just the alphabet', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { namespace: `rook${ZWSP}-ceph` }));
    expectHelpful(e.message, { path: 'test-site/cluster: namespace', fix: /"rook-ceph"/ });
    expect(e.message).toMatch(/invisible character U\+200B/);
    expect(e.message).not.toMatch(/not a DNS-1123 label/);
  });

  test('WHEN the operator nodeSelector has an invalid key THEN it is rejected', () => {
    const { site } = newSite();
    const e = configError(() => new RookOperator(site, 'operator', { nodeSelector: { 'role=storage': 'true' } }));
    expectHelpful(e.message, { path: 'test-site/operator: nodeSelector.role=storage', value: '"role=storage"', allowed: /optional DNS-1123 subdomain prefix/ });
  });

  test('WHEN the operator image has a space THEN it is rejected', () => {
    const { site } = newSite();
    const e = configError(() => new RookOperator(site, 'operator', { image: 'docker.io/rook/ceph: v1.20.6' }));
    expectHelpful(e.message, { path: 'test-site/operator: image', allowed: /container image reference/ });
    expect(e.message).toMatch(/contains a space/);
  });

  test('WHEN the toolbox nodeSelector value is not a label value THEN it is rejected', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => new Toolbox(site, 'tools', { cluster, nodeSelector: { 'node-role.kubernetes.io/infra': 'yes please' } }));
    expectHelpful(e.message, { path: 'test-site/tools: nodeSelector.node-role.kubernetes.io/infra', value: '"yes please"', fix: /"yes-please"/ });
  });

  test('WHEN CSI node affinity names an invalid label key THEN it is rejected', () => {
    const { site } = newSite();
    const operator = new RookOperator(site, 'operator', {});
    const e = configError(() => new CephCsi(site, 'csi', { operator, nodePlugin: { nodeAffinity: { 'storage node': ['true'] } } }));
    expectHelpful(e.message, { path: 'nodePlugin.nodeAffinity.storage node', value: '"storage node"', fix: /"storage-node"/ });
  });

  test('WHEN a CSI image override has upper case THEN it is rejected', () => {
    const { site } = newSite();
    const operator = new RookOperator(site, 'operator', {});
    const e = configError(() => new CephCsi(site, 'csi', { operator, images: { provisioner: 'registry.k8s.io/SIG-storage/csi-provisioner:v5.2.0' } }));
    expectHelpful(e.message, { path: 'images.provisioner', allowed: /lower case/ });
  });

  test('WHEN TopoLVM controller replicas is 2^31 THEN it is rejected as more than int32', () => {
    const { site } = newSite({ topolvmVersion: '0.41.0' });
    const e = configError(() => new TopoLVM(site, 'topolvm', { deviceClasses: NVME, controller: { replicas: 2 ** 31 } }));
    expectHelpful(e.message, { path: 'test-site/topolvm: controller.replicas', value: '2147483648', allowed: '<= 2147483647' });
  });

  test('WHEN the TopoLVM image has a bad tag THEN it is rejected', () => {
    const { site } = newSite({ topolvmVersion: '0.41.0' });
    const e = configError(() => new TopoLVM(site, 'topolvm', { deviceClasses: NVME, image: 'ghcr.io/topolvm/topolvm-with-sidecar:.0.41' }));
    expectHelpful(e.message, { path: 'test-site/topolvm: image', allowed: /\[:tag\]/ });
    expect(e.message).toMatch(/invalid tag "\.0\.41"/);
  });

  test('WHEN the lvmd socket path has a zero-width space THEN it is rejected', () => {
    const { site } = newSite({ topolvmVersion: '0.41.0' });
    const e = configError(() => new TopoLVM(site, 'topolvm', { deviceClasses: NVME, lvmd: { socketPath: `/run/topolvm/lvmd${ZWSP}.sock` } }));
    expectHelpful(e.message, { path: 'lvmd.socketPath', fix: /"\/run\/topolvm\/lvmd\.sock"/ });
  });

  test('WHEN an lvmd node group nodeSelector value is too long THEN it is rejected', () => {
    const { site } = newSite({ topolvmVersion: '0.41.0' });
    const e = configError(() => new TopoLVM(site, 'topolvm', { deviceClasses: NVME, lvmd: { nodeGroups: [{ name: 'g', nodeSelector: { pool: 'p'.repeat(64) } }] } }));
    expectHelpful(e.message, { path: 'lvmd.nodeGroups[0].nodeSelector.pool', allowed: /<= 63/ });
  });

  test('WHEN a FlexVolume plugin directory holds a NUL THEN it is rejected as a host directory, naming the character', () => {
    const { site } = newSite({ kubernetesVersion: '1.19.0', rookVersion: '1.7.11' });
    const e = configError(() => new FlexVolume(site, 'flex', { platform: 'kubespray', flexVolumeDirPath: '/var/lib/kubelet/volume-plugins\u0000' }));
    expectHelpful(e.message, { path: 'test-site/flex: flexVolumeDirPath', allowed: /absolute host directory/ });
    expect(e.message).toMatch(/invisible character U\+0000 \(NUL\)/);
  });

  test('WHEN every such prop is valid THEN the site synthesizes', () => {
    const { app, site } = newSite({ nodes: [
      { name: 'n1.example.com', rack: 'r1', labels: { 'topology.kubernetes.io/zone': 'z1', empty: '' } }, { name: 'n2' }, { name: 'n3' },
    ] });
    const operator = new RookOperator(site, 'operator', { nodeSelector: { 'node-role.kubernetes.io/storage': '' }, image: 'docker.io/rook/ceph:v1.20.6' });
    new CephCsi(site, 'csi', { operator, nodePlugin: { nodeAffinity: { 'storage.example.com/csi': ['true'] } } });
    new RookCluster(site, 'cluster', {
      cephVersion: { image: 'quay.io/ceph/ceph:v19.2.3' }, labels: { all: { 'example.com/team': 'storage' } }, annotations: { all: { 'example.com/Note': 'any text, even with spaces' } },
      storage: { useAllNodes: true },
    });
    expect(() => synthApp(app)).not.toThrow();
  });
});

function synthApp(app: App) {
  return synthAppTo(app, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gs-out-')), upstreamDir: UPSTREAM });
}

describe('GIVEN names we derive from props (part 7)', () => {
  function topolvm(name: string) {
    const { app, site } = newSite({ topolvmVersion: '0.41.0' });
    new TopoLVM(site, 'topolvm', { deviceClasses: NVME, name, scheduling: { extenderDaemonSet: { preset: 'kubeadm' } }, webhook: { certManager: true } });
    return app;
  }

  test('WHEN the TopoLVM name is "0" THEN the Service "0-controller" is refused at synth, naming the construct and the prop, and nothing is written', () => {
    const e = synthError(topolvm('0'));
    expectHelpful(e.message, { path: 'test-site/topolvm: name', value: '"0-controller"', allowed: /DNS-1035 label/, fix: /change name of test-site\/topolvm to start with a letter/ });
    expect(e.message).toMatch(/Service 0-controller: the Service name derived from name "0" is refused by the API server \(the schema does not say so\)/);
  });

  test('WHEN the TopoLVM name is 60 characters THEN the 71-character Service name is refused with how much to shorten', () => {
    const e = synthError(topolvm('a'.repeat(60)));
    expectHelpful(e.message, { path: 'test-site/topolvm: name', allowed: /<= 63/, fix: /shorten name of test-site\/topolvm by at least 8 characters/ });
    expect(e.message).toMatch(/is 71 characters long, more than 63/);
  });

  test('WHEN the dashboard Service name starts with a digit THEN synth refuses it, naming DashboardExposure name', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    new DashboardExposure(site, 'dashboard', { cluster, name: '1-dashboard' });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/dashboard: name', value: '"1-dashboard"', allowed: /DNS-1035/, fix: /start with a letter/ });
  });
});

describe('GIVEN user-written YAML through validate', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-apirules-'));
  let n = 0;
  function validateDoc(doc: Record<string, unknown>, opts: { apiServerChecks?: boolean; output?: 'json' } = {}) {
    const f = path.join(dir, `doc-${n++}.json`);
    fs.writeFileSync(f, JSON.stringify(doc));
    return runValidate([f], { kubernetesVersion: '1.33.0', upstream: UPSTREAM, ...opts });
  }
  const cm = (metadata: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default', ...metadata } });
  const deploy = (podLabels: Record<string, string>, matchLabels: Record<string, string>, nodeSelector?: Record<string, string>) => ({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { matchLabels }, template: { metadata: { labels: podLabels }, spec: { nodeSelector, containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
  });

  test('WHEN a label key has a space THEN the resource is invalid with the API-server message, though the schema passes', () => {
    const r = validateDoc(cm({ labels: { 'a b': 'x' } }));
    expect(r.exitCode).toBe(1);
    expect(r.results[0]).toMatchObject({ status: 'statusInvalid', kind: 'ConfigMap', name: 'c' });
    expect(r.results[0].errors).toEqual([{ path: '/metadata/labels', msg: expect.stringMatching(/^key "a b" is not a valid label key: .*\(the API server refuses it; the schema does not say so\)$/) }]);
    expect(r.output).toMatch(/ConfigMap c is invalid: API-server validation failed \(beyond the schema\): metadata\.labels: key "a b" is not a valid label key/);
    expect(validateDoc(cm({ labels: { 'a b': 'x' } }), { apiServerChecks: false }).results[0].status).toBe('statusValid');
  });

  test.each([
    ['a label value of 64 characters', cm({ labels: { app: 'x'.repeat(64) } }), '/metadata/labels/app'],
    ['an annotation key with two slashes', cm({ annotations: { 'a.io/b/c': 'x' } }), '/metadata/annotations'],
    ['annotations over 256 KiB', cm({ annotations: { big: 'x'.repeat(257 * 1024) } }), '/metadata/annotations'],
    ['a ConfigMap name with upper case', cm({ name: 'MyConfig' }), '/metadata/name'],
    ['a ConfigMap name of 254 characters', cm({ name: 'c'.repeat(254) }), '/metadata/name'],
    ['a namespace with a dot', cm({ namespace: 'team.a' }), '/metadata/namespace'],
    ['a Namespace named with a dot', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team.a' } }, '/metadata/name'],
    ['a Service named "0-controller"', { apiVersion: 'v1', kind: 'Service', metadata: { name: '0-controller', namespace: 'default' }, spec: { ports: [{ port: 80 }] } }, '/metadata/name'],
    ['a Service selector value with a space', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'my web' }, ports: [{ port: 80 }] } }, '/spec/selector/app'],
    ['a pod template label key with a leading dash', deploy({ '-app': 'web' }, { app: 'web' }), '/spec/template/metadata/labels'],
    ['a selector.matchLabels value with a trailing dot', deploy({ app: 'web.' }, { app: 'web.' }), '/spec/selector/matchLabels/app'],
    ['a selector.matchExpressions key with a space', { ...deploy({ app: 'web' }, { app: 'web' }), spec: { ...deploy({ app: 'web' }, { app: 'web' }).spec, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'my app', operator: 'Exists' }] } } }, '/spec/selector/matchExpressions/0/key'],
    ['a pod nodeSelector key with a space', deploy({ app: 'web' }, { app: 'web' }, { 'disk type': 'ssd' }), '/spec/template/spec/nodeSelector'],
    ['a CephBlockPool name with an underscore', { apiVersion: 'ceph.rook.io/v1', kind: 'CephBlockPool', metadata: { name: 'my_pool', namespace: 'rook-ceph' }, spec: { replicated: { size: 3 } } }, '/metadata/name'],
    ['a label value with a zero-width space', cm({ labels: { app: `web${ZWSP}` } }), '/metadata/labels/app'],
    ['Deployment replicas of 2^31 (format int32)', { ...deploy({ app: 'web' }, { app: 'web' }), spec: { ...deploy({ app: 'web' }, { app: 'web' }).spec, replicas: 2 ** 31 } }, '/spec/replicas'],
    ['a container port of -2^31-1 (format int32)', { ...deploy({ app: 'web' }, { app: 'web' }), spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: -(2 ** 31) - 1 }] }] } } } }, '/spec/template/spec/containers/0/ports/0/containerPort'],
  ])('WHEN %s THEN it is invalid beyond the schema', (_what, doc, pointer) => {
    const r = validateDoc(doc as Record<string, unknown>, { output: 'json' });
    expect(r.results[0].status).toBe('statusInvalid');
    expect(r.results[0].errors?.map((e) => e.path)).toContain(pointer);
    const json = JSON.parse(r.output);
    expect(json.resources[0].validationErrors[0].msg).toMatch(/\(the API server refuses it; the schema (does not say so|says format int32, which schema validation does not check)\)$/);
    expect(validateDoc(doc as Record<string, unknown>, { apiServerChecks: false }).results[0].status).toBe('statusValid');
  });

  test('WHEN names and labels are what the API server accepts THEN they are valid (RBAC names may hold ":", labels may be empty)', () => {
    const docs = [
      cm({ name: 'my.config-1', labels: { 'app.kubernetes.io/name': 'web', empty: '' }, annotations: { 'Example.com/Any': 'spaces are fine here' } }),
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'topolvm-system:controller' }, rules: [] },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } },
      deploy({ app: 'web' }, { app: 'web' }, { 'kubernetes.io/os': 'linux' }),
    ];
    for (const d of docs) expect(validateDoc(d as Record<string, unknown>).results[0]).toMatchObject({ status: 'statusValid' });
  });

  test('WHEN the schema already fails THEN the schema errors are reported as kubeconform reports them', () => {
    const r = validateDoc(cm({ labels: { 'a b': 'x' }, lables: {} }));
    expect(r.results[0].msg).toMatch(/^problem validating schema/);
  });

  test('THEN the validate command has the --no-api-server-checks flag', () => {
    const program = registerValidationCommands(new Command());
    const validate = program.commands.find((c) => c.name() === 'validate')!;
    expect(validate.options.map((o) => o.long)).toContain('--no-api-server-checks');
  });
});

describe('GIVEN the committed dist/', () => {
  test('WHEN checked with the API-server rules THEN every object of every site passes them', () => {
    const r = checkDist(buildApp(), path.resolve(__dirname, '..', 'dist'), UPSTREAM, { apiServerChecks: true });
    expect(r.filter((x) => x.status !== 'statusValid')).toEqual([]);
    expect(r.length).toBeGreaterThan(100);
  });

  test('WHEN a committed file gets a bad label by hand THEN check-dist reports it as API-server validation', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-dist-copy-'));
    fs.cpSync(path.resolve(__dirname, '..', 'dist'), copy, { recursive: true });
    const f = path.join(copy, 'dc1-local', '40-pools', 'cephblockpool_rook-ceph_replicapool.yaml');
    fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace('metadata:\n', 'metadata:\n  labels:\n    "team name": storage\n'));
    const bad = checkDist(buildApp(), copy, UPSTREAM).filter((x) => x.status !== 'statusValid');
    expect(bad).toHaveLength(1);
    expect(bad[0].msg).toMatch(/API-server validation failed \(beyond the schema\): metadata\.labels: key "team name"/);
  });
});
