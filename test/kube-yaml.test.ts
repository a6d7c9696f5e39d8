/**
 * Issue 14 part 1: what we write is read the same by every Kubernetes reader. kubectl, Argo CD, Flux and
 * kubeconform read YAML through sigs.k8s.io/yaml (go-yaml v2, YAML 1.1 scalars); we write with a YAML 1.2 library.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import * as YAML from 'yaml';
import { goFormatFloat32, kubeYamlParseOptions, needsQuotes, resolveGoYamlV2, toKubernetesJsonKeys } from '../src/foundation/kube-yaml';
import { synthApp, toYaml } from '../src/pipeline/synth';
import { RookCluster } from '../src/rook/rook-cluster';
import { CephRbdStorageClass } from '../src/rook/ceph-rbd-storage-class';
import { Validator } from '../src/validation/validator';
import { newSite, nonEmpty, UPSTREAM } from './helpers';

/** The `yaml` package in YAML 1.1 mode: a close stand-in for PyYAML-like YAML 1.1 readers. */
function readYaml11(text: string): unknown[] {
  return YAML.parseAllDocuments(text, { version: '1.1' }).map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJS({ maxAliasCount: -1 });
  });
}

/** go-yaml v2 scalar rules where they differ from the stand-in (0o17 and 08 are numbers, 12:30 a string …). */
function readLikeSigsYaml(text: string): unknown[] {
  return YAML.parseAllDocuments(text, kubeYamlParseOptions(true)).map((d) => {
    expect(d.errors).toEqual([]);
    expect(toKubernetesJsonKeys(d)).toBeUndefined();
    return d.toJS({ maxAliasCount: -1 });
  });
}

const configMap = (name: string, labels: Record<string, string>, data: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'rook-ceph', labels },
  data,
});

describe('go-yaml v2 scalar resolution (the facts the writer and the validator rely on)', () => {
  test.each([
    ['n', 'bool', false],
    ['Y', 'bool', true],
    ['on', 'bool', true],
    ['OFF', 'bool', false],
    ['yEs', 'str', 'yEs'],
    ['~', 'null', null],
    ['Null', 'null', null],
    ['1_000', 'int', 1000],
    ['0o17', 'int', 15],
    ['017', 'int', 15],
    ['0x1F', 'int', 31],
    ['-0b101', 'int', -5],
    ['+12', 'int', 12],
    ['08', 'float', 8],
    ['1e3', 'float', 1000],
    ['.5', 'float', 0.5],
    ['-.inf', 'float', -Infinity],
    ['+.nan', 'str', '+.nan'],
    ['12:30', 'str', '12:30'],
    ['1:20', 'str', '1:20'],
    ['2001-12-14', 'str', '2001-12-14'],
    ['1e400', 'str', '1e400'],
    ['v1.20.6', 'str', 'v1.20.6'],
    ['-', 'str', '-'],
  ])('GIVEN the plain scalar %j THEN go-yaml v2 reads a %s %j', (s, type, value) => {
    const r = resolveGoYamlV2(s);
    expect(r.type).toBe(type);
    if (typeof value === 'number' && Number.isNaN(value)) expect(r.value).toBeNaN();
    else expect(r.value).toEqual(value);
  });

  test('GIVEN float map keys THEN they become JSON keys the way sigs.k8s.io/yaml formats them (float32, shortest)', () => {
    expect([1000, 1e6, 0.5, 123456789, 1e-5, -2.5, Infinity].map(goFormatFloat32)).toEqual(['1000', '1e+06', '0.5', '1.2345679e+08', '1e-05', '-2.5', '.inf']);
  });
});

describe('GIVEN strings that a YAML 1.1 reader would retype', () => {
  test('WHEN a StorageClass is named n and has parameters yes/0o17/1_000 THEN they are quoted and read back as strings', () => {
    const sc = {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'n' },
      provisioner: 'rook-ceph.rbd.csi.ceph.com',
      parameters: { encrypted: 'yes', mode: '0o17', size: '1_000', at: '12:30', day: '2001-12-14', inf: '.inf', nil: '~', pool: 'replicapool' },
    };
    const text = toYaml([sc]);
    expect(text).toContain('  name: "n"\n');
    expect(text).toContain('  encrypted: "yes"\n');
    expect(text).toContain('  mode: "0o17"\n');
    expect(text).toContain('  size: "1_000"\n');
    expect(text).toContain('  at: "12:30"\n');
    expect(text).toContain('  day: "2001-12-14"\n');
    expect(text).toContain('  pool: replicapool\n'); // only what needs it is quoted
    expect(readLikeSigsYaml(text)).toEqual([sc]);
    expect(readYaml11(text)).toEqual([sc]);
  });

  test('WHEN label keys are on, y and 2001-12-14 THEN the keys are quoted too', () => {
    const cm = configMap('labels', { on: 'off', y: 'n', '2001-12-14': 'x', app: 'rook-ceph-tools' });
    const text = toYaml([cm]);
    expect(text).toContain('    "on": "off"\n');
    expect(text).toContain('    "y": "n"\n');
    expect(text).toContain('    "2001-12-14": x\n');
    expect(text).toContain('    app: rook-ceph-tools\n');
    expect(readLikeSigsYaml(text)).toEqual([cm]);
  });

  test('WHEN a value holds U+2028 or a BOM THEN it is double-quoted with escapes (libyaml breaks the line or refuses it)', () => {
    const cm = configMap('chars', {}, { a: 'x\u2028y', b: 'a\uFEFFb' });
    const text = toYaml([cm]);
    expect(text).toContain('  a: "x\\Ly"\n');
    expect(text).toContain('  b: "a\\uFEFFb"\n');
    expect(readYaml11(text)).toEqual([cm]);
  });

  test('THEN ordinary strings stay plain: names, images, versions, paths, quantities', () => {
    for (const s of ['replicapool', 'quay.io/ceph/ceph:v19.2.3', 'v1.20.6', '/var/lib/rook', '10Gi', 'rook-ceph.rbd.csi.ceph.com', 'host']) {
      expect(needsQuotes(s)).toBe(false);
      expect(toYaml([{ v: s }])).toBe(`v: ${s}\n`);
    }
  });
});

