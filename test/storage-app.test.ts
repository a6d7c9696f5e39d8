/** StorageApp (src/pipeline/storage-app.ts): the App users build sites in; synth() writes dist/ through synthApp. */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { StorageApp } from '../src';
import { synthApp } from '../src/pipeline/synth';
import { configError, labSite, tmpDir } from './helpers';

function captureStderr(fn: () => void): string {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((c: any) => { chunks.push(String(c)); return true; });
  try {
    fn();
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir, { recursive: true } as any) as string[]) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isFile()) out[f] = fs.readFileSync(p, 'utf8');
  }
  return out;
}

describe('GIVEN a StorageApp', () => {
  test('WHEN app.synth() runs THEN dist/<site>/ is what synthApp writes, byte for byte, and cdk8s.out holds a staging copy', () => {
    const dir = tmpDir('gs-sa-');
    const app = new StorageApp({ distDir: path.join(dir, 'dist'), outdir: path.join(dir, 'cdk8s.out') });
    labSite(app);
    const err = captureStderr(() => app.synth());
    expect(err).toMatch(/wrote 1 site\(s\)/);
    const ref = new App();
    labSite(ref);
    synthApp(ref, { outdir: path.join(dir, 'ref') });
    expect(files(path.join(dir, 'dist'))).toEqual(files(path.join(dir, 'ref')));
    expect(files(path.join(dir, 'cdk8s.out'))).toEqual(files(path.join(dir, 'ref')));
  });

  test('WHEN a site is wrong THEN app.synth() prints the problem with its fix, sets exit code 1, and the previous dist/ is untouched', () => {
    const dir = tmpDir('gs-sa-');
    const good = new StorageApp({ distDir: path.join(dir, 'dist'), outdir: path.join(dir, 'out') });
    labSite(good);
    captureStderr(() => good.synth());
    const before = files(path.join(dir, 'dist'));
    const bad = new StorageApp({ distDir: path.join(dir, 'dist'), outdir: path.join(dir, 'out') });
    labSite(bad, 'nope');
    process.exitCode = 0;
    const err = captureStderr(() => bad.synth());
    expect(process.exitCode).toBe(1);
    process.exitCode = 0;
    expect(err).toMatch(/lab\/block: pool[\s\S]*got: "nope"[\s\S]*fix: /);
    expect(err).toMatch(/nothing was written/);
    expect(files(path.join(dir, 'dist'))).toEqual(before);
  });

  test('WHEN the cdk8s output folder is dist/ itself THEN synth refuses with the cdk8s.yaml fix and writes nothing', () => {
    const dir = tmpDir('gs-sa-');
    const app = new StorageApp({ distDir: path.join(dir, 'dist'), outdir: path.join(dir, 'dist') });
    labSite(app);
    const e = configError(() => app.synthesize());
    expect(e.message).toMatch(/cdk8s\.yaml: output[\s\S]*fix: set `output: cdk8s.out`/);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});
