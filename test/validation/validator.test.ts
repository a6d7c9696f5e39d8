import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatJson, formatText, summarize, Validator } from '../../src/validation/validator';
import { pool, upstream, validator133 } from './shared';
import { testWithUpstream } from '../upstream';

const v = validator133();

const cluster = (spec: Record<string, unknown>) => ({
  apiVersion: 'ceph.rook.io/v1',
  kind: 'CephCluster',
  metadata: { name: 'rook-ceph', namespace: 'rook-ceph' },
  spec: { dataDirHostPath: '/var/lib/rook', cephVersion: { image: 'quay.io/ceph/ceph:v19' }, ...spec },
});

const deployment = (container: Record<string, unknown> = {}, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }], ...container }] },
    },
    ...spec,
  },
});

describe('strict semantics', () => {
  test('valid CRD and built-in objects', () => {
    expect(v.validateObject(pool({ failureDomain: 'host', replicated: { size: 3 } }))).toMatchObject({
      status: 'statusValid',
      kind: 'CephBlockPool',
      name: 'replicapool',
      version: 'ceph.rook.io/v1',
      msg: '',
    });
    expect(v.validateObject(deployment()).status).toBe('statusValid');
  });

  test('unknown field at any depth is invalid, with the JSON pointer of the field', () => {
    const r = v.validateObject(pool({ replicated: { size: 3, sizee: 2 } }), 'dist/pool.yaml');
    expect(r.status).toBe('statusInvalid');
    expect(r.errors).toEqual([{ path: '/spec/replicated/sizee', msg: "additionalProperties 'sizee' not allowed" }]);
    expect(r.msg).toBe(
      "problem validating schema. Check JSON formatting: jsonschema: '/spec/replicated' does not validate with " +
        "cephblockpool-ceph-v1.json#/properties/spec/properties/replicated/additionalProperties: additionalProperties 'sizee' not allowed",
    );
    const c = v.validateObject(cluster({ cleanupPolicy: { confirmaton: 'yes-really-destroy-data' } }));
    expect(c.errors).toEqual([{ path: '/spec/cleanupPolicy/confirmaton', msg: "additionalProperties 'confirmaton' not allowed" }]);
    const d = v.validateObject(deployment({ imagePullPolicyy: 'Always' }));
    expect(d.errors).toEqual([{ path: '/spec/template/spec/containers/0/imagePullPolicyy', msg: "additionalProperties 'imagePullPolicyy' not allowed" }]);
    const m = v.validateObject({ ...deployment(), metadata: { name: 'web', lables: {} } });
    expect(m.errors?.[0].path).toBe('/metadata/lables');
  });

  test('unknown fields are allowed when strict is off', () => {
    const loose = new Validator({ kubernetesVersion: '1.33.0', crdSources: ['rook@v1.20.6'], strict: false });
    expect(loose.validateObject(pool({ replicated: { size: 3, sizee: 2 } })).status).toBe('statusValid');
    expect(loose.validateObject(deployment({ imagePullPolicyy: 'Always' })).status).toBe('statusValid');
    expect(loose.validateObject(pool({ replicated: { size: '3' } })).status).toBe('statusInvalid');
  });

  test('wrong type is invalid', () => {
    const r = v.validateObject(pool({ replicated: { size: '3' } }));
    expect(r.status).toBe('statusInvalid');
    expect(r.errors).toEqual([{ path: '/spec/replicated/size', msg: 'expected integer, but got string' }]);
    expect(r.msg).toContain("jsonschema: '/spec/replicated/size' does not validate with cephblockpool-ceph-v1.json#");
    const d = v.validateObject(deployment({}, { replicas: '2' }));
    expect(d.errors).toEqual([{ path: '/spec/replicas', msg: 'expected integer, but got string' }]);
  });

  test('nullable: null accepted where nullable, rejected elsewhere unless ignoreNulls', () => {
    expect(v.validateObject(cluster({ cephVersion: null })).status).toBe('statusValid');
    const r = v.validateObject(cluster({ csi: { cephfs: null } }));
    expect(r.errors).toEqual([{ path: '/spec/csi/cephfs', msg: 'expected object, but got null' }]);
    const lenient = new Validator({ kubernetesVersion: '1.33.0', crdSources: ['rook@v1.20.6'], ignoreNulls: true });
    expect(lenient.validateObject(cluster({ csi: { cephfs: null } })).status).toBe('statusValid');
  });

  test('unknown fields under x-kubernetes-preserve-unknown-fields are accepted', () => {
    expect(v.validateObject(cluster({ network: { provider: 'host', somethingNew: { a: 1 } } })).status).toBe('statusValid');
  });

  test('int-or-string accepts both, rejects other types', () => {
    expect(v.validateObject(cluster({ logCollector: { maxLogSize: '500M' } })).status).toBe('statusValid');
    expect(v.validateObject(cluster({ logCollector: { maxLogSize: 500 } })).status).toBe('statusValid');
    const bad = v.validateObject(cluster({ logCollector: { maxLogSize: true } }));
    expect(bad.status).toBe('statusInvalid');
    expect(bad.errors?.[0].path).toBe('/spec/logCollector/maxLogSize');
    const d = v.validateObject(deployment({ ports: [{ containerPort: 80, name: 'http' }], livenessProbe: { httpGet: { port: 'http' } } }));
    expect(d.status).toBe('statusValid');
  });

  test('enum violations are invalid', () => {
    const r = v.validateObject(cluster({ cephVersion: { image: 'quay.io/ceph/ceph:v19', imagePullPolicy: 'Sometimes' } }));
    expect(r.status).toBe('statusInvalid');
    expect(r.errors).toEqual([{ path: '/spec/cephVersion/imagePullPolicy', msg: 'value must be one of "IfNotPresent", "Always", "Never", ""' }]);
  });

  test('unknown kind: error, or skipped with ignoreMissingSchemas', () => {
    const obj = { apiVersion: 'example.io/v1', kind: 'Frobnicator', metadata: { name: 'f' } };
    expect(v.validateObject(obj)).toMatchObject({ status: 'statusError', msg: 'could not find schema for Frobnicator', name: 'f' });
    const skip = new Validator({ kubernetesVersion: '1.33.0', ignoreMissingSchemas: true });
    expect(skip.validateObject(obj).status).toBe('statusSkipped');
  });

  test('missing apiVersion or kind is an error; empty documents are statusEmpty', () => {
    expect(v.validateObject({ kind: 'ConfigMap', metadata: { name: 'a' } })).toMatchObject({ status: 'statusError', msg: "missing 'apiVersion' key" });
    expect(v.validateObject({ apiVersion: 'v1', metadata: { name: 'a' } })).toMatchObject({ status: 'statusError', msg: "missing 'kind' key" });
    expect(v.validateObject(null).status).toBe('statusEmpty');
  });

  test('duplicate YAML keys are an error in strict mode', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: "1"\n  x: "2"\n';
    const [r] = v.validateYaml(text, 'dup.yaml');
    expect(r).toMatchObject({ status: 'statusError', kind: 'ConfigMap', name: 'a' });
    expect(r.msg).toContain('line 7: key "x" already set in map');
    const loose = new Validator({ kubernetesVersion: '1.33.0', strict: false });
    expect(loose.validateYaml(text, 'dup.yaml')[0].status).toBe('statusValid');
  });

  test('multi-document YAML: empty documents are not resources, List is expanded', () => {
    const text = [
      '# only a comment',
      '---',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: v}',
      '---',
      '---',
      'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n- {apiVersion: v1, kind: Namespace, metadata: {name: c}}',
    ].join('\n');
    const rs = v.validateYaml(text, 'm.yaml');
    // a leading comment belongs to the first document (as in YAML), the `---`/`---` pair yields one empty document
    expect(rs.map((r) => r.status)).toEqual(['statusValid', 'statusEmpty', 'statusValid', 'statusValid']);
    expect(summarize(rs)).toEqual({ valid: 3, invalid: 0, errors: 0, skipped: 0, resources: 3, files: 1 });
  });

  test('isNamespaced for built-ins and CRDs', () => {
    expect(v.isNamespaced('apps/v1', 'Deployment')).toBe(true);
    expect(v.isNamespaced('v1', 'Namespace')).toBe(false);
    expect(v.isNamespaced('storage.k8s.io/v1', 'StorageClass')).toBe(false);
    expect(v.isNamespaced('rbac.authorization.k8s.io/v1', 'ClusterRole')).toBe(false);
    expect(v.isNamespaced('ceph.rook.io/v1', 'CephCluster')).toBe(true);
    expect(v.isNamespaced('topolvm.io/v1', 'LogicalVolume')).toBe(false);
    expect(v.isNamespaced('example.io/v1', 'Nope')).toBeUndefined();
  });
});

