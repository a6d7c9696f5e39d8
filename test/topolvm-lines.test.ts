/**
 * Every TopoLVM line v0.2–v0.41: the generated line table is current, a site's topolvmVersion resolves to its line
 * (any patch, a `v` prefix), bad versions are refused with the line names, and every line builds a site that
 * validates strictly against that line's own CRDs.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import * as semver from 'semver';
import { Site } from '../src/site/site';
import { renderSite, synthApp } from '../src/pipeline/synth';
import { topolvmUpgradeNotes } from '../src/plan/upgrade-rules';
import { TopoLVM, TopoLVMProps } from '../src/topolvm/topolvm';
import { TopoLVMStorageClass } from '../src/topolvm/topolvm-storage-class';
import { renderTopolvmLines, withTopolvmVersionsTable } from '../src/tools/topolvm-lines';
import { PINNED_CRD_SOURCES } from '../src/validation/sources';
import { FEATURES, KUBERNETES_RANGE, TOPOLVM_PROFILES } from '../src/versions';
import { TOPOLVM_KUBERNETES } from '../src/versions/topolvm-lines-facts';
import { resolveTopolvmVersion, TOPOLVM_LINES, TopoLVMLine } from '../src/versions/topolvm-lines';
import { configError, describeWithUpstream, expectHelpful, upstreamPath, UPSTREAM } from './helpers';

const GENERATED = path.join(__dirname, '..', 'src', 'versions', 'topolvm-lines.generated.ts');

describeWithUpstream('GIVEN the pinned TopoLVM line tree', () => {
  test('WHEN the generator runs again THEN the committed line table is byte-identical (npm run topolvm:lines)', () => {
    expect(renderTopolvmLines(upstreamPath('topolvm-lines'))).toBe(fs.readFileSync(GENERATED, 'utf8'));
  });
});

describe('GIVEN the line table', () => {
  test('THEN the README TopoLVM versions table is the one rendered from it (npm run topolvm:lines), one row per line', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    expect(withTopolvmVersionsTable(readme)).toBe(readme);
    expect(readme.match(/^\| v0\.\d+ \| 0\.\d+\.\d+ \|/gm)?.length).toBe(TOPOLVM_LINES.length);
  });

  test('THEN it holds every minor v0.2–v0.41 once, each with a hand-kept Kubernetes range from its README', () => {
    expect(TOPOLVM_LINES.map((l) => l.minor)).toEqual(Array.from({ length: 40 }, (_, i) => `0.${i + 2}`));
    expect(TOPOLVM_KUBERNETES.map((k) => k.version)).toEqual(TOPOLVM_LINES.map((l) => l.version));
    expect(Object.keys(TOPOLVM_PROFILES).sort()).toEqual(TOPOLVM_LINES.map((l) => l.version).sort());
  });

  test('THEN the facts follow the data: topolvm.io from v0.16, capacity tracking from v0.9, lvmd DaemonSet from v0.8, embedded lvmd from v0.23, the chart from v0.9', () => {
    const first = (has: (l: TopoLVMLine) => boolean) => TOPOLVM_LINES.find(has)?.minor;
    expect(first((l) => l.crdGroups.includes('topolvm.io'))).toBe('0.16');
    expect(first((l) => l.scheduling.includes('capacityTracking'))).toBe('0.9');
    expect(first((l) => l.lvmdModes.includes('daemonset'))).toBe('0.8');
    expect(first((l) => l.lvmdModes.includes('embedded'))).toBe('0.23');
    expect(first((l) => l.manifests === 'chart')).toBe('0.9');
    expect(first((l) => l.crdApiVersion === 'apiextensions.k8s.io/v1')).toBe('0.6');
    expect(TOPOLVM_LINES.every((l) => l.scheduling.includes('extender') && l.lvmdModes.includes('systemd'))).toBe(true);
    expect(FEATURES.lvmdEmbedded.range).toBe('>=0.23.0');
    expect(FEATURES.topolvmPvcWebhook.range).toBe('>=0.2.0 <0.15.0 || >=0.18.0 <0.40.0');
    expect(TOPOLVM_PROFILES['0.7.0'].image).toBe('quay.io/topolvm/topolvm-with-sidecar:0.7.0');
    expect(TOPOLVM_PROFILES['0.2.2'].image).toBe('quay.io/cybozu/topolvm:0.2.2');
  });

  test('THEN every line has its own pinned CRD source, whose CRDs are the groups of the line', () => {
    for (const l of TOPOLVM_LINES) {
      const src = PINNED_CRD_SOURCES[`topolvm@v${l.version}`];
      expect(src.files.length).toBe(l.crdFiles.length);
      expect(l.crdKinds).toEqual(['LogicalVolume']);
    }
  });
});

describe('GIVEN a site topolvmVersion', () => {
  const site = (topolvmVersion: unknown, kubernetesVersion = '1.33.0') => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gs-app-')) });
    return new Site(app, 'tv', { kubernetesVersion, topolvmVersion: topolvmVersion as string });
  };

  test.each([
    ['0.40.2', '0.40.2', false],
    ['v0.36.5', '0.36.5', false],
    ['0.15.3', '0.15.3', false],
    ['0.41.3', '0.41.0', true],
    ['0.36.1', '0.36.5', true],
  ])('WHEN it is %s THEN the site pins the line patch %s (warning: %s)', (input, pinned, warns) => {
    const k = semver.gt(TOPOLVM_PROFILES[pinned as '0.41.0'].line.kubernetesMinors[1] + '.0', '1.33.0') ? '1.33.0' : `${TOPOLVM_PROFILES[pinned as '0.41.0'].line.kubernetesMinors[1]}.0`;
    const s = site(input, k);
    expect(s.versions.topolvm).toBe(pinned);
    expect(s.warnings.length).toBe(warns ? 1 : 0);
    if (warns) expect(s.warnings[0]).toMatch(new RegExp(`TopoLVM ${input.replace(/\./g, '\\.')} .*pinned ${pinned.replace(/\./g, '\\.')}`));
  });

  test('WHEN it is 0.42.0 or 1.0.0 THEN the error names the newest line we have data for', () => {
    for (const v of ['0.42.0', '1.0.0']) {
      expectHelpful(configError(() => site(v)).message, { path: 'tv: topolvmVersion', value: v, allowed: /v0\.2–v0\.41/, fix: /"0\.41\.0" \(v0\.41\)/ });
    }
  });

  test('WHEN it is 0.41 (no patch) THEN the error says to write the full pinned version', () => {
    expectHelpful(configError(() => site('0.41')).message, { path: 'tv: topolvmVersion', value: '0.41', allowed: /0\.X\.Y/, fix: /"0\.41\.0"/ });
  });

  test.each(['latest', 'v0.x', '', ' 0.41.0'])('WHEN it is %j THEN it is refused with an example to write', (v) => {
    expectHelpful(configError(() => site(v)).message, { path: 'tv: topolvmVersion', allowed: /0\.X\.Y/, fix: /0\.41\.0/ });
  });

  test('WHEN Kubernetes is outside the line range THEN the error names the range of the line', () => {
    expectHelpful(configError(() => site('0.20.0', '1.33.0')).message, { path: 'tv: topolvmVersion', value: '1.33.0', allowed: />=1\.24\.0 <1\.27\.0/ });
  });

  test('WHEN resolved directly THEN nothing but a string is taken', () => {
    expect(() => resolveTopolvmVersion(41, 'p')).toThrow(/not a string/);
  });

  test('WHEN a site on v0.22 asks for embedded lvmd THEN the error names the lines that have it (v0.23–v0.41)', () => {
    const s = site('0.22.0', '1.27.0');
    const e = configError(() => new TopoLVM(s, 'topolvm', { deviceClasses: [{ name: 'ssd', volumeGroup: 'vg' }], lvmd: { mode: 'embedded' } }));
    expectHelpful(e.message, { path: 'tv/topolvm: lvmd.mode', value: '0.22.0', allowed: /TopoLVM v0\.23–v0\.41 \(range >=0\.23\.0\)/ });
  });

  test('WHEN a site on v0.9 sets lvcreateOptions THEN the error names the lines from v0.10', () => {
    const s = site('0.9.2', '1.21.0');
    const e = configError(() => new TopoLVM(s, 'topolvm', { deviceClasses: [{ name: 'ssd', volumeGroup: 'vg', lvcreateOptions: ['--type=raid1'] }] }));
    expectHelpful(e.message, { path: 'tv/topolvm: deviceClasses[0].lvcreateOptions', value: '0.9.2', allowed: /TopoLVM v0\.10–v0\.41/ });
  });
});

/** The newest Kubernetes of a line that the product targets. */
function kubernetesFor(l: TopoLVMLine, min?: string): string {
  const newest = `${l.kubernetesMinors[1]}.0`;
  const capped = semver.lt(newest, `${KUBERNETES_RANGE.max.split('.').slice(0, 2).join('.')}.0`) ? newest : '1.36.0';
  return min && semver.lt(capped, min) ? min : semver.lt(capped, KUBERNETES_RANGE.min) ? KUBERNETES_RANGE.min : capped;
}

