import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Command } from 'commander';
import { registerValidationCommands, runSchemas, runValidate } from '../../src/cli/validate';
import { UPSTREAM } from './shared';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'gs-cli-'));

const GOOD = 'apiVersion: ceph.rook.io/v1\nkind: CephBlockPool\nmetadata: {name: p, namespace: rook-ceph}\nspec:\n  replicated: {size: 3}\n';
const BAD = 'apiVersion: ceph.rook.io/v1\nkind: CephBlockPool\nmetadata: {name: p, namespace: rook-ceph}\nspec:\n  replicated: {size: "3"}\n';
const LV = 'apiVersion: topolvm.io/v1\nkind: LogicalVolume\nmetadata: {name: lv}\nspec: {name: lv, nodeName: n1, size: 1Gi}\n';

describe('validate command', () => {
  const crds = ['rook@v1.20.6', 'topolvm@v0.41.0'];

  test('runValidate: exit code 0 for valid files, 1 for an invalid one; text and json output', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'good.yaml'), `${GOOD}---\n${LV}`);
    const ok = runValidate([dir], { crds, upstream: UPSTREAM });
    expect(ok.exitCode).toBe(0);
    expect(ok.output).toBe('Summary: 2 resources found in 1 file - Valid: 2, Invalid: 0, Errors: 0, Skipped: 0\n');
    fs.writeFileSync(path.join(dir, 'bad.yaml'), BAD);
    const bad = runValidate([dir], { crds, upstream: UPSTREAM, output: 'json' });
    expect(bad.exitCode).toBe(1);
    const doc = JSON.parse(bad.output);
    expect(doc.summary).toEqual({ valid: 2, invalid: 1, errors: 0, skipped: 0 });
    expect(doc.resources[0].validationErrors).toEqual([{ path: '/spec/replicated/size', msg: 'expected integer, but got string' }]);
    fs.writeFileSync(path.join(dir, 'bad.yaml'), GOOD.replace('size: 3}', 'size: 3}\n  mirroring: null'));
    expect(runValidate([dir], { crds, upstream: UPSTREAM }).exitCode).toBe(1);
    expect(runValidate([dir], { crds, upstream: UPSTREAM, ignoreNulls: true }).exitCode).toBe(0);
  });

  test('commander wiring: `validate` sets process.exitCode = 1 for an invalid file; missing schemas', async () => {
    const dir = tmp();
    const file = path.join(dir, 'bad.yaml');
    fs.writeFileSync(file, BAD);
    const out: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      out.push(String(s));
      return true;
    });
    const saved = process.exitCode;
    try {
      const program = registerValidationCommands(new Command().exitOverride());
      await program.parseAsync(['node', 'x', 'validate', '--crds', 'rook@v1.20.6', file]);
      expect(process.exitCode).toBe(1);
      expect(out.join('')).toContain(`${file} - CephBlockPool p is invalid: `);
      expect(out.join('')).toContain('Invalid: 1');

      process.exitCode = 0;
      out.length = 0;
      fs.writeFileSync(file, LV);
      await registerValidationCommands(new Command().exitOverride()).parseAsync(['node', 'x', 'validate', '--crds', 'rook@v1.20.6', file]);
      expect(process.exitCode).toBe(1);
      expect(out.join('')).toContain('could not find schema for LogicalVolume');

      process.exitCode = 0;
      out.length = 0;
      await registerValidationCommands(new Command().exitOverride()).parseAsync([
        'node', 'x', 'validate', '--crds', 'rook@v1.20.6', '--ignore-missing-schemas', '--output', 'json', file,
      ]);
      expect(process.exitCode).toBe(0);
      expect(JSON.parse(out.join('')).summary).toEqual({ valid: 0, invalid: 0, errors: 0, skipped: 1 });
    } finally {
      spy.mockRestore();
      process.exitCode = saved;
    }
  });
});

describe('schemas command', () => {
  test('writes kubeconform folders deterministically; colliding CRD groups get their own folder', () => {
    const out1 = path.join(tmp(), 'schemas');
    const r = runSchemas({ out: out1, kubernetesVersion: '1.16.0', crds: ['topolvm@v0.41.0', 'sealed-secrets@v0.36.6'], upstream: UPSTREAM });
    const strictDir = path.join(out1, 'v1.16.0-standalone-strict');
    const looseDir = path.join(out1, 'v1.16.0-standalone');
    const dep = JSON.parse(fs.readFileSync(path.join(strictDir, 'deployment-apps-v1.json'), 'utf8'));
    expect(dep.additionalProperties).toBe(false);
    expect(dep.properties.kind.enum).toEqual(['Deployment']);
    expect(JSON.parse(fs.readFileSync(path.join(looseDir, 'deployment-apps-v1.json'), 'utf8')).additionalProperties).toBeUndefined();
    expect(fs.existsSync(path.join(strictDir, 'configmap-v1.json'))).toBe(true);
    expect(fs.existsSync(path.join(out1, 'crds', 'sealedsecret-bitnami-v1alpha1.json'))).toBe(true);
    expect(fs.existsSync(path.join(out1, 'crds', 'topolvm.io', 'logicalvolume-topolvm-v1.json'))).toBe(true);
    expect(fs.existsSync(path.join(out1, 'crds', 'topolvm.cybozu.com', 'logicalvolume-topolvm-v1.json'))).toBe(true);
    expect(fs.existsSync(path.join(out1, 'crds', 'logicalvolume-topolvm-v1.json'))).toBe(false);
    expect(r.result.files).toBe(fs.readdirSync(strictDir).length + fs.readdirSync(looseDir).length + 3);
    expect(r.output).toContain('kubeconform -strict -summary -kubernetes-version 1.16.0 -schema-location ');
    expect(r.output).toContain("/crds/topolvm.io/{{ .ResourceKind }}{{ .KindSuffix }}.json'");

    const text = fs.readFileSync(path.join(out1, 'crds', 'sealedsecret-bitnami-v1alpha1.json'), 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    const keys = Object.keys(JSON.parse(text));
    expect(keys).toEqual([...keys].sort());
    const out2 = path.join(tmp(), 'schemas');
    runSchemas({ out: out2, kubernetesVersion: '1.16.0', crds: ['topolvm@v0.41.0', 'sealed-secrets@v0.36.6'], upstream: UPSTREAM });
    for (const f of ['crds/topolvm.io/logicalvolume-topolvm-v1.json', 'v1.16.0-standalone-strict/deployment-apps-v1.json']) {
      expect(fs.readFileSync(path.join(out2, f), 'utf8')).toBe(fs.readFileSync(path.join(out1, f), 'utf8'));
    }
    fs.rmSync(path.dirname(out1), { recursive: true, force: true });
    fs.rmSync(path.dirname(out2), { recursive: true, force: true });
  });
});
