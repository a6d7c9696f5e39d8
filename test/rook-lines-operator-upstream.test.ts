/**
 * The operator settings of every Rook line v1.0–v1.20 (issue 21), rebuilt through the public API and compared with
 * the line's own `operator.yaml` (test/upstream-compare.ts): every `rook-ceph-operator-config` key and every operator
 * Deployment env var that is a typed operator setting (OPERATOR_SETTINGS, RookOperator props) on any line.
 *
 * The vendored operator installs upstream's files and patches our keys into them, so the comparison starts from a
 * copy of the line's folder whose ConfigMap has no data and whose Deployment has none of those env vars: each one
 * must come back from a RookOperator prop, with upstream's value, in the place (ConfigMap or env) upstream puts it.
 * The props are read from upstream's values. Keys that are no typed setting (CSI images, placement, the CSI switches
 * CephCsi writes, ...) are outside this comparison (test/operator-upstream.test.ts covers CephCsi on v1.7.11).
 *
 * Deliberate differences, listed per line below with the reason:
 * - EMPTY_HOSTNAME_LABEL: `ROOK_CUSTOM_HOSTNAME_LABEL: ""` means kubernetes.io/hostname, which leaving
 *   customHostnameLabel unset gives; the prop takes only a real label key.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as semver from 'semver';
import * as YAML from 'yaml';
import { RookOperator } from '../src';
import { ROOK_PROFILES } from '../src/versions';
import { OPERATOR_SETTINGS, operatorSettingOfKey, operatorSettingPlace } from '../src/rook/operator-settings';
import { KUBERNETES_RANGE, RookVersion } from '../src/versions';
import { describeWithUpstream, newSite, upstreamPath } from './helpers';
import { compare, printFieldReport, recordFields, synthValid } from './upstream-compare';

const LINES = Object.keys(ROOK_PROFILES) as RookVersion[];

function kubernetesFor(v: RookVersion): string {
  for (let minor = Number(KUBERNETES_RANGE.max.split('.')[1]); minor >= 16; minor--) {
    if (semver.satisfies(`1.${minor}.0`, ROOK_PROFILES[v].kubernetes)) return `1.${minor}.0`;
  }
  throw new Error(`no Kubernetes minor for Rook ${v}`);
}

const TYPED_KEYS = new Set(OPERATOR_SETTINGS.map((d) => d.key));
const isOperatorConfig = (d: any) => d?.kind === 'ConfigMap' && d.metadata?.name === 'rook-ceph-operator-config';
const isOperatorDeployment = (d: any) => d?.kind === 'Deployment' && d.metadata?.name === 'rook-ceph-operator';

/** Upstream's typed settings of a line: ConfigMap keys and Deployment env vars (literal values only). */
function upstreamSettings(line: RookVersion): { configmap: Record<string, string>; env: Record<string, string> } {
  const docs = YAML.parseAllDocuments(fs.readFileSync(upstreamPath('rook-lines', `v${line}`, 'operator.yaml'), 'utf8')).map((d) => d.toJSON());
  const data = docs.find(isOperatorConfig)?.data ?? {};
  const env = docs.find(isOperatorDeployment)?.spec.template.spec.containers[0].env ?? [];
  const pick = (entries: [string, unknown][]): Record<string, string> => Object.fromEntries(entries.filter(([k, v]) => TYPED_KEYS.has(k) && typeof v === 'string')) as Record<string, string>;
  return { configmap: pick(Object.entries(data)), env: pick(env.map((e: any) => [e.name, e.value])) };
}

/** The same of our synthesized objects. */
function ourSettings(objs: readonly any[]): { configmap: Record<string, string>; env: Record<string, string> } {
  const data = objs.find(isOperatorConfig)?.data ?? {};
  const env = objs.find(isOperatorDeployment)?.spec.template.spec.containers[0].env ?? [];
  const pick = (entries: [string, unknown][]): Record<string, string> => Object.fromEntries(entries.filter(([k, v]) => TYPED_KEYS.has(k) && typeof v === 'string')) as Record<string, string>;
  return { configmap: pick(Object.entries(data)), env: pick(env.map((e: any) => [e.name, e.value])) };
}

