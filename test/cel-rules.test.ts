/**
 * The API server evaluates the CEL rules (`x-kubernetes-validations`) and list types of a CRD on every create and
 * update; kubeconform ignores them. GIVEN objects the API server refuses by a rule WHEN they go through `validate`,
 * `check-dist` or synth THEN they are refused with the rule's message, and `--no-api-server-checks` gives
 * kubeconform's verdict.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { JsonPatch } from 'cdk8s';
import { RookCluster } from '../src';
import { runValidate } from '../src/cli/validate';
import { checkDist } from '../src/cli/cli';
import { CEPH_HEALTH_CODE } from '../src/rook/cluster/health';
import { bundledCrdDocuments, bundleIndex } from '../src/validation/bundle';
import { compileRule, createRuleProblems, schemaRules } from '../src/validation/cel-rules';
import { crdKindsOf } from '../src/validation/crd-schemas';
import { PINNED_CRD_SOURCES } from '../src/validation/sources';
import { Validator } from '../src/validation/validator';
import { configError, expectHelpful, newSite, synthError, UPSTREAM } from './helpers';
import { synthApp } from '../src/pipeline/synth';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-cel-'));
let n = 0;
function validateDoc(doc: Record<string, unknown>, opts: { apiServerChecks?: boolean; crds?: string[] } = {}) {
  const f = path.join(dir, `doc-${n++}.json`);
  fs.writeFileSync(f, JSON.stringify(doc));
  return runValidate([f], { kubernetesVersion: '1.33.0', upstream: UPSTREAM, ...opts });
}

const meta = { name: 'x', namespace: 'rook-ceph' };
const cluster = (spec: Record<string, unknown>) => ({
  apiVersion: 'ceph.rook.io/v1', kind: 'CephCluster', metadata: meta,
  spec: { cephVersion: { image: 'quay.io/ceph/ceph:v19.2.3' }, dataDirHostPath: '/var/lib/rook', mon: { count: 3 }, ...spec },
});

/** The CRD (version schema) of a kind in the bundle's Rook v1.20.6 files. */
function rookSchema(kind: string): Record<string, any> {
  for (const f of ['rook/v1.20.6/crds.yaml', 'rook/v1.20.6/csi-operator.yaml']) {
    const k = bundledCrdDocuments(f)!.docs.flatMap((d) => crdKindsOf(d, f)).find((c) => c.kind === kind);
    if (k) return k.openAPIV3Schema!;
  }
  throw new Error(`no CRD for ${kind}`);
}

