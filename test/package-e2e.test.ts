/**
 * The user's main path, as a user walks it and as the README says: `npm pack` in this checkout, `init --package
 * <tarball>` (the tarball is copied into the project's vendor/, the folder becomes a git repository), `npm install`
 * (the project's other dependencies from the registry or its cache), `npm run synth`, `git add -A && git commit`,
 * on a fresh machine state — no upstream mirror, an empty gitops-storage cache, downloads failing — with the real
 * cdk8s-cli. Every synth entry point writes the same dist/, a failed one leaves dist/ untouched, the CLI always
 * runs the current source, and plan compares with what is committed.
 */
import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO = path.resolve(__dirname, '..');
const VERSION = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version as string;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-e2e-'));
const proj = path.join(tmp, 'storage-repo');
const cache = path.join(tmp, 'empty-cache');
const noNetwork = path.join(tmp, 'no-network.js');

/** The environment of a fresh machine: no mirror variable, an empty cache, every download attempt fails. */
function freshEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('GITOPS_STORAGE_') || k.startsWith('JEST') || k === 'CDK8S_OUTDIR') delete env[k];
  return { ...env, GITOPS_STORAGE_CACHE: cache, XDG_CACHE_HOME: path.join(tmp, 'xdg'), NODE_OPTIONS: `--require ${noNetwork}` };
}

function run(cmd: string, args: string[], cwd = proj): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, env: freshEnv(), encoding: 'utf8', timeout: 240_000 });
  if (r.error) throw r.error;
  return r;
}

function ok(cmd: string, args: string[], cwd = proj): SpawnSyncReturns<string> {
  const r = run(cmd, args, cwd);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r;
}

const sha1 = (file: string) => crypto.createHash('sha1').update(fs.readFileSync(file)).digest('hex');