describe('GIVEN every TopoLVM line v0.2–v0.41', () => {
  test.each(TOPOLVM_LINES.map((l) => [l.version, l] as const))('WHEN a site on v%s has node, controller, each scheduling mode, a device class and a StorageClass THEN it validates strictly against the line CRDs', (_v, l) => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gs-app-')) });
    const p = TOPOLVM_PROFILES[l.version];
    const classes: TopoLVMProps['deviceClasses'] = l.deviceClassKeys.includes('thin-pool')
      ? [{ name: 'ssd', volumeGroup: 'vg1', default: true, spareGb: 10 }, { name: 'thin', volumeGroup: 'vg1', thinPool: { name: 'pool0', overprovisionRatio: 5 } }]
      : [{ name: 'ssd', volumeGroup: 'vg1', spareGb: 10 }];
    const modes: Array<[string, Partial<TopoLVMProps>]> = [
      ['extender', { scheduling: { extenderDaemonSet: {} }, webhook: { certManager: true }, lvmd: { mode: 'systemd' } }],
    ];
    if (l.scheduling.includes('capacityTracking')) {
      const lvmd = l.lvmdModes.includes('embedded') ? 'embedded' : 'daemonset';
      modes.push(['capacity', { scheduling: { capacityTracking: {} }, lvmd: { mode: lvmd } }]);
    }
    for (const [name, props] of modes) {
      const site = new Site(app, `${name}-${l.version.replace(/\./g, '-')}`, { kubernetesVersion: kubernetesFor(l, name === 'capacity' ? '1.21.0' : undefined), topolvmVersion: l.version });
      const topolvm = new TopoLVM(site, 'topolvm', { deviceClasses: classes, ...props });
      new TopoLVMStorageClass(site, 'sc', { topolvm, fsType: 'xfs' });
      expect(site.schemaSources).toContain(p.crdSource);
    }
    const r = synthApp(app, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gs-out-')), upstreamDir: UPSTREAM });
    expect(r.results.length).toBeGreaterThan(modes.length * 10);
    expect(r.results.filter((x) => x.status !== 'statusValid')).toEqual([]);
    const crds = r.results.filter((x) => x.kind === 'CustomResourceDefinition');
    expect(crds.length).toBe(modes.length);
  });
});