describe('GIVEN objects the API server refuses by a CRD rule', () => {
  test.each([
    ['a CephCluster whose mon.stretchCluster.zones has two entries', cluster({ mon: { count: 5, stretchCluster: { zones: [{ name: 'a', arbiter: true }, { name: 'b' }] } } }), 'spec.mon', 'stretchCluster zones must be equal to 3'],
    ['a CephCluster whose mon.zones is longer than mon.count', cluster({ mon: { count: 1, zones: [{ name: 'a' }, { name: 'b' }] } }), 'spec.mon', 'zones must be less than or equal to count'],
    ['a CephCluster with network.provider multus and no selectors', cluster({ network: { provider: 'multus' } }), 'spec.network', 'at least one network selector must be specified when using multus'],
    ['a CephCluster muting the health check code FOO', cluster({ healthCheck: { muteHealthWarning: { FOO: { policy: 'mute' } } } }), 'spec.healthCheck.muteHealthWarning', 'keys must be valid Ceph health check codes'],
    ['an erasure-coded CephBlockPool with crushNumFailureDomains but no crushOSDsPerFailureDomain', { apiVersion: 'ceph.rook.io/v1', kind: 'CephBlockPool', metadata: meta, spec: { erasureCoded: { dataChunks: 2, codingChunks: 1, crushNumFailureDomains: 3 } } }, 'spec.erasureCoded', 'crushNumFailureDomains and crushOSDsPerFailureDomain must be specified together'],
    ['a CephFilesystemSubVolumeGroup with two pinning types', { apiVersion: 'ceph.rook.io/v1', kind: 'CephFilesystemSubVolumeGroup', metadata: meta, spec: { filesystemName: 'fs', pinning: { distributed: 1, export: 1 } } }, 'spec.pinning', 'only one pinning type should be set'],
    ['a CephObjectStore with defaultRealm true and a zone', { apiVersion: 'ceph.rook.io/v1', kind: 'CephObjectStore', metadata: meta, spec: { defaultRealm: true, zone: { name: 'zone-a' } } }, 'spec', 'defaultRealm must not be true when zone.name is set'],
  ])('WHEN %s goes through validate THEN it is invalid with the rule\'s message and field, and valid for the schema alone', (_what, doc, field, message) => {
    const r = validateDoc(doc);
    expect(r.exitCode).toBe(1);
    expect(r.results[0].status).toBe('statusInvalid');
    // (a rule that fails to evaluate, e.g. on a missing field, is refused too, with its message after the error)
    expect(r.output).toMatch(new RegExp(`is invalid: API-server validation failed \\(beyond the schema\\): ${field.replace(/\./g, '\\.')}: Invalid value: "object": (.* evaluating rule: )?${message}`));
    expect(r.results[0].errors).toEqual([{ path: `/${field.split('.').join('/')}`, msg: expect.stringContaining('x-kubernetes-validations rule of the CRD') }]);
    // kubeconform's verdict: the schema alone accepts it
    expect(validateDoc(doc, { apiServerChecks: false }).results[0].status).toBe('statusValid');
  });

  test('WHEN the same objects satisfy the rules THEN they are valid (a rule is not refused for being there)', () => {
    for (const doc of [
      cluster({ mon: { count: 5, stretchCluster: { zones: [{ name: 'a', arbiter: true }, { name: 'b' }, { name: 'c' }] } } }),
      cluster({ mon: { count: 3, zones: [{ name: 'a' }, { name: 'b' }] }, network: { provider: 'multus', selectors: { public: 'rook-ceph/public' } } }),
      cluster({ healthCheck: { muteHealthWarning: { POOL_NO_REDUNDANCY: { policy: 'mute' } } } }),
      { apiVersion: 'ceph.rook.io/v1', kind: 'CephBlockPool', metadata: meta, spec: { erasureCoded: { dataChunks: 2, codingChunks: 1, crushNumFailureDomains: 3, crushOSDsPerFailureDomain: 2 } } },
    ]) {
      expect(validateDoc(doc).results[0]).toMatchObject({ status: 'statusValid' });
    }
  });

  test('WHEN a dist/ file on disk breaks a rule THEN check-dist refuses it', () => {
    const { app, site } = newSite({ rookVersion: '1.20.6' });
    new RookCluster(site, 'cluster');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-cel-dist-'));
    synthApp(app, { outdir: out, upstreamDir: UPSTREAM });
    const file = fs.readdirSync(path.join(out, 'test-site'), { recursive: true }).map(String).find((f) => /cephcluster_/.test(f))!;
    const p = path.join(out, 'test-site', file);
    fs.writeFileSync(p, fs.readFileSync(p, 'utf8').replace(/^(\s+)network:\n/m, '$1network:\n$1  provider: multus\n').replace(/^spec:\n/m, 'spec:\n  network:\n    provider: multus\n'));
    const results = checkDist(app, out, UPSTREAM);
    const bad = results.filter((r) => r.status !== 'statusValid');
    expect(bad).toHaveLength(1);
    expect(bad[0].msg).toMatch(/spec\.network: Invalid value: "object": .*at least one network selector must be specified when using multus/);
    expect(checkDist(app, out, UPSTREAM, { apiServerChecks: false }).every((r) => r.status === 'statusValid')).toBe(true);
  });

  test('WHEN a construct\'s output is patched to break a rule THEN synth refuses it and writes nothing', () => {
    const { app, site } = newSite({ rookVersion: '1.20.6' });
    const c = new RookCluster(site, 'cluster');
    c.resource.addJsonPatch(JsonPatch.add('/spec/mon/zones', [{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }]));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-cel-synth-'));
    const e = synthError(app, out);
    expect(e.message).toMatch(/CephCluster .* is invalid: \/spec\/mon: Invalid value: "object": zones must be less than or equal to count/);
    expect(fs.readdirSync(out)).toEqual([]);
  });
});

