/**
 * Generates `src/versions/topolvm-lines.generated.ts`, the per-line facts of every TopoLVM release line v0.2–v0.41
 * and of every TopoLVM chart major, from the pinned upstream tree `topolvm-lines/` (one folder per line, named by
 * its newest patch; one `topolvm-chart-vN` folder per chart major):
 *
 *   npm run topolvm:lines                     # mirror: $GITOPS_STORAGE_UPSTREAM, else ../shared/upstream beside the repo
 *   npm run topolvm:lines -- --upstream DIR [--out FILE]
 *
 * Facts only (names, versions, paths, booleans); no description or comment text of the upstream files is copied.
 * `test/topolvm-lines.test.ts` proves the committed table equal to a fresh run.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import type { GeneratedLvmdMode, TopoLVMChartData, TopoLVMLineData } from '../versions/topolvm-line-types';

type Json = Record<string, any>;
const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

function readYamlDocs(file: string): any[] {
  return YAML.parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJSON()).filter((d) => d != null);
}

function files(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort() : [];
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).sort().flatMap((f) => {
    const p = path.join(dir, f);
    return fs.statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const byVersion = (a: string, b: string) => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
};

function lineData(root: string, version: string): TopoLVMLineData {
  const dir = path.join(root, `v${version}`);
  const crdDir = path.join(dir, 'config/crd/bases');
  const crdFiles = files(crdDir).filter((f) => f.endsWith('.yaml'));
  const crds = crdFiles.flatMap((f) => readYamlDocs(path.join(crdDir, f))).filter((d) => d?.kind === 'CustomResourceDefinition');
  const uniq = (xs: string[]) => [...new Set(xs)].sort();
  const chartYaml = path.join(dir, 'charts/topolvm/Chart.yaml');
  const valuesFile = path.join(dir, 'charts/topolvm/values.yaml');
  const values: Json = fs.existsSync(valuesFile) ? (YAML.parse(fs.readFileSync(valuesFile, 'utf8')) ?? {}) : {};
  const kustomize = fs.existsSync(path.join(dir, 'deploy/manifests'));
  const manifestDocs = walk(path.join(dir, 'deploy/manifests')).filter((f) => f.endsWith('.yaml')).flatMap(readYamlDocs);
  const schedulerConfigs = files(path.join(dir, 'deploy/scheduler-config'));
  const has = (o: unknown, ...keys: string[]) => keys.reduce<any>((cur, k) => (isObj(cur) && k in cur ? cur[k] : undefined), o) !== undefined;

  const scheduling: ('extender' | 'capacityTracking')[] = [];
  if (schedulerConfigs.length > 0) scheduling.push('extender');
  if (has(values, 'controller', 'storageCapacityTracking')) scheduling.push('capacityTracking');

  const lvmdModes: GeneratedLvmdMode[] = [];
  if (fs.existsSync(path.join(dir, 'deploy/systemd/lvmd.service'))) lvmdModes.push('systemd');
  if (fs.existsSync(path.join(dir, 'deploy/manifests/lvmd')) || has(values, 'lvmd', 'managed')) lvmdModes.push('daemonset');
  if (has(values, 'node', 'lvmdEmbedded')) lvmdModes.push('embedded');

  const lvmdYaml = path.join(dir, 'deploy/lvmd-config/lvmd.yaml');
  const classKeys = (cls: unknown): string[] => (Array.isArray(cls) ? cls.flatMap((c) => (isObj(c) ? Object.keys(c) : [])) : []);
  const deviceClassKeys = uniq([
    ...(fs.existsSync(lvmdYaml) ? classKeys(YAML.parse(fs.readFileSync(lvmdYaml, 'utf8'))?.['device-classes']) : []),
    ...classKeys(values.lvmd?.deviceClasses),
  ]);

  const webhooks = manifestDocs.filter((d) => d?.kind === 'MutatingWebhookConfiguration').flatMap((d) => d.webhooks ?? []);
  const rulesOn = (res: string) => webhooks.some((w: any) => (w.rules ?? []).some((r: any) => (r.resources ?? []).includes(res)));
  const podWebhook = rulesOn('pods') || has(values, 'webhook', 'podMutatingWebhook');
  const pvcWebhook = rulesOn('persistentvolumeclaims') || has(values, 'webhook', 'pvcMutatingWebhook');
  const certManager = manifestDocs.some((d) => typeof d?.apiVersion === 'string' && d.apiVersion.startsWith('cert-manager.io/')) || has(values, 'cert-manager');

  let imageRepository: string;
  if (typeof values.image?.repository === 'string') {
    imageRepository = values.image.repository;
  } else {
    const images = uniq(manifestDocs.flatMap((d) => [...(d?.spec?.template?.spec?.containers ?? []), ...(d?.spec?.template?.spec?.initContainers ?? [])])
      .map((c: any) => String(c.image ?? '')).filter((i) => /\/topolvm(-with-sidecar)?:/.test(i)).map((i) => i.slice(0, i.lastIndexOf(':'))));
    imageRepository = images.find((i) => i.endsWith('-with-sidecar')) ?? images[0];
  }
  if (!imageRepository) throw new Error(`${dir}: no TopoLVM image found`);

  return {
    version,
    crdFiles,
    crdGroups: uniq(crds.map((c) => c.spec.group)),
    crdKinds: uniq(crds.map((c) => c.spec.names.kind)),
    crdApiVersion: uniq(crds.map((c) => c.apiVersion)).join(','),
    manifests: kustomize ? 'kustomize' : 'chart',
    chartVersion: fs.existsSync(chartYaml) ? String(YAML.parse(fs.readFileSync(chartYaml, 'utf8')).version) : undefined,
    chart: fs.existsSync(chartYaml) ? chartData(dir) : undefined,
    schedulerConfigs,
    scheduling,
    lvmdModes,
    deviceClassKeys,
    lvcreateOptionClasses: has(values, 'lvmd', 'lvcreateOptionClasses'),
    podWebhook,
    pvcWebhook,
    certManager,
    imageRepository,
  };
}

function chartData(dir: string): TopoLVMChartData {
  const chart = YAML.parse(fs.readFileSync(path.join(dir, 'charts/topolvm/Chart.yaml'), 'utf8'));
  const values: Json = YAML.parse(fs.readFileSync(path.join(dir, 'charts/topolvm/values.yaml'), 'utf8')) ?? {};
  const sectionKeys: Record<string, string[]> = {};
  for (const s of ['controller', 'image', 'lvmd', 'node', 'priorityClass', 'scheduler', 'webhook']) if (isObj(values[s])) sectionKeys[s] = Object.keys(values[s]).sort();
  return {
    version: String(chart.version),
    appVersion: String(chart.appVersion),
    imageKey: isObj(values.image) && 'reference' in values.image ? 'reference' : 'tag',
    valueKeys: Object.keys(values).sort(),
    sectionKeys,
  };
}

/** The facts of every line v0.2–v0.41 and every chart major under `root` (= `<mirror>/topolvm-lines`). */
export function readTopolvmLines(root: string): { lines: TopoLVMLineData[]; charts: TopoLVMChartData[] } {
  const entries = fs.readdirSync(root);
  const lines = entries.map((e) => /^v(0\.(\d+)\.\d+)$/.exec(e)).filter((m): m is RegExpExecArray => !!m && Number(m[2]) >= 2)
    .map((m) => m[1]).sort(byVersion).map((v) => lineData(root, v));
  const charts = entries.map((e) => /^topolvm-chart-v(\d+\.\d+\.\d+)$/.exec(e)).filter((m): m is RegExpExecArray => !!m)
    .map((m) => m[1]).sort(byVersion).map((v) => chartData(path.join(root, `topolvm-chart-v${v}`)));
  return { lines, charts };
}