describe('Kubernetes versions and CRD generations', () => {
  const core = [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'd' }, data: { a: 'b' } },
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'rbd' },
      provisioner: 'rook-ceph.rbd.csi.ceph.com',
      parameters: { pool: 'replicapool' },
      reclaimPolicy: 'Delete',
      allowVolumeExpansion: true,
    },
    deployment(),
  ];

  test.each(['1.33.0', '1.16.0'])('core Deployment/ConfigMap/StorageClass are valid on %s', (ver) => {
    const val = ver === '1.33.0' ? v : new Validator({ kubernetesVersion: ver });
    for (const o of core) expect([o.kind, val.validateObject(o).status]).toEqual([o.kind, 'statusValid']);
  });

  testWithUpstream('a v1beta1 CRD kind from rook@v1.2.7 validates: declared fields typed, unknown fields kept as the API server keeps them', () => {
    const old = new Validator({ kubernetesVersion: '1.16.0', crdSources: ['rook@v1.2.7'] });
    const rs = old.validatePaths([upstream('rook', 'v1.2.7', 'flex-storageclass.yaml')]);
    expect(rs.map((r) => `${r.kind}:${r.status}`)).toEqual(['CephBlockPool:statusValid', 'StorageClass:statusValid']);
    expect(old.validateObject(pool({ replicated: { size: '3' } })).status).toBe('statusInvalid');
    // v1beta1 without preserveUnknownFields: false: no pruning, so the API server stores the field (issue 10)
    expect(old.validateObject(pool({ replicated: { size: 3 }, colour: 'red' })).status).toBe('statusValid');
    // a v1 CRD prunes: the same unknown field is refused
    expect(v.validateObject(pool({ replicated: { size: 3 }, colour: 'red' })).status).toBe('statusInvalid');
  });

  test('TopoLVM: both API groups (topolvm.io, topolvm.cybozu.com)', () => {
    for (const apiVersion of ['topolvm.io/v1', 'topolvm.cybozu.com/v1']) {
      const lv = { apiVersion, kind: 'LogicalVolume', metadata: { name: 'lv' }, spec: { name: 'lv', nodeName: 'n1', size: '1Gi' } };
      expect(v.validateObject(lv).status).toBe('statusValid');
      expect(v.validateObject({ ...lv, spec: { ...lv.spec, nodename: 'n1' } }).status).toBe('statusInvalid');
    }
  });
});

