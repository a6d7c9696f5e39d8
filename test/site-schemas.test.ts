/**
 * Users run the real kubeconform in CI with the schemas we export. GIVEN the exported folders, a kubeconform-style
 * lookup along the locations of a site's printed command (`<kubernetes dir>/v<ver>-standalone-strict/<kind><suffix>.json`,
 * then each `<crd dir>/<kind><suffix>.json`) must find a schema for every object in dist/, and those schema files
 * must give the same verdicts as the in-process validator. Folders are shared: one per Kubernetes minor, one per
 * set of CRD sources.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import { goRegExp } from '../src/validation/validator';
import { App, JsonPatch } from 'cdk8s';
import { RookCluster, Site } from '../src';
import { exportSiteSchemas, siteSchemas } from '../src/cli/cli';
import { buildApp } from '../src/main';
import { renderSite } from '../src/pipeline/synth';
import { schemaFileName } from '../src/validation/k8s-schemas';
import { nonEmpty, UPSTREAM } from './helpers';

/** The schema file kubeconform finds for an object with a site's printed command (its locations, in order). */
function kubeconformLookup(command: string, apiVersion: string, kind: string): string | undefined {
  const name = schemaFileName(apiVersion, kind);
  const [, version, k8sDir] = /-kubernetes-version (\S+) -schema-location (\S+) /.exec(command)!;
  const crdDirs = [...command.matchAll(/-schema-location '([^']+)\/\{\{ \.ResourceKind \}\}\{\{ \.KindSuffix \}\}\.json'/g)].map((m) => m[1]);
  return [path.join(k8sDir, `v${version}-standalone-strict`, name), ...crdDirs.map((d) => path.join(d, name))].find((c) => fs.existsSync(c));
}

const compiled = new Map<string, ReturnType<Ajv['compile']>>();
function ajvFor(file: string) {
  // Go RE2 patterns (kubeconform is Go; e.g. prometheus-operator's `^(?i)(abort|warn)?$`) through our Go-tolerant RegExp
  if (!compiled.has(file)) {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, code: { regExp: goRegExp as any } });
    compiled.set(file, ajv.compile(JSON.parse(fs.readFileSync(file, 'utf8'))));
  }
  return compiled.get(file)!;
}