describe('GIVEN the muteHealthWarning key check of RookCluster and the CephCluster CRD rule on the same keys', () => {
  const keys = ['POOL_NO_REDUNDANCY', 'OSD_DOWN', 'MON_DISK_LOW', 'FOO', 'OSD1_DOWN', 'A_', '_A', 'A__B', 'osd_down', 'OSD_DOWN_2'];
  test('WHEN each key is judged by both THEN they agree on every key (the CRD rule is evaluated, not copied)', () => {
    const schema = rookSchema('CephCluster');
    const byRule = (k: string) => createRuleProblems(schema, cluster({ healthCheck: { muteHealthWarning: { [k]: { policy: 'mute' } } } })).length === 0;
    const verdicts = keys.map((k) => [k, byRule(k), CEPH_HEALTH_CODE.test(k)]);
    expect(verdicts.filter(([, a, b]) => a !== b)).toEqual([]);
    // both accept some and refuse some: the comparison is not vacuous
    expect(verdicts.filter(([, a]) => a).length).toBeGreaterThan(2);
    expect(verdicts.filter(([, a]) => !a).length).toBeGreaterThan(2);
  });

  test('WHEN a site mutes FOO or OSD1_DOWN THEN RookCluster refuses it at once, as the CRD would', () => {
    for (const k of ['FOO', 'OSD1_DOWN']) {
      const { site } = newSite({ rookVersion: '1.20.6' });
      const e = configError(() => new RookCluster(site, 'cluster', { healthCheck: { muteHealthWarning: { [k]: { policy: 'mute' } } } }));
      expectHelpful(e.message, { path: `healthCheck.muteHealthWarning.${k}`, value: k, allowed: /upper-case words joined by "_", at least two/, fix: /ceph health detail/ });
      expect(e.message).toMatch(/not a Ceph health check code/);
    }
  });
});

describe('GIVEN the CephFilesystemSubVolumeGroup pinning check and the CRD rule on pinning', () => {
  test('WHEN every combination of pinning types is judged by both THEN whatever the construct accepts the rule accepts, and two or more types both refuse', async () => {
    const { CephFilesystemSubVolumeGroup } = await import('../src');
    const schema = rookSchema('CephFilesystemSubVolumeGroup');
    const values = { distributed: 1, export: 0, random: 0.5 } as const;
    const keys = Object.keys(values) as Array<keyof typeof values>;
    const combos = [1, 2, 3, 4, 5, 6, 7].map((m) => Object.fromEntries(keys.filter((_, i) => m & (1 << i)).map((k) => [k, values[k]])));
    for (const pinning of combos) {
      const { site } = newSite({ rookVersion: '1.20.6' });
      let construct = true;
      try {
        new CephFilesystemSubVolumeGroup(site, 'g', { filesystem: 'fs', cluster: new RookCluster(site, 'cluster'), pinning });
      } catch {
        construct = false;
      }
      const rule = createRuleProblems(schema, { spec: { filesystemName: 'fs', pinning } }).length === 0;
      expect({ pinning, construct, rule }).toEqual({ pinning, construct: Object.keys(pinning).length === 1, rule: Object.keys(pinning).length === 1 });
    }
  });
});

