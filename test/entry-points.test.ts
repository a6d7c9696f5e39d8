/**
 * One synth, every entry point: StorageApp.synth(), the CLI loading the user's app (from --app, cdk8s.yaml or
 * package.json main), and plain cdk8s Apps being refused. Bad input to each is a clear error and writes nothing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { Site, StorageApp } from '../src';
import { buildApp, buildStepsOfCommand, findAppModule, loadApp, moduleOfCommand } from '../src/cli/app-loader';
import { buildProgram } from '../src/cli/cli';
import { configError, expectHelpful, labSite, tmpDir } from './helpers';

describe('GIVEN the CLI in a user project', () => {
  test('WHEN cdk8s.yaml names the app command THEN the CLI loads that module (the last node/ts-node file of the command)', () => {
    expect(moduleOfCommand('npx tsc && node lib/main.js')).toBe('lib/main.js');
    expect(moduleOfCommand('npx ts-node --transpile-only src/main.ts')).toBe('src/main.ts');
    expect(moduleOfCommand('make app')).toBeUndefined();
    const dir = tmpDir('gs-proj-');
    fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'language: typescript\napp: npx tsc && node lib/main.js\noutput: cdk8s.out\n');
    expect(findAppModule(undefined, dir)).toBe(path.join(dir, 'lib/main.js'));
    fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'app: make synth\n');
    fs.writeFileSync(path.join(dir, 'package.json'), '{"main": "out/app.js"}');
    expect(findAppModule(undefined, dir)).toBe(path.join(dir, 'out/app.js'));
  });

  test('WHEN there is no app to find THEN the error names everything that was looked for, never the bundled fleet', () => {
    const dir = tmpDir('gs-empty-');
    const e = configError(() => findAppModule(undefined, dir));
    expect(e.message).toMatch(/--app: no app to load/);
    expect(e.message).toMatch(/cdk8s\.yaml \(missing\)[\s\S]*package\.json \(missing\)/);
    expect(e.message).toMatch(/fix: .*gitops-storage init/);
  });

  test('WHEN the module calls app.synth() on a StorageApp THEN the CLI gets that app and writes through its own pipeline', () => {
    const dir = tmpDir('gs-mod-');
    const mod = path.join(dir, 'main.js');
    (global as any).__gsUserApp = () => {
      const app = new StorageApp({ distDir: path.join(dir, 'never') });
      labSite(app);
      app.synth();
    };
    fs.writeFileSync(mod, 'global.__gsUserApp();\n');
    const { app } = loadApp(mod);
    expect(StorageApp.isStorageApp(app)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'never'))).toBe(false); // captured, not synthesized
  });

  test.each([
    ['exports nothing', 'module.exports = {};\n', /builds no app[\s\S]*fix: end the module with app\.synth\(\)/],
    ['has a syntax error', 'const x = ;\n', /loading the app failed: SyntaxError[\s\S]*fix: fix the syntax error/],
    ['throws while building', 'throw new TypeError("boom");\n', /loading the app failed: TypeError: boom/],
  ])('WHEN the app module %s THEN `synth` prints a clear error, exits 1 and writes nothing', async (_what, code, message) => {
    const dir = tmpDir('gs-badmod-');
    const mod = path.join(dir, 'app.js');
    fs.writeFileSync(mod, code);
    const errors: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((m) => { errors.push(String(m)); });
    process.exitCode = 0;
    try {
      await buildProgram().parseAsync(['node', 'gitops-storage', 'synth', '--app', mod, '--out', path.join(dir, 'dist')]);
    } finally {
      spy.mockRestore();
    }
    expect(process.exitCode).toBe(1);
    process.exitCode = 0;
    expect(errors.join('\n')).toMatch(message);
    expect(errors.join('\n')).not.toMatch(/^\s+at /m);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  test('WHEN --app points at a missing compiled module THEN the fix says to build first', () => {
    const e = configError(() => loadApp('/nonexistent/lib/main.js'));
    expect(e.message).toMatch(/does not exist[\s\S]*fix: compile the project first \(npm run build\)/);
  });
});

describe('GIVEN a project whose compiled lib/ is older than its source (the CLI builds first, as cdk8s synth does)', () => {
  /**
   * A project like the one init writes, with a stand-in for tsc: cdk8s.yaml runs `node build.js && node lib/main.js`,
   * and build.js "compiles" src/main.js into lib/main.js (or fails like tsc, with file:line on stdout).
   */
  function project(): { dir: string; edit: (site: string) => void } {
    const dir = tmpDir('gs-build-');
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'language: typescript\napp: node build.js && node lib/main.js\noutput: cdk8s.out\n');
    fs.writeFileSync(path.join(dir, 'build.js'), [
      "const fs = require('fs');",
      "const src = fs.readFileSync('src/main.js', 'utf8');",
      "if (src.includes('BROKEN')) { console.log('src/main.ts(3,1): error TS1005: \\';\\' expected.'); process.exit(2); }",
      "fs.mkdirSync('lib', { recursive: true }); fs.writeFileSync('lib/main.js', src);",
    ].join('\n'));
    (global as any).__gsBuilt = (name: string) => {
      const app = new StorageApp({ distDir: path.join(dir, 'dist') });
      new Site(app, name, { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
      app.synth();
    };
    const edit = (site: string) => fs.writeFileSync(path.join(dir, 'src/main.js'), site === 'BROKEN' ? 'BROKEN' : `global.__gsBuilt(${JSON.stringify(site)});\n`);
    edit('first-edit');
    buildApp(undefined, dir);
    return { dir, edit };
  }
  const siteNames = (app: App) => app.node.findAll().filter(Site.isSite).map((s) => (s as Site).siteName);

  test('WHEN cdk8s.yaml\'s app command has build steps THEN they are the parts before the command that runs the module', () => {
    expect(buildStepsOfCommand('npx tsc && node lib/main.js')).toBe('npx tsc');
    expect(buildStepsOfCommand('npx tsc -b tsconfig.build.json && node lib/src/main.js')).toBe('npx tsc -b tsconfig.build.json');
    expect(buildStepsOfCommand('node lib/main.js')).toBeUndefined();
    expect(buildStepsOfCommand('npx ts-node src/main.ts')).toBeUndefined();
  });

  test('WHEN src/ was edited after the last build THEN the CLI compiles before it loads, so it runs the current edit', () => {
    const { dir, edit } = project();
    edit('second-edit');
    expect(buildApp(undefined, dir)).toBe('node build.js');
    expect(siteNames(loadApp(undefined, dir).app)).toEqual(['second-edit']);
  });

  test('WHEN the current edit does not compile THEN the error names the build step, the compiler output is on stderr, and the older lib/ is not run', () => {
    const { dir, edit } = project();
    edit('BROKEN');
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => (written.push(String(chunk)), true));
    try {
      const e = configError(() => buildApp(undefined, dir));
      expectHelpful(e.message, { path: /cdk8s\.yaml app/, value: /node build\.js/, fix: /fix the errors it printed/ });
      expect(e.message).toMatch(/the build before the app failed \(exit 2\)/);
    } finally {
      spy.mockRestore();
    }
    expect(written.join('')).toMatch(/src\/main\.ts\(3,1\): error TS1005/);
    expect(fs.readFileSync(path.join(dir, 'lib/main.js'), 'utf8')).toMatch(/first-edit/);
  });

  test('WHEN --app names another module THEN nothing is built: that module is loaded as it is', () => {
    const { dir, edit } = project();
    edit('second-edit');
    expect(buildApp('other.js', dir)).toBeUndefined();
    expect(buildApp('lib/main.js', dir)).toBe('node build.js');
  });
});
