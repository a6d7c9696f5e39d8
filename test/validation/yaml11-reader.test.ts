/**
 * Issue 14 part 1, the reader: a user's manifest is judged as kubectl and kubeconform read it (sigs.k8s.io/yaml,
 * go-yaml v2 scalars), not as YAML 1.2 reads it.
 */
import { validator133 } from './shared';

const v = validator133();

const configMap = (meta: string, data = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: rook-ceph\n${meta}${data}`;
const storageClass = (params: string) =>
  `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: ceph-block\nprovisioner: rook-ceph.rbd.csi.ceph.com\nparameters:\n${params}`;

describe('GIVEN a user manifest with unquoted YAML 1.1 booleans', () => {
  test('WHEN metadata.name is n THEN it is invalid like kubeconform says: a boolean at /metadata/name', () => {
    const [r] = v.validateYaml(configMap('  name: n\n'), 'cm.yaml');
    expect(r.status).toBe('statusInvalid');
    expect(r.errors).toEqual([{ path: '/metadata/name', msg: 'expected string, but got boolean' }]);
    expect(r.msg).toContain("jsonschema: '/metadata/name' does not validate with configmap-v1.json#/properties/name/type: expected string, but got boolean");
  });

  test('WHEN a label value is on THEN /metadata/labels/app is a boolean', () => {
    const [r] = v.validateYaml(configMap('  name: tools\n  labels:\n    app: on\n'), 'cm.yaml');
    expect(r.errors).toEqual([{ path: '/metadata/labels/app', msg: 'expected string, but got boolean' }]);
  });

  test('WHEN a StorageClass parameter is yes THEN it is invalid (parameters are strings)', () => {
    const [r] = v.validateYaml(storageClass('  encrypted: yes\n  pool: replicapool\n'), 'sc.yaml');
    expect(r.status).toBe('statusInvalid');
    expect(r.errors).toEqual([{ path: '/parameters/encrypted', msg: 'expected string, but got boolean' }]);
  });

  test('WHEN the same values are quoted ("yes", "n", "on") THEN they are strings and the objects are valid', () => {
    expect(v.validateYaml(storageClass('  encrypted: "yes"\n'), 'sc.yaml')[0].status).toBe('statusValid');
    expect(v.validateYaml(configMap("  name: 'n'\n  labels:\n    app: \"on\"\n"), 'cm.yaml')[0].status).toBe('statusValid');
  });

  test('WHEN a key under metadata is y THEN it arrives as the field "true", which metadata does not have', () => {
    const [r] = v.validateYaml(configMap('  name: tools\n  y: x\n'), 'cm.yaml');
    expect(r.errors).toEqual([{ path: '/metadata/true', msg: "additionalProperties 'true' not allowed" }]);
  });
});

describe('GIVEN YAML 1.1 numbers', () => {
  test('WHEN a string field holds 0o17 or 1_000 THEN it is an integer there', () => {
    const [r] = v.validateYaml(configMap('  name: sizes\n', 'data:\n  size: 0o17\n  count: 1_000\n  hex: 0x1F\n'), 'cm.yaml');
    expect([...r.errors!].sort((a, b) => (a.path < b.path ? -1 : 1))).toEqual([
      { path: '/data/count', msg: 'expected string, but got integer' },
      { path: '/data/hex', msg: 'expected string, but got integer' },
      { path: '/data/size', msg: 'expected string, but got integer' },
    ]);
  });

  test('WHEN replicas is 1_000 THEN it is the integer 1000 and valid', () => {
    const text =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: default\nspec:\n  replicas: 1_000\n' +
      '  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n' +
      '    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n';
    expect(v.validateYaml(text, 'deploy.yaml')[0].status).toBe('statusValid');
  });

  test('WHEN replicas is 0o17 in a CephBlockPool size THEN it is the integer 15 (valid), and yes there is a boolean (invalid)', () => {
    const pool = (size: string) => `apiVersion: ceph.rook.io/v1\nkind: CephBlockPool\nmetadata:\n  name: p\n  namespace: rook-ceph\nspec:\n  replicated:\n    size: ${size}\n`;
    expect(v.validateYaml(pool('0o17'), 'pool.yaml')[0].status).toBe('statusValid');
    expect(v.validateYaml(pool('yes'), 'pool.yaml')[0].errors).toEqual([{ path: '/spec/replicated/size', msg: 'expected integer, but got boolean' }]);
  });

  test('WHEN a value is 12:30, 1:20 or 2001-12-14 THEN go-yaml v2 keeps the string (no sexagesimal; timestamps stay text) and it is valid', () => {
    const [r] = v.validateYaml(configMap('  name: times\n  labels:\n    day: 2001-12-14\n', 'data:\n  at: 12:30\n  d: 1:20\n'), 'cm.yaml');
    expect(r.status).toBe('statusValid');
  });

  test('WHEN a value is .inf THEN it is an error: JSON cannot carry it', () => {
    const [r] = v.validateYaml(configMap('  name: inf\n', 'data:\n  x: .inf\n'), 'cm.yaml');
    expect(r).toMatchObject({ status: 'statusError', kind: 'ConfigMap', name: 'inf', msg: 'error unmarshalling resource: error converting YAML to JSON: json: unsupported value: +Inf' });
  });

  test('WHEN a label key is ~ (null) THEN it is an error: a null map key has no JSON form', () => {
    const [r] = v.validateYaml(configMap('  name: nullkey\n  labels:\n    ~: x\n'), 'cm.yaml');
    expect(r.status).toBe('statusError');
    expect(r.msg).toContain('unsupported map key of type: <nil>');
  });
});

test('GIVEN a label key that is a flow mapping WHEN validated THEN it is an error (go-yaml v2 refuses collection keys), with kind and name', () => {
  const [r] = v.validateYaml(configMap('  name: flow\n  labels:\n    {a: b}: x\n'), 'cm.yaml');
  expect(r).toMatchObject({ status: 'statusError', kind: 'ConfigMap', name: 'flow' });
  expect(r.msg).toContain('error converting YAML to JSON: invalid map key');
});

describe('GIVEN what the YAML 1.2 reader already handled', () => {
  test('WHEN keys on and true are in one map THEN they are the same key to go-yaml v2: a duplicate, with its line', () => {
    const [r] = v.validateYaml(configMap('  name: dup\n  labels:\n    on: a\n    true: b\n'), 'cm.yaml');
    expect(r.status).toBe('statusError');
    expect(r.msg).toBe('error unmarshalling resource: error converting YAML to JSON: yaml: unmarshal errors:\n  line 8: key true already set in map');
  });

  test('WHEN a multi-document file holds a List with n as a name and a valid object THEN each gets its own verdict', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: n\n      namespace: a\n---\n${configMap('  name: fine\n')}`;
    expect(v.validateYaml(text, 'list.yaml').map((r) => r.status)).toEqual(['statusInvalid', 'statusValid']);
  });
});
