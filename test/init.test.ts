/**
 * `gitops-storage init`: the dependency it writes installs (from the registry, a packed tarball, a folder or git),
 * by default from wherever the running CLI came from, and the folder is a git repository for the first commit.
 * (The whole path — pack, init, npm install, synth — runs in test/package-e2e.test.ts.)
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { installedFrom, resolvePackageSource, runInit } from '../src/cli/init';
import { configError, expectHelpful } from './helpers';

const VERSION = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).version as string;
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'gs-init-'));
const dependency = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).dependencies['gitops-storage'];

/** A project that installed gitops-storage, as npm leaves it: the package folder and the lock's `resolved`. */
function installedCopy(resolved: string | undefined): string {
  const project = tmp();
  const root = path.join(project, 'node_modules', 'gitops-storage');
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'gitops-storage', version: '0.1.0' }));
  const entry = resolved === undefined ? { version: '0.1.0' } : { version: '0.1.0', resolved };
  fs.writeFileSync(path.join(project, 'node_modules', '.package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/gitops-storage': entry } }));
  return root;
}

describe('GIVEN init --package <spec>', () => {
  test('WHEN it is a tarball from npm pack THEN the tarball is copied into vendor/ and the dependency is file:vendor/<tgz>, so npm ci installs it on CI too', () => {
    const from = tmp();
    const tgz = path.join(from, `gitops-storage-${VERSION}.tgz`);
    fs.writeFileSync(tgz, 'tarball bytes');
    const dir = path.join(tmp(), 'repo');
    const r = runInit(dir, { packageSpec: `./gitops-storage-${VERSION}.tgz`, cwd: from, git: false });
    expect(dependency(dir)).toBe(`file:vendor/gitops-storage-${VERSION}.tgz`);
    expect(fs.readFileSync(path.join(dir, 'vendor', `gitops-storage-${VERSION}.tgz`), 'utf8')).toBe('tarball bytes');
    expect(r.files).toContain(`vendor/gitops-storage-${VERSION}.tgz`);
    expect(r.packageNote).toMatch(/copied to vendor\/gitops-storage-.*\.tgz \(commit it/);
  });

  test('WHEN it is a checkout folder THEN the dependency is a file: path relative to the new project', () => {
    const parent = tmp();
    const checkout = path.join(parent, 'gitops-storage');
    fs.mkdirSync(checkout);
    fs.writeFileSync(path.join(checkout, 'package.json'), JSON.stringify({ name: 'gitops-storage', version: VERSION }));
    const dir = path.join(parent, 'repo');
    runInit(dir, { packageSpec: 'file:gitops-storage', cwd: parent, git: false });
    expect(dependency(dir)).toBe('file:../gitops-storage');
  });

  test('WHEN it is a version, a range or a git URL THEN it is written as given', () => {
    expect(resolvePackageSource('0.1.0', '/p').spec).toBe('0.1.0');
    expect(resolvePackageSource('^0.1.0', '/p').spec).toBe('^0.1.0');
    expect(resolvePackageSource('git+https://git.example.com/platform/gitops-storage.git#v0.1.0', '/p').spec).toBe('git+https://git.example.com/platform/gitops-storage.git#v0.1.0');
    expect(resolvePackageSource('github:example/gitops-storage', '/p').spec).toBe('github:example/gitops-storage');
  });

  test('WHEN it names a missing tarball, a folder of another package or nothing init understands THEN a ConfigError says what is allowed, and nothing is written', () => {
    const parent = tmp();
    const dir = path.join(parent, 'repo');
    expectHelpful(configError(() => runInit(dir, { packageSpec: './gitops-storage-9.9.9.tgz', cwd: parent, git: false })).message,
      { path: '--package', value: /gitops-storage-9\.9\.9\.tgz/, allowed: /a tarball path/, fix: /npm pack/ });
    fs.mkdirSync(path.join(parent, 'other'));
    fs.writeFileSync(path.join(parent, 'other', 'package.json'), JSON.stringify({ name: 'other' }));
    expectHelpful(configError(() => runInit(dir, { packageSpec: './other', cwd: parent, git: false })).message,
      { path: '--package', value: /package\.json name: other/, allowed: /a folder/, fix: /checkout of gitops-storage/ });
    expectHelpful(configError(() => runInit(dir, { packageSpec: 'not a spec!', cwd: parent, git: false })).message,
      { path: '--package', value: /not a spec!/, allowed: /a version or range/, fix: /--package \.\/gitops-storage-/ });
    expect(fs.readdirSync(parent).sort()).toEqual(['other']);
  });
});

describe('GIVEN init without --package', () => {
  test('WHEN the CLI runs from a checkout (not under node_modules) THEN the dependency is that folder, relative to the project', () => {
    const parent = tmp();
    const checkout = path.join(parent, 'src', 'gitops-storage');
    fs.mkdirSync(checkout, { recursive: true });
    fs.writeFileSync(path.join(checkout, 'package.json'), JSON.stringify({ name: 'gitops-storage', version: '0.1.0' }));
    const origin = installedFrom(checkout);
    expect(origin).toEqual({ kind: 'checkout', path: checkout, version: '0.1.0' });
    expect(resolvePackageSource(undefined, path.join(parent, 'repo'), parent, origin).spec).toBe('file:../src/gitops-storage');
  });

  test('WHEN it was installed from the registry THEN the dependency is ^<its version>', () => {
    const origin = installedFrom(installedCopy('https://registry.npmjs.org/gitops-storage/-/gitops-storage-0.1.0.tgz'));
    expect(origin).toEqual({ kind: 'registry', version: '0.1.0' });
    expect(resolvePackageSource(undefined, '/p', '/', origin).spec).toBe('^0.1.0');
    expect(installedFrom(installedCopy(undefined)).kind).toBe('registry');
  });

  test('WHEN it was installed from a packed tarball (npx ./gitops-storage-0.1.0.tgz, or a project that vendored it) THEN that tarball is copied into the new project', () => {
    const root = installedCopy('file:vendor/gitops-storage-0.1.0.tgz');
    const project = path.dirname(path.dirname(root));
    fs.mkdirSync(path.join(project, 'vendor'));
    fs.writeFileSync(path.join(project, 'vendor', 'gitops-storage-0.1.0.tgz'), 'tarball bytes');
    const origin = installedFrom(root);
    expect(origin).toEqual({ kind: 'tarball', path: path.join(project, 'vendor', 'gitops-storage-0.1.0.tgz'), version: '0.1.0' });
    const dir = path.join(tmp(), 'next-repo');
    const source = resolvePackageSource(undefined, dir, '/', origin);
    expect(source.spec).toBe('file:vendor/gitops-storage-0.1.0.tgz');
    expect(source.copy?.from).toBe(path.join(project, 'vendor', 'gitops-storage-0.1.0.tgz'));
  });

  test('WHEN it was installed from git THEN the new project depends on the same git URL', () => {
    const origin = installedFrom(installedCopy('git+ssh://git@git.example.com/platform/gitops-storage.git#0123456789abcdef0123456789abcdef01234567'));
    expect(resolvePackageSource(undefined, '/p', '/', origin).spec).toBe('git+ssh://git@git.example.com/platform/gitops-storage.git#0123456789abcdef0123456789abcdef01234567');
  });
});

describe('GIVEN git', () => {
  const hasGit = spawnSync('git', ['--version']).status === 0;

  (hasGit ? test : test.skip)('WHEN init writes a new folder outside any repository THEN it is a git repository, so `git add -A && git commit` works next', () => {
    const dir = path.join(tmp(), 'repo');
    const r = runInit(dir, { packageSpec: '0.1.0' });
    expect(r.gitNote).toBe('git: initialized a repository in the folder');
    expect(spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8' }).stdout.trim()).toBe(fs.realpathSync(dir));
    expect(spawnSync('git', ['status', '--porcelain'], { cwd: dir, encoding: 'utf8' }).stdout).toMatch(/\?\? src\//);
  });

  (hasGit ? test : test.skip)('WHEN the folder is inside an existing repository THEN no nested repository is made, and init says so', () => {
    const outer = tmp();
    expect(spawnSync('git', ['init', '-q'], { cwd: outer }).status).toBe(0);
    const dir = path.join(outer, 'storage');
    const r = runInit(dir, { packageSpec: '0.1.0' });
    expect(r.gitNote).toMatch(/^git: the folder is inside the repository .*, so no new repository was created$/);
    expect(fs.existsSync(path.join(dir, '.git'))).toBe(false);
  });

  test('WHEN git is not installed THEN the files are written and init says to run git init', () => {
    const dir = path.join(tmp(), 'repo');
    const saved = process.env.PATH;
    process.env.PATH = tmp();
    try {
      const r = runInit(dir, { packageSpec: '0.1.0' });
      expect(r.gitNote).toBe('git: not found; run git init in the folder before the first commit');
    } finally {
      process.env.PATH = saved;
    }
    expect(fs.existsSync(path.join(dir, 'src', 'main.ts'))).toBe(true);
    expect(fs.existsSync(path.join(dir, '.git'))).toBe(false);
  });
});