describe('GIVEN the reference fleet and exported site schemas', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-schemas-'));
  const app = buildApp();
  const { folders, commands } = exportSiteSchemas(app, out, 'dist', UPSTREAM);
  const sites = app.node.findAll().filter(Site.isSite) as Site[];

  test('THEN each site gets a kubeconform command with its Kubernetes minor, the folder of that minor and the folder of its CRDs', () => {
    const lines = siteSchemas(app, fs.mkdtempSync(path.join(os.tmpdir(), 'gs-schemas-')), 'dist', UPSTREAM).join('\n');
    expect(lines).toMatch(/^kubeconform -strict -summary -kubernetes-version 1\.33\.0 -schema-location \S+\/kubernetes-1\.33 -schema-location '\S+\/crds-[0-9a-f]{8}\/\{\{ \.ResourceKind \}\}\{\{ \.KindSuffix \}\}\.json' .*-ignore-filename-pattern '\(\^\|\/\)\(host\|helm\)\/' -ignore-filename-pattern '\\\.sops\\\.ya\?ml\$' dist\/dc1-local\/$/m);
    expect(lines.match(/^kubeconform /gm)).toHaveLength(sites.length);
  });

  test('THEN each Kubernetes minor and each set of CRD sources is written once, for every site that needs it', () => {
    const minors = new Set(sites.map((s) => s.versions.kubernetes.split('.').slice(0, 2).join('.')));
    const crdSets = new Set(sites.filter((s) => s.schemaSources.length > 0).map((s) => s.schemaSources.join(',')));
    expect(fs.readdirSync(out).filter((d) => d.startsWith('kubernetes-')).sort()).toEqual([...minors].map((m) => `kubernetes-${m}`).sort());
    expect(fs.readdirSync(out).filter((d) => d.startsWith('crds-'))).toHaveLength(crdSets.size);
    expect(minors.size).toBeLessThan(sites.length); // the reference fleet has sites that share a minor
    for (const f of nonEmpty(folders, 'schema folder')) expect(f.sites.length).toBeGreaterThan(0);
  });

  test('WHEN each dist object is looked up the way kubeconform does THEN a schema exists and accepts it', () => {
    for (const site of nonEmpty(app.node.findAll().filter(Site.isSite) as Site[], 'site of the reference fleet')) {
      for (const f of renderSite(site).files) {
        for (const o of f.objects) {
          const file = kubeconformLookup(commands.get(site.siteName)!, o.apiVersion, o.kind);
          expect({ object: `${o.kind}/${o.metadata.name}`, file: file !== undefined }).toEqual({ object: `${o.kind}/${o.metadata.name}`, file: true });
          const validate = ajvFor(file!);
          expect({ object: `${o.kind}/${o.metadata.name}`, errors: validate(o) ? null : validate.errors }).toEqual({ object: `${o.kind}/${o.metadata.name}`, errors: null });
        }
      }
    }
  });

  test('WHEN an object has a typo THEN the exported strict schema rejects it too', () => {
    const bad = new App();
    const site = new Site(bad, 'bad', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
    const c = new RookCluster(site, 'cluster');
    c.resource.addJsonPatch(JsonPatch.add('/spec/dashbord', { enabled: true }));
    const m = renderSite(site).files.flatMap((f) => f.objects).find((o) => o.kind === 'CephCluster');
    const file = kubeconformLookup(commands.get('dc1-local')!, m.apiVersion, m.kind)!;
    const validate = ajvFor(file);
    expect(validate(m)).toBe(false);
    expect(JSON.stringify(validate.errors)).toMatch(/dashbord/);
  });
});

describe('GIVEN a fleet of many sites on one Kubernetes minor with the same CRDs', () => {
  test('WHEN site-schemas runs THEN they share one Kubernetes folder and one CRD folder (written once), and each site gets its command', () => {
    const app = new App();
    const names = ['edge-1', 'edge-2', 'edge-3', 'edge-4'];
    names.forEach((n, i) => new RookCluster(new Site(app, n, { kubernetesVersion: `1.33.${i}`, rookVersion: '1.20.6' }), 'cluster'));
    new RookCluster(new Site(app, 'old', { kubernetesVersion: '1.31.2', rookVersion: '1.20.6' }), 'cluster');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-schemas-shared-'));
    const lines = siteSchemas(app, out, 'dist', UPSTREAM);
    expect(fs.readdirSync(out).map((d) => d.replace(/[0-9a-f]{8}$/, '<hash>')).sort()).toEqual(['crds-<hash>', 'kubernetes-1.31', 'kubernetes-1.33']);
    const crds = fs.readdirSync(out).find((d) => d.startsWith('crds-'))!;
    for (const n of names) {
      const command = nonEmpty(lines.filter((l) => l.endsWith(`dist/${n}/`)), `command of ${n}`);
      expect(command[0]).toContain(`-kubernetes-version 1.33.0 -schema-location ${path.join(out, 'kubernetes-1.33')} -schema-location '${path.join(out, crds)}/`);
    }
    expect(lines.filter((l) => l.startsWith('#'))).toEqual([
      expect.stringMatching(/kubernetes-1\.33": \d+ schema files, Kubernetes 1\.33; for edge-1, edge-2, edge-3, edge-4$/),
      expect.stringMatching(/crds-[0-9a-f]{8}": \d+ schema files, CRDs of .*rook.*; for edge-1, edge-2, edge-3, edge-4, old$/),
      expect.stringMatching(/kubernetes-1\.31": \d+ schema files, Kubernetes 1\.31; for old$/),
    ]);
    expect(fs.existsSync(path.join(out, crds, 'cephcluster-ceph-v1.json'))).toBe(true);
  });
});
