/**
 * Site warnings: recorded by constructs, returned by synthApp, printed by the CLI; the site is still written.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildProgram } from '../src/cli/cli';
import { synthApp } from '../src/pipeline/synth';
import { newSite, UPSTREAM } from './helpers';

describe('GIVEN a site with warnings', () => {
  test('WHEN the same warning is added twice THEN it is kept once, and synthApp returns it prefixed with the site name', () => {
    const { app, site } = newSite({ rookVersion: undefined });
    site.addWarning('first');
    site.addWarning('first');
    site.addWarning('second');
    expect(site.warnings).toEqual(['first', 'second']);
    const r = synthApp(app, { write: false, upstreamDir: UPSTREAM });
    expect(r.warnings).toEqual(['test-site: first', 'test-site: second']);
  });

  test('WHEN the CLI synthesizes it THEN the warning is printed to stderr with its fix and the site is written', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-cli-'));
    const err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await buildProgram().parseAsync(['node', 'gitops-storage', 'synth', '--out', out, '--app', path.join(__dirname, 'fixtures', 'warning-app.ts')]);
      const printed = err.mock.calls.map((c) => String(c[0])).join('\n');
      expect(printed).toMatch(/^warning: warned: something will not work as meant\n {4}fix: do the right thing$/m);
      expect(fs.existsSync(path.join(out, 'warned', 'APPLY-ORDER.md'))).toBe(true);
    } finally {
      err.mockRestore();
      log.mockRestore();
    }
  });
});