/** sha1 of every file under dir, by relative path. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = crypto.createHash('sha1').update(fs.readFileSync(p)).digest('hex');
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

let tarball: string;
let packed: string[];
let initOutput: string;

beforeAll(() => {
  fs.mkdirSync(cache);
  fs.writeFileSync(noNetwork, "globalThis.fetch = async (url) => { throw new Error('network disabled by the test: ' + url); };\n");
  const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: REPO, encoding: 'utf8', timeout: 240_000 });
  if (pack.status !== 0) throw new Error(`npm pack failed\n${pack.stderr}`);
  const info = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = path.join(tmp, info[0].filename);
  packed = info[0].files.map((f) => f.path);
  // as the README says: init --package ./gitops-storage-<version>.tgz, from the folder npm pack wrote it to
  initOutput = ok(process.execPath, [path.join(REPO, 'lib/src/cli/cli.js'), 'init', 'storage-repo', '--package', `./${path.basename(tarball)}`], tmp).stdout;
  ok('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error']);
}, 600_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('GIVEN the packed package', () => {
  test('THEN it ships the library, its declarations, the schema bundle, README and LICENSE, and nothing of the repo around them', () => {
    expect(packed).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json', 'lib/src/index.js', 'lib/src/index.d.ts', 'lib/src/cli/cli.js']));
    expect(packed.some((f) => f.includes('bundle/'))).toBe(true);
    expect(packed.filter((f) => /^(test|dist|\.ci|src\/sites|lib\/src\/sites|imports\/.*\.ts$)/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    const manifest = JSON.parse(fs.readFileSync(path.join(proj, 'node_modules/gitops-storage/package.json'), 'utf8'));
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(['cdk8s', 'constructs']);
    expect(manifest.dependencies.cdk8s).toBeUndefined();
  });
});

describe('GIVEN a project scaffolded by `init` and installed from the tarball, with no mirror, an empty cache and no network', () => {
  const git = (...args: string[]) => ok('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.com', ...args]);

  test('WHEN init --package names the packed tarball THEN it is vendored, the dependency points at it, and the folder is a git repository', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(proj, 'package.json'), 'utf8'));
    expect(manifest.dependencies['gitops-storage']).toBe(`file:vendor/${path.basename(tarball)}`);
    expect(sha1(path.join(proj, 'vendor', path.basename(tarball)))).toBe(sha1(tarball));
    expect(initOutput).toMatch(/copied to vendor\/gitops-storage-.*\.tgz \(commit it/);
    expect(initOutput).toMatch(/^git: initialized a repository in the folder$/m);
    expect(fs.readFileSync(path.join(proj, 'node_modules/gitops-storage/package.json'), 'utf8')).toMatch(new RegExp(`"version": "${VERSION.replace(/\./g, '\\.')}"`));
  });

  test('WHEN the user runs `npm run synth` and commits THEN the example site is type-checked, validated, written to dist/ and committed', () => {
    const r = ok('npm', ['run', 'synth']);
    expect(r.stderr).toMatch(/dc1: all \d+ objects valid/);
    const files = Object.keys(tree(path.join(proj, 'dist/dc1')));
    expect(files).toEqual(expect.arrayContaining(['gitops/application_dc1-storage.yaml', '40-pools/cephblockpool_rook-ceph_replicapool.yaml']));
    expect(files.some((f) => f.includes('construct-metadata'))).toBe(false);
    git('add', '-A');
    git('commit', '-q', '-m', 'storage: first site');
    const committed = ok('git', ['ls-files']).stdout.split('\n');
    expect(committed).toEqual(expect.arrayContaining(['src/main.ts', 'dist/dc1/30-cluster/cephcluster_rook-ceph_rook-ceph.yaml', `vendor/${path.basename(tarball)}`, 'package-lock.json']));
    expect(committed.filter((f) => /^(node_modules|lib|cdk8s\.out)\//.test(f))).toEqual([]);
  });

  test('WHEN src/ is edited and synthesized but not committed THEN the CLI runs the edit (it compiles first) and plan compares with HEAD, saying so', () => {
    const main = path.join(proj, 'src/main.ts');
    const good = fs.readFileSync(main, 'utf8');
    try {
      fs.writeFileSync(main, good.replace("replicated: { size: 3 } });", "replicated: { size: 2 } });"));
      ok('npx', ['gitops-storage', 'synth', '--quiet']); // no npx tsc before it: the CLI builds as cdk8s.yaml says
      expect(fs.readFileSync(path.join(proj, 'dist/dc1/40-pools/cephblockpool_rook-ceph_replicapool.yaml'), 'utf8')).toMatch(/size: 2/);
      const plan = run('npx', ['gitops-storage', 'plan']);
      expect(plan.stdout).toMatch(/^compared with dist\/ as committed at HEAD \([0-9a-f]+\)/);
      expect(plan.stdout).toMatch(/CephBlockPool rook-ceph\/replicapool {2}spec\.replicated\.size: 3 → 2/);
      expect(run('npx', ['gitops-storage', 'plan', '--worktree', '--no-build']).stdout).toMatch(/no changes/);
    } finally {
      fs.writeFileSync(main, good);
      ok('npx', ['gitops-storage', 'synth', '--quiet']);
    }
    expect(ok('git', ['status', '--porcelain']).stdout).toBe('');
  });

  test('WHEN it runs `cdk8s synth` (real cdk8s-cli) and plain `app.synth()` THEN dist/ is byte-identical to the CLI synth', () => {
    const viaCli = tree(path.join(proj, 'dist'));
    ok('npx', ['cdk8s', 'synth', '--check-upgrade', 'false']);
    expect(tree(path.join(proj, 'dist'))).toEqual(viaCli);
    expect(tree(path.join(proj, 'cdk8s.out'))).toEqual(viaCli);
    const plain = ok(process.execPath, ['lib/main.js']);
    expect(plain.stderr).toMatch(/wrote 1 site\(s\)/);
    expect(tree(path.join(proj, 'dist'))).toEqual(viaCli);
  });

  test('WHEN a site is wrong THEN every entry point fails with the fix on stderr and the committed dist/ stays as it was', () => {
    const main = path.join(proj, 'src/main.ts');
    const good = fs.readFileSync(main, 'utf8');
    const before = tree(path.join(proj, 'dist'));
    expect(Object.keys(before).length).toBeGreaterThan(5);
    fs.writeFileSync(main, good.replace("replicated: { size: 3 } });", "replicated: { size: 3 }, erasureCoded: { dataChunks: 2, codingChunks: 1 } });"));
    try {
      // `gitops-storage synth` and `plan` compile first, so they report this edit's error, not the last build's
      for (const [cmd, args] of [['npx', ['cdk8s', 'synth', '--check-upgrade', 'false']], ['npm', ['run', 'synth']], ['npx', ['gitops-storage', 'plan']], [process.execPath, ['lib/main.js']]] as const) {
        const r = run(cmd, [...args]);
        expect(r.status).not.toBe(0);
        expect(r.stderr).toMatch(/replicapool: erasureCoded: a pool is either replicated or erasure-coded[\s\S]*fix: /);
        expect(r.stderr).not.toMatch(/^\s+at .*\(.*gitops-storage/m);
        expect(tree(path.join(proj, 'dist'))).toEqual(before);
      }
    } finally {
      fs.writeFileSync(main, good);
      ok('npx', ['tsc']);
    }
  });

  test('WHEN CI checks dist/ THEN check-dist passes, and site-schemas writes kubeconform folders with the command to run', () => {
    const check = ok('npx', ['gitops-storage', 'check-dist']);
    expect(check.stdout).toMatch(/Invalid: 0, Errors: 0/);
    const s = ok('npx', ['gitops-storage', 'site-schemas', '--out', '.schemas']);
    expect(s.stdout).toMatch(/^kubeconform -strict -summary -kubernetes-version 1\.33\.0 -schema-location \.schemas\/kubernetes-1\.33 -schema-location '\.schemas\/crds-[0-9a-f]{8}\/.*dist\/dc1\/$/m);
    const crds = fs.readdirSync(path.join(proj, '.schemas')).find((d) => d.startsWith('crds-'))!;
    expect(fs.existsSync(path.join(proj, '.schemas', crds, 'cephcluster-ceph-v1.json'))).toBe(true);
    expect(fs.existsSync(path.join(proj, '.schemas/kubernetes-1.33/v1.33.0-standalone-strict'))).toBe(true);
  });

  test('WHEN the installed CLI is asked THEN --version is the package version and init scaffolds another repo without network, depending on the same tarball', () => {
    expect(ok('npx', ['gitops-storage', '--version']).stdout.trim()).toBe(VERSION);
    ok('npx', ['gitops-storage', 'init', path.join(tmp, 'second')]);
    expect(fs.readFileSync(path.join(tmp, 'second/.github/workflows/storage.yaml'), 'utf8')).toMatch(/kubeconform/);
    expect(JSON.parse(fs.readFileSync(path.join(tmp, 'second/package.json'), 'utf8')).dependencies['gitops-storage']).toBe(`file:vendor/${path.basename(tarball)}`);
    expect(sha1(path.join(tmp, 'second/vendor', path.basename(tarball)))).toBe(sha1(tarball));
    const again = run('npx', ['gitops-storage', 'init', path.join(tmp, 'second')]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/not empty; init never overwrites files/);
  });
});

describe('GIVEN this repository on a fresh machine (no mirror, empty cache, no network)', () => {
  const cli = path.join(REPO, 'lib/src/cli/cli.js');

  test('WHEN the reference fleet is synthesized, checked, validated and its schemas exported THEN all of it works from the bundle', () => {
    const out = path.join(tmp, 'fleet-dist');
    const synth = ok(process.execPath, [cli, 'synth', '--out', out], REPO);
    expect(synth.stdout).toMatch(/synthesized 9 site\(s\)/);
    expect(tree(out)).toEqual(tree(path.join(REPO, 'dist')));
    expect(ok(process.execPath, [cli, 'check-dist', '--dist', out], REPO).stdout).toMatch(/Invalid: 0, Errors: 0/);
    const validate = ok(process.execPath, [cli, 'validate', '--kubernetes-version', '1.33.7', path.join(out, 'dc1-local')], REPO);
    expect(validate.stdout).toMatch(/Invalid: 0, Errors: 0/);
    const schemas = ok(process.execPath, [cli, 'site-schemas', '--out', path.join(tmp, 'fleet-schemas'), '--dist', out], REPO);
    expect(schemas.stdout.match(/^kubeconform /gm)).toHaveLength(9);
    expect(fs.readdirSync(path.join(tmp, 'fleet-schemas')).filter((d) => d.startsWith('kubernetes-')).sort()).toEqual(['kubernetes-1.16', 'kubernetes-1.19', 'kubernetes-1.20', 'kubernetes-1.33']);
  });
});