/** A copy of the line's vendored files without the typed settings (ConfigMap data, typed env vars). */
const tmpDirs: string[] = [];
function folderWithoutTypedSettings(line: RookVersion): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gs-op-${line}-`));
  tmpDirs.push(dir);
  for (const f of ROOK_PROFILES[line].vendoredFiles) {
    const src = upstreamPath('rook-lines', `v${line}`, f);
    if (f !== 'operator.yaml') {
      fs.copyFileSync(src, path.join(dir, f));
      continue;
    }
    const docs = YAML.parseAllDocuments(fs.readFileSync(src, 'utf8'));
    for (const d of docs) {
      const j = d.toJSON();
      if (isOperatorConfig(j)) d.delete('data');
      if (isOperatorDeployment(j)) {
        const env = d.getIn(['spec', 'template', 'spec', 'containers', 0, 'env']) as YAML.YAMLSeq | undefined;
        if (env) env.items = env.items.filter((e: any) => !TYPED_KEYS.has(String(e.get('name'))));
      }
    }
    fs.writeFileSync(path.join(dir, f), docs.map((d) => String(d)).join('---\n'));
  }
  return dir;
}

/** Props of upstream's values: each typed key to its prop, as the prop's type (Go durations and addresses stay strings). */
function propsOf(settings: Record<string, string>): Record<string, any> {
  const props: Record<string, any> = {};
  for (const [key, raw] of Object.entries(settings)) {
    const def = operatorSettingOfKey(key)!;
    const value = raw === 'true' || raw === 'false' ? raw === 'true' : /^[0-9]+$/.test(raw) && def.prop !== 'metricsBindAddress' ? Number(raw) : raw;
    const parts = def.prop.split('.');
    let o = props;
    for (const k of parts.slice(0, -1)) o = (o[k] ??= {});
    o[parts[parts.length - 1]] = value;
  }
  return props;
}

afterAll(() => {
  printFieldReport('Rook operator settings of every line (operator.yaml)');
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

/** The keys not passed as props (with their reason in the file comment), the equal fields, the differences. */
const EMPTY_HOSTNAME_LABEL = ['configmap.ROOK_CUSTOM_HOSTNAME_LABEL: "" -> (none)'];
const EXPECTED: Record<RookVersion, { equal: number; notPassed?: string[]; differences?: string[] }> = {
  '1.0.6': { equal: 7 },
  '1.1.9': { equal: 10 },
  '1.2.7': { equal: 11 },
  '1.3.11': { equal: 13 },
  '1.4.9': { equal: 9 },
  '1.5.12': { equal: 11 },
  '1.6.11': { equal: 12 },
  '1.7.11': { equal: 13 },
  '1.8.10': { equal: 13 },
  '1.9.13': { equal: 13 },
  '1.10.13': { equal: 13 },
  '1.11.11': { equal: 13 },
  '1.12.11': { equal: 13 },
  '1.13.10': { equal: 12 },
  '1.14.12': { equal: 13 },
  '1.15.9': { equal: 13 },
  '1.16.9': { equal: 13, notPassed: ['ROOK_CUSTOM_HOSTNAME_LABEL'], differences: EMPTY_HOSTNAME_LABEL },
  '1.17.9': { equal: 13, notPassed: ['ROOK_CUSTOM_HOSTNAME_LABEL'], differences: EMPTY_HOSTNAME_LABEL },
  '1.18.11': { equal: 13, notPassed: ['ROOK_CUSTOM_HOSTNAME_LABEL'], differences: EMPTY_HOSTNAME_LABEL },
  '1.19.10': { equal: 14, notPassed: ['ROOK_CUSTOM_HOSTNAME_LABEL'], differences: EMPTY_HOSTNAME_LABEL },
  '1.20.6': { equal: 13, notPassed: ['ROOK_CUSTOM_HOSTNAME_LABEL'], differences: EMPTY_HOSTNAME_LABEL },
};

describeWithUpstream('GIVEN the operator settings of every Rook line v1.0–v1.20, rebuilt through the public API', () => {
  test('THEN every line of the generated table has an expectation', () => {
    expect(Object.keys(EXPECTED)).toEqual(LINES);
  });

  test.each(LINES)('WHEN Rook %s operator.yaml is rebuilt THEN every typed setting is equal, in upstream\'s place, but the listed differences', (line) => {
    const e = EXPECTED[line];
    const u = upstreamSettings(line);
    const { app, site } = newSite({ kubernetesVersion: kubernetesFor(line), rookVersion: line }, `op-${line.replace(/\./g, '-')}`);
    const passed = Object.fromEntries(Object.entries({ ...u.configmap, ...u.env }).filter(([k]) => !(e.notPassed ?? []).includes(k)));
    // every key passed is a setting the API places on this line
    expect(Object.keys(passed).filter((k) => !operatorSettingPlace(operatorSettingOfKey(k)!, line))).toEqual([]);
    new RookOperator(site, 'operator', { install: { mode: 'vendored', dir: folderWithoutTypedSettings(line) }, ...propsOf(passed) });
    const c = compare(u, ourSettings(synthValid(app)));
    expect(c.differences).toEqual(e.differences ?? []);
    expect(c.equal).toBe(e.equal);
    recordFields(`v${line}/operator.yaml`, c.equal);
  });
});