/** The generated module's text. */
export function renderTopolvmLines(root: string): string {
  const { lines, charts } = readTopolvmLines(root);
  const json = (v: unknown) => JSON.stringify(v);
  return [
    '// Generated by src/tools/topolvm-lines.ts (npm run topolvm:lines) from the pinned upstream tree topolvm-lines/',
    '// (one folder per TopoLVM release line and per chart major, see its SOURCES.md). Do not edit by hand.',
    "import type { TopoLVMChartData, TopoLVMLineData } from './topolvm-line-types';",
    '',
    '/** The pinned patch of every TopoLVM release line. */',
    `export type TopoLVMLineVersion = ${lines.map((l) => `'${l.version}'`).join(' | ')};`,
    '',
    '/** Every TopoLVM release line v0.2–v0.41 at its newest patch, oldest first. */',
    'export const TOPOLVM_LINE_DATA: readonly TopoLVMLineData[] = [',
    ...lines.map((l) => `  ${json(l)},`),
    '];',
    '',
    '/** Every TopoLVM chart major at its newest release, oldest first. */',
    'export const TOPOLVM_CHART_DATA: readonly TopoLVMChartData[] = [',
    ...charts.map((c) => `  ${json(c)},`),
    '];',
    '',
  ].join('\n');
}

/** The README's TopoLVM versions table, from the line table (what each line offers); kept current by a test. */
export function renderTopolvmVersionsTable(): string {
  // required lazily: the generator itself must run before the generated module exists
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { TOPOLVM_LINES, topolvmChartFor } = require('../versions/topolvm-lines') as typeof import('../versions/topolvm-lines');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { hasFeature } = require('../versions') as typeof import('../versions');
  const rows = TOPOLVM_LINES.map((l) => {
    const v = { kubernetes: `${l.kubernetesMinors[1]}.0`, topolvm: l.version };
    const options = ['volume-group', 'spare-gb', ...(hasFeature(v, 'topolvmDeviceClasses') ? ['several classes'] : []),
      ...(hasFeature(v, 'topolvmStripe') ? ['stripe'] : []), ...(hasFeature(v, 'topolvmLvcreateOptions') ? ['lvcreate-options'] : []),
      ...(hasFeature(v, 'topolvmSnapshots') ? ['thin-pool'] : [])];
    const chart = topolvmChartFor(l);
    const webhooks = [l.podWebhook ? 'pod' : '', l.pvcWebhook ? 'PVC' : ''].filter(Boolean).join(' + ');
    return `| v${l.minor} | ${l.version} | ${l.kubernetesMinors[0]}–${l.kubernetesMinors[1]} | ${l.crdGroups.join(', ')} (${l.crdApiVersion.split('/')[1]}) | ${l.scheduling.map((m) => (m === 'extender' ? 'extender' : 'capacity tracking')).join(', ')} | ${l.lvmdModes.join(', ')} | ${options.join(', ')} | ${webhooks}${l.certManager ? ' (cert-manager)' : ''} | manifests${chart ? `, chart ${chart.version}` : ''} | \`${l.image}\` |`;
  });
  return [
    '| line | pinned | Kubernetes | CRD groups (apiextensions) | scheduling | lvmd | device-class options | webhooks | install | image |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

const README_BEGIN = '<!-- topolvm-lines:begin (npm run topolvm:lines) -->';
const README_END = '<!-- topolvm-lines:end -->';

/** README text with the TopoLVM versions table replaced by a fresh one. */
export function withTopolvmVersionsTable(readme: string, table = renderTopolvmVersionsTable()): string {
  const a = readme.indexOf(README_BEGIN);
  const b = readme.indexOf(README_END);
  if (a < 0 || b < a) throw new Error(`README.md has no ${README_BEGIN} … ${README_END} block`);
  return `${readme.slice(0, a + README_BEGIN.length)}\n${table}\n${readme.slice(b)}`;
}

export const TOPOLVM_LINES_OUT = path.join(__dirname, '..', '..', '..', 'src', 'versions', 'topolvm-lines.generated.ts');

function main(argv: string[]): void {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const upstream = arg('--upstream') ?? process.env.GITOPS_STORAGE_UPSTREAM ?? path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'upstream');
  const out = arg('--out') ?? TOPOLVM_LINES_OUT;
  const text = renderTopolvmLines(path.join(upstream, 'topolvm-lines'));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, text);
  console.log(`wrote ${out} (${text.length} bytes)`);
  if (!arg('--out')) {
    // from the compiled table of this build (after a data change, the second run writes the new rows; a test checks them)
    const readme = path.join(__dirname, '..', '..', '..', 'README.md');
    fs.writeFileSync(readme, withTopolvmVersionsTable(fs.readFileSync(readme, 'utf8')));
    console.log(`updated the TopoLVM table of ${readme}`);
  }
}

if (require.main === module) main(process.argv.slice(2));