describe('upstream example manifests', () => {
  testWithUpstream('rook v1.20.6 pool.yaml, pool-ec.yaml, csi-rbd-storageclass.yaml are valid', () => {
    const rs = v.validatePaths(['pool.yaml', 'pool-ec.yaml', 'csi-rbd-storageclass.yaml'].map((f) => upstream('rook', 'v1.20.6', f)));
    const s = summarize(rs);
    expect(s).toMatchObject({ invalid: 0, errors: 0, files: 3 });
    expect(s.valid).toBeGreaterThanOrEqual(4);
  });

  testWithUpstream('rook v1.20.6 cluster.yaml: only `spec.csi.cephfs: null` (comment-only key) fails, valid with ignoreNulls', () => {
    const [r] = v.validatePaths([upstream('rook', 'v1.20.6', 'cluster.yaml')]);
    expect(r.errors).toEqual([{ path: '/spec/csi/cephfs', msg: 'expected object, but got null' }]);
    const lenient = new Validator({ kubernetesVersion: '1.33.0', crdSources: ['rook@v1.20.6'], ignoreNulls: true });
    expect(lenient.validatePaths([upstream('rook', 'v1.20.6', 'cluster.yaml')])[0].status).toBe('statusValid');
  });

  test('validatePaths walks folders recursively in sorted order and reports missing paths', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-val-'));
    fs.mkdirSync(path.join(dir, 'b'));
    fs.writeFileSync(path.join(dir, 'b', 'z.yml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: z}\n');
    fs.writeFileSync(path.join(dir, 'a.json'), '{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"}}');
    fs.writeFileSync(path.join(dir, 'c.yaml'), '');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'ignored');
    const rs = v.validatePaths([dir, path.join(dir, 'missing.yaml')]);
    expect(rs.map((r) => [path.relative(dir, r.filename), r.status])).toEqual([
      ['missing.yaml', 'statusError'],
      ['a.json', 'statusValid'],
      [path.join('b', 'z.yml'), 'statusValid'],
      ['c.yaml', 'statusEmpty'],
    ]);
    expect(summarize(rs)).toMatchObject({ resources: 3, files: 4 });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('output formats', () => {
  const rs = [
    ...v.validateYaml('apiVersion: v1\nkind: Namespace\nmetadata: {name: ok}\n', 'dist/a.yaml'),
    v.validateObject(pool({ replicated: { size: '3' } }), 'dist/x.yaml'),
    v.validateObject({ apiVersion: 'example.io/v1', kind: 'Nope', metadata: { name: 'n' } }, 'dist/x.yaml'),
    v.validateObject({ metadata: { name: 'n' } }, 'dist/y.yaml'),
  ];

  test('text: one line per non-valid resource and the kubeconform summary line', () => {
    expect(formatText(rs).split('\n')).toEqual([
      "dist/x.yaml - CephBlockPool replicapool is invalid: problem validating schema. Check JSON formatting: jsonschema: '/spec/replicated/size' does not validate with cephblockpool-ceph-v1.json#/properties/spec/properties/replicated/properties/size/type: expected integer, but got string",
      'dist/x.yaml - Nope n failed validation: could not find schema for Nope',
      "dist/y.yaml - failed validation: missing 'kind' key",
      'Summary: 4 resources found in 3 files - Valid: 1, Invalid: 1, Errors: 2, Skipped: 0',
      '',
    ]);
    expect(formatText(rs.slice(0, 1))).toBe('Summary: 1 resource found in 1 file - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\n');
    expect(formatText(rs.slice(0, 1), { verbose: true })).toContain('dist/a.yaml - Namespace ok is valid\n');
  });

  test('json: kubeconform -output json -summary shape', () => {
    const doc = JSON.parse(formatJson(rs));
    expect(doc.summary).toEqual({ valid: 1, invalid: 1, errors: 2, skipped: 0 });
    expect(doc.resources).toHaveLength(3);
    expect(doc.resources[0]).toEqual({
      filename: 'dist/x.yaml',
      kind: 'CephBlockPool',
      name: 'replicapool',
      version: 'ceph.rook.io/v1',
      status: 'statusInvalid',
      msg: expect.stringContaining('expected integer, but got string'),
      validationErrors: [{ path: '/spec/replicated/size', msg: 'expected integer, but got string' }],
    });
  });
});