describe('GIVEN TopoLVM installed through its own Helm chart', () => {
  const build = (topolvmVersion: string, kubernetesVersion: string, engine: 'argocd' | 'flux' | 'plain', install: TopoLVMProps['install'], extra: Partial<TopoLVMProps> = {}) => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gs-app-')) });
    const gitops = engine === 'argocd' ? { engine, repoURL: 'https://git.example.com/storage.git' } as const : engine === 'flux' ? { engine, url: 'https://git.example.com/storage.git' } as const : { engine } as const;
    const site = new Site(app, 'helm', { kubernetesVersion, topolvmVersion, gitops });
    const topolvm = new TopoLVM(site, 'topolvm', { deviceClasses: [{ name: 'ssd', volumeGroup: 'vg1' }], install, ...extra });
    new TopoLVMStorageClass(site, 'sc', { topolvm, fsType: 'xfs' });
    return { app, site };
  };
  const synth = (app: App) => synthApp(app, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gs-out-')), upstreamDir: UPSTREAM });

  test('WHEN an Argo CD site on v0.41.0 takes the chart THEN the Application names chart 17.1.0 and its image.reference, and nothing but the chart reference, namespace and class is written', () => {
    const { app, site } = build('0.41.0', '1.33.0', 'argocd', { mode: 'helm' });
    const r = synth(app);
    expect(r.results.filter((x) => x.status !== 'statusValid')).toEqual([]);
    const objs = renderSite(site).files.flatMap((f) => f.objects);
    const a = objs.find((o) => o.kind === 'Application' && o.spec?.source?.chart === 'topolvm');
    expect(a.spec.source).toMatchObject({ repoURL: 'https://topolvm.github.io/topolvm', targetRevision: '17.1.0', helm: { releaseName: 'topolvm' } });
    const values = a.spec.source.helm.valuesObject;
    expect(values.image).toEqual({ repository: 'ghcr.io/topolvm/topolvm-with-sidecar', reference: '0.41.0' });
    expect(values.controller.storageCapacityTracking).toEqual({ enabled: true });
    expect(values.scheduler.enabled).toBe(false);
    expect(values.lvmd).toMatchObject({ managed: true, deviceClasses: [{ 'name': 'ssd', 'volume-group': 'vg1', 'default': true }] });
    expect(objs.filter((o) => ['Deployment', 'DaemonSet', 'CustomResourceDefinition', 'CSIDriver'].includes(o.kind))).toEqual([]);
  });

  test('WHEN a Flux site on v0.25.0 takes the chart THEN the HelmRelease pins chart 13.0.1 (appVersion 0.25.0) with image.tag', () => {
    const { app, site } = build('0.25.0', '1.27.0', 'flux', { mode: 'helm' });
    expect(synth(app).results.filter((x) => x.status !== 'statusValid')).toEqual([]);
    const hr = renderSite(site).files.flatMap((f) => f.objects).find((o) => o.kind === 'HelmRelease');
    expect(hr.spec.chart.spec).toMatchObject({ chart: 'topolvm', version: '13.0.1' });
    expect(hr.spec.values.image).toEqual({ repository: 'ghcr.io/topolvm/topolvm-with-sidecar', tag: '0.25.0' });
  });

  test('WHEN a plain site on v0.9.2 takes the chart with the extender THEN a values file and the helm command are written and the scheduler host files stay', () => {
    const { site } = build('0.9.2', '1.21.0', 'plain', { mode: 'helm' }, { scheduling: { extenderDaemonSet: {} }, webhook: { certManager: true } });
    const files = renderSite(site).files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['helm/topolvm-values.yaml', 'helm/README-topolvm.md']));
    expect(files.some((f) => f.startsWith('host/'))).toBe(true);
    const text = renderSite(site).files.find((f) => f.path === 'helm/README-topolvm.md')!.content;
    expect(text).toMatch(/--version 2\.1\.1/);
  });

  test('WHEN a line without a chart in the data (v0.5, v0.17) asks for the chart THEN the error names the lines that have one', () => {
    for (const [v, k] of [['0.5.3', '1.17.0'], ['0.17.0', '1.25.0']]) {
      const e = configError(() => build(v, k, 'plain', { mode: 'helm' }, { scheduling: { extenderDaemonSet: {} }, webhook: { certManager: true } }));
      expectHelpful(e.message, { path: 'helm/topolvm: install', allowed: /TopoLVM v0\.9–v0\.16, v0\.18/, fix: /manifests/ });
    }
  });

  test('WHEN the chart install is given a webhook Secret of its own THEN it is refused (the chart makes its certificate)', () => {
    const e = configError(() => build('0.25.0', '1.27.0', 'plain', { mode: 'helm' }, { scheduling: { extenderDaemonSet: {} }, webhook: { secretName: 'my-cert', caBundle: 'Y2E=' } }));
    expectHelpful(e.message, { path: 'helm/topolvm: webhook.secretName', value: 'my-cert', allowed: /certManager: true/, fix: /install\.values/ });
  });

  test('WHEN chartVersion is not the line chart THEN it is refused naming the chart of the line', () => {
    const e = configError(() => build('0.41.0', '1.33.0', 'plain', { mode: 'helm', chartVersion: '16.1.1' }));
    expectHelpful(e.message, { path: 'helm/topolvm: install.chartVersion', value: '16.1.1', allowed: /"17\.1\.0"/ });
  });

  test('WHEN values set image.tag on chart 17 THEN the error says chart 17 names it image.reference', () => {
    const e = configError(() => build('0.41.0', '1.33.0', 'plain', { mode: 'helm', values: { image: { tag: '0.41.0' } } }));
    expectHelpful(e.message, { path: 'helm/topolvm: install.values.image.tag', value: 'image.tag', allowed: /chart majors 2, .*16/, fix: /image\.reference/ });
  });
});

describe('GIVEN a TopoLVM upgrade in plan', () => {
  test('WHEN v0.15.3 goes to v0.16.0 THEN the group migration topolvm.cybozu.com → topolvm.io is named', () => {
    expect(topolvmUpgradeNotes('0.15.3', '0.16.0').join('\n')).toMatch(/group migration: .*topolvm\.io.*topolvm\.cybozu\.com/);
  });

  test('WHEN v0.24.0 (chart 13) goes to v0.41.0 (chart 17) THEN every chart major crossed is named, and chart 17 replaced image.tag by image.reference', () => {
    const notes = topolvmUpgradeNotes('0.24.0', '0.41.0');
    expect(notes.filter((n) => /^chart major/.test(n)).map((n) => /^chart major (\d+)/.exec(n)![1])).toEqual(['14', '15', '16', '17']);
    expect(notes.find((n) => n.startsWith('chart major 17'))).toMatch(/image\.tag replaced by image\.reference/);
  });

  test('WHEN v0.8.3 goes to v0.9.2 THEN the move from the kustomize manifests to the chart is named', () => {
    expect(topolvmUpgradeNotes('0.8.3', '0.9.2').join('\n')).toMatch(/kustomize manifests.*Helm chart at v0\.9/);
  });
});