describe('property: every string we write is read back as that string', () => {
  const special = fc.constantFrom(
    ...'y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF ~ null Null NULL'.split(' '),
    ...['', '1_000', '0o17', '0O17', '0x1F', '0b101', '-0b1', '017', '08', '09.5', '1e3', '1E+3', '1.', '.5', '.5_0', '+.5', '-.5e3'],
    ...['.inf', '-.Inf', '+.INF', '.nan', '.NaN', '1:30', '12:30', '190:20:30.15', '-1:20', '2001-12-14', '2001-12-14t21:59:43.10-05:00'],
    ...['2001-12-14 21:59:43.10 -5', '<<', '=', '-', '+', '.', '0', '-0', '+12', '1__0', '_1', '0x_1F', '9223372036854775808', '18446744073709551616'],
    ...['1e400', '\u2028', 'a\u2029b', '\uFEFF', '\u0085', '\u00a0x', 'é', '名前', '🚀', ' on', 'on ', ': x', '# x', '- x', 'a: b', 'a #b', '-a', ':a', '?x'],
  );
  const piece = fc.oneof(special, fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 4 }), fc.constantFrom(' ', ':', '#', '-', '.', '_', '0', '1', '\t', '\n'));
  const str = fc.oneof({ weight: 3, arbitrary: special }, { weight: 2, arbitrary: fc.array(piece, { minLength: 1, maxLength: 3 }).map((a) => a.join('')) });
  const obj = fc.record({
    name: str,
    labels: fc.dictionary(str, str, { maxKeys: 4 }),
    annotations: fc.dictionary(str, str, { maxKeys: 3 }),
    parameters: fc.dictionary(str, str, { maxKeys: 4 }),
    list: fc.array(str, { maxLength: 3 }),
  });

  test('GIVEN random names, label keys/values, annotations and parameters WHEN written by toYaml THEN a YAML 1.1 reader and the go-yaml v2 rules read the same object', () => {
    fc.assert(
      fc.property(obj, (o) => {
        const manifest = {
          apiVersion: 'storage.k8s.io/v1',
          kind: 'StorageClass',
          metadata: { name: o.name, labels: o.labels, annotations: o.annotations },
          provisioner: 'rook-ceph.rbd.csi.ceph.com',
          parameters: o.parameters,
          mountOptions: o.list,
        };
        const text = toYaml([manifest]);
        expect(readYaml11(text)).toEqual([manifest]);
        expect(readLikeSigsYaml(text)).toEqual([manifest]);
      }),
      { seed: 14, numRuns: 400 },
    );
  });
});

describe('GIVEN the committed dist/', () => {
  const DIST = path.resolve(__dirname, '..', 'dist');
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (/\.ya?ml$/.test(e.name)) files.push(f);
    }
  };
  walk(DIST);

  test('THEN there are files to check', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  test('WHEN every file is read as YAML 1.1 and with the go-yaml v2 rules THEN each reads as the YAML 1.2 we meant', () => {
    const differing: string[] = [];
    for (const f of nonEmpty(files, 'committed dist/ file')) {
      const text = fs.readFileSync(f, 'utf8');
      const meant = YAML.parseAllDocuments(text).map((d) => d.toJS({ maxAliasCount: -1 }));
      try {
        expect(readYaml11(text)).toEqual(meant);
        expect(readLikeSigsYaml(text)).toEqual(meant);
      } catch {
        differing.push(path.relative(DIST, f));
      }
    }
    expect(differing).toEqual([]);
  });
});

describe('GIVEN a site whose StorageClass is named n and whose pool is named y', () => {
  test('WHEN synthesized THEN the files say name: "n" and pool: "y", and validating the files as kubeconform reads them finds them valid', () => {
    const { app, site } = newSite({}, 'yaml11');
    const cluster = new RookCluster(site, 'cluster');
    new CephRbdStorageClass(site, 'n', { pool: cluster.addPool('y', { replicated: { size: 3 } }) });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-yaml11-'));
    synthApp(app, { outdir: out, upstreamDir: UPSTREAM });
    const dir = path.join(out, 'yaml11');
    const all = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? all(path.join(d, e.name)) : [path.join(d, e.name)]));
    const sc = all(dir).find((f) => /storageclass_n\.yaml$/.test(f))!;
    const text = fs.readFileSync(sc, 'utf8');
    expect(text).toMatch(/^  name: "n"$/m);
    expect(text).toMatch(/^  pool: "y"$/m);
    const v = new Validator({ kubernetesVersion: '1.33.0', crdSources: ['rook@v1.20.6'], upstreamDir: UPSTREAM });
    const results = v.validatePaths([sc, all(dir).find((f) => /cephblockpool_rook-ceph_y\.yaml$/.test(f))!]);
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ['n', 'statusValid'],
      ['y', 'statusValid'],
    ]);
  });
});