describe('GIVEN every CEL rule of every pinned CRD', () => {
  const files = [...new Set(Object.values(PINNED_CRD_SOURCES).flatMap((s) => s.files))].sort();

  test('WHEN each is compiled THEN every one is evaluated or listed as skipped with its reason, as the bundle index records', () => {
    const index = bundleIndex();
    let total = 0;
    for (const rel of files) {
      const found = bundledCrdDocuments(rel)!;
      const kinds = found.docs.flatMap((d) => crdKindsOf(d, rel));
      const rules = kinds.flatMap((k) => schemaRules(k.openAPIV3Schema).map((r) => ({ ...r, kind: `${k.apiVersion}/${k.kind}` })));
      total += rules.length;
      const name = path.basename(found.file);
      const recorded = index.celRules?.[name];
      if (rules.length === 0) {
        expect(recorded).toBeUndefined();
        continue;
      }
      expect(recorded).toEqual({
        rules: rules.length,
        transition: rules.filter((r) => r.compiled.transition).length,
        skipped: rules.filter((r) => r.compiled.skipped).map((r) => ({ kind: r.kind, path: r.path || '(root)', rule: r.spec.rule, reason: r.compiled.skipped })),
      });
      // the pinned rules use only what the evaluator has: none is skipped
      expect(recorded!.skipped).toEqual([]);
    }
    // Rook v1.20.6 alone carries 39 rules in crds.yaml; all sources together several hundred
    expect(index.celRules?.['crd-rook_v1.20.6_crds.json.gz']).toMatchObject({ rules: 39 });
    expect(total).toBeGreaterThan(300);
  });

  test('WHEN the README lists the rules per source THEN its counts are the bundle index\'s', () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '..', 'README.md'), 'utf8');
    const agg = new Map<string, number[]>();
    for (const [file, c] of Object.entries(bundleIndex().celRules ?? {})) {
      const src = file.replace(/^crd-/, '').split('_')[0];
      const a = agg.get(src) ?? [0, 0, 0];
      agg.set(src, [a[0] + c.rules, a[1] + c.transition, a[2] + c.skipped.length]);
    }
    expect(agg.size).toBeGreaterThan(4);
    for (const [src, [rules, transition, skipped]] of agg) {
      const row = readme.split('\n').map((l) => l.trim()).find((l) => l.startsWith(`| ${src} `));
      expect({ src, row: row?.split('|').slice(-4, -1).map((x) => Number(x.trim())) }).toEqual({ src, row: [rules, transition, skipped] });
    }
  });

  test('WHEN a rule calls a function the evaluator lacks, or does not parse THEN it is skipped with the reason, never passed', () => {
    expect(compileRule('self.isSorted()').skipped).toMatch(/calls isSorted, which the CEL evaluator does not provide/);
    expect(compileRule('self ==').skipped).toMatch(/does not compile/);
    expect(compileRule('self == oldSelf')).toMatchObject({ transition: true });
    expect(compileRule('self.size() > 0').skipped).toBeUndefined();
  });
});

