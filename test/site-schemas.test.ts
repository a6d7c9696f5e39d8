/**
 * Users run the real kubeconform in CI with the schemas we export. GIVEN the exported folders, a kubeconform-style
 * lookup (`<dir>/v<ver>-standalone-strict/<kind><suffix>.json`, then `<dir>/crds/<kind><suffix>.json`) must find a
 * schema for every object in dist/, and those schema files must give the same verdicts as the in-process validator.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import { goRegExp } from '../src/validation/validator';
import { App, JsonPatch } from 'cdk8s';
import { RookCluster, Site } from '../src';
import { siteSchemas } from '../src/cli/cli';
import { buildApp } from '../src/main';
import { renderSite } from '../src/core/synth';
import { schemaFileName } from '../src/validation/k8s-schemas';
import { UPSTREAM } from './helpers';

function kubeconformLookup(dir: string, k8sVersion: string, apiVersion: string, kind: string): string | undefined {
  const name = schemaFileName(apiVersion, kind);
  const candidates = [path.join(dir, `v${k8sVersion}-standalone-strict`, name), path.join(dir, 'crds', name)];
  return candidates.find((c) => fs.existsSync(c));
}

function ajvFor(file: string) {
  // Go RE2 patterns (kubeconform is Go; e.g. prometheus-operator's `^(?i)(abort|warn)?$`) through our Go-tolerant RegExp
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, code: { regExp: goRegExp as any } });
  return ajv.compile(JSON.parse(fs.readFileSync(file, 'utf8')));
}

describe('GIVEN the reference fleet and exported site schemas', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-schemas-'));
  const app = buildApp();
  const lines = siteSchemas(app, out, 'dist', UPSTREAM);

  test('THEN each site gets a kubeconform command with its Kubernetes version and schema folders', () => {
    expect(lines.join('\n')).toMatch(/kubeconform -strict -summary -kubernetes-version 1\.33\.0 -schema-location \S+dc1-local .*-ignore-filename-pattern '\(\^\|\/\)\(host\|helm\)\/' -ignore-filename-pattern '\\\.sops\\\.ya\?ml\$' dist\/dc1-local\//);
  });

  test('WHEN each dist object is looked up the way kubeconform does THEN a schema exists and accepts it', () => {
    for (const site of app.node.findAll().filter(Site.isSite) as Site[]) {
      for (const f of renderSite(site).files) {
        for (const o of f.objects) {
          const file = kubeconformLookup(path.join(out, site.siteName), site.versions.kubernetes, o.apiVersion, o.kind);
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
    const file = kubeconformLookup(path.join(out, 'dc1-local'), '1.33.0', m.apiVersion, m.kind)!;
    const validate = ajvFor(file);
    expect(validate(m)).toBe(false);
    expect(JSON.stringify(validate.errors)).toMatch(/dashbord/);
  });
});