describe('GIVEN a user CRD with one rule that does not compile and one that does', () => {
  const crdDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-cel-crd-'));
  const crdFile = path.join(crdDir, 'widgets.yaml');
  fs.writeFileSync(crdFile, JSON.stringify({
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com', scope: 'Namespaced', names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
      versions: [{
        name: 'v1', served: true, storage: true,
        schema: { openAPIV3Schema: { type: 'object', properties: { spec: {
          type: 'object',
          'x-kubernetes-validations': [
            { rule: 'self.min <= self.max', message: 'min must not exceed max', fieldPath: '.min', reason: 'FieldValueForbidden' },
            { rule: 'self.tags.isSorted()', message: 'tags must be sorted' },
          ],
          properties: {
            min: { type: 'integer' }, max: { type: 'integer' },
            tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
            ports: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['port', 'protocol'], items: { type: 'object', properties: { port: { type: 'integer' }, protocol: { type: 'string', default: 'TCP' } } } },
          },
        } } } },
      }],
    },
  }));
  const widget = (spec: Record<string, unknown>) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' }, spec });

  test('WHEN a Widget breaks the compiling rule THEN it is refused with the rule\'s message, reason and fieldPath, and the other rule is named as skipped', () => {
    const r = validateDoc(widget({ min: 5, max: 1, tags: ['b', 'a'] }), { crds: [crdFile] });
    expect(r.results[0].status).toBe('statusInvalid');
    expect(r.results[0].errors).toEqual([{ path: '/spec/min', msg: expect.stringMatching(/^Forbidden: min must not exceed max/) }]);
    expect(r.notes).toEqual([expect.stringMatching(/CRD rule not evaluated \(skipped\): .*widgets\.yaml: example\.com\/v1\/Widget at \.spec: "self\.tags\.isSorted\(\)": calls isSorted/)]);
  });

  test('WHEN list-type set and map lists hold duplicates THEN the API server\'s "Duplicate value" is given (a defaulted key counts)', () => {
    const r = validateDoc(widget({ min: 1, max: 2, tags: ['a', 'a'], ports: [{ port: 80 }, { port: 80, protocol: 'TCP' }, { port: 80, protocol: 'UDP' }] }), { crds: [crdFile] });
    expect(r.results[0].errors).toEqual([
      { path: '/spec/tags/1', msg: expect.stringMatching(/^Duplicate value: "a": no two items of a list of type set may be equal/) },
      { path: '/spec/ports/1', msg: expect.stringMatching(/^Duplicate value: \{"port":80,"protocol":"TCP"\}: no two items of a list of type map may have the same port and protocol/) },
    ]);
    expect(validateDoc(widget({ min: 1, max: 2, tags: ['a', 'b'], ports: [{ port: 80 }, { port: 80, protocol: 'UDP' }] }), { crds: [crdFile] }).results[0].status).toBe('statusValid');
  });
});

describe('GIVEN built-in objects with duplicate keys in lists the API server checks', () => {
  const v = new Validator({ kubernetesVersion: '1.33.0', upstreamDir: UPSTREAM });
  const pod = (spec: Record<string, unknown>) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'default' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec } } });

  test('WHEN two containers share a name, two volumes a name, two Service ports a port and protocol THEN each is refused', () => {
    const two = v.validateObject(pod({ containers: [{ name: 'c', image: 'x' }, { name: 'c', image: 'y' }] }));
    expect(two.errors).toEqual([{ path: '/spec/template/spec/containers/1', msg: expect.stringMatching(/^Duplicate value: \{"name":"c"\}/) }]);
    const vols = v.validateObject(pod({ containers: [{ name: 'c', image: 'x' }], volumes: [{ name: 'v', emptyDir: {} }, { name: 'v', emptyDir: {} }] }));
    expect(vols.errors?.[0].path).toBe('/spec/template/spec/volumes/1');
    // protocol defaults to TCP (in the API server's code, not the definitions)
    const svc = v.validateObject({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec: { ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80, protocol: 'TCP' }] } });
    expect(svc.errors).toEqual([{ path: '/spec/ports/1', msg: expect.stringMatching(/^Duplicate value: \{"port":80,"protocol":"TCP"\}/) }]);
  });

  test('WHEN duplicates are in lists the API server accepts them in (env, container ports) THEN the object stays valid', () => {
    const r = v.validateObject(pod({ containers: [{ name: 'c', image: 'x', env: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }], ports: [{ containerPort: 80 }, { containerPort: 80 }] }] }));
    expect(r.status).toBe('statusValid');
  });
});

describe('GIVEN a CRD field with format: duration', () => {
  test('WHEN values are judged as the API server does (Go durations, or integer+unit words) THEN only text without a duration is refused', async () => {
    const { isApiServerDuration } = await import('../src/foundation/k8s-rules');
    expect(['10s', '1h30m', '-1.5h', '0', '2d', 'P1D', '3 weeks', '300ms'].filter((d) => !isApiServerDuration(d))).toEqual([]);
    expect(['soon', '', '5', 'h', '10 parsecs'].filter((d) => isApiServerDuration(d))).toEqual([]);
  });
});
