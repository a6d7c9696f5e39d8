/**
 * `gitops-storage init <dir>`: a repository of the user's own — a cdk8s TypeScript project that depends on this
 * package, with one documented example site and a CI workflow (synth, dist/ current, check-dist, kubeconform).
 * Works offline: nothing is downloaded here; `npm install` afterwards needs only the package registry.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as semver from 'semver';
import { fsError, mkdirBounded } from '../foundation/dist-write';
import { ConfigError } from '../foundation/errors';

export interface InitOptions {
  /** package.json name. @default - the folder name, made a valid package name */
  readonly name?: string;
  /**
   * Where gitops-storage comes from: a version or range, a tarball path, a folder, a git URL (or an https tarball).
   * A local tarball is copied into the project's `vendor/` (so the repository installs on CI too); a folder is
   * written as a `file:` path relative to the project.
   * @default - what the running CLI was installed from ({@link installedFrom})
   */
  readonly packageSpec?: string;
  /** Folder relative paths of `packageSpec` are resolved against. @default - process.cwd() */
  readonly cwd?: string;
  /** Run `git init` in the new folder when it is not inside a git work tree. @default true */
  readonly git?: boolean;
}

/** The dependency written for gitops-storage, and where it came from (for the message). */
export interface PackageSource {
  /** The value of `dependencies["gitops-storage"]`. */
  readonly spec: string;
  /** A local tarball to copy into the project: `to` is relative to the project folder. */
  readonly copy?: { readonly from: string; readonly to: string };
  /** One line for the user: what was written and why. */
  readonly note: string;
}

/** Where the running CLI was installed from: how it is found, so that `init` can depend on the same thing. */
export type Origin =
  | { readonly kind: 'registry'; readonly version: string }
  | { readonly kind: 'tarball' | 'folder'; readonly path: string; readonly version: string }
  | { readonly kind: 'url'; readonly spec: string; readonly version: string }
  | { readonly kind: 'checkout'; readonly path: string; readonly version: string };

const NAME = 'gitops-storage';
const SPEC_FORMS = 'a version or range (0.1.0, ^0.1.0), a tarball path (./gitops-storage-0.1.0.tgz), a folder (../gitops-storage), a git URL (git+https://…, github:owner/repo) or an https tarball URL';
const isTarball = (p: string) => /\.(tgz|tar\.gz)$/.test(p);
const isUrl = (s: string) => /^(git\+[a-z]+:|git:|https?:|github:|gitlab:|bitbucket:|gist:)/.test(s);

/** The folder of this package's own package.json (real path: a linked folder is its checkout). */
export function ownRoot(): string {
  for (let dir = fs.realpathSync(__dirname); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('gitops-storage: package.json not found');
  }
}

/**
 * What the copy at `root` was installed from: a checkout (not under node_modules), or an installed copy whose
 * origin npm recorded as `resolved` in the lock file of the project (or npx cache folder) that installed it.
 */
export function installedFrom(root = ownRoot()): Origin {
  const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  if (path.basename(path.dirname(root)) !== 'node_modules') return { kind: 'checkout', path: root, version };
  const project = path.dirname(path.dirname(root));
  let resolved: string | undefined;
  for (const lock of ['node_modules/.package-lock.json', 'package-lock.json', 'npm-shrinkwrap.json']) {
    try {
      const entry = (JSON.parse(fs.readFileSync(path.join(project, lock), 'utf8')) as { packages?: Record<string, { resolved?: string }> }).packages?.[`node_modules/${NAME}`];
      if (entry) {
        resolved = entry.resolved;
        break;
      }
    } catch {
      // no such lock file: the next one
    }
  }
  if (!resolved) return { kind: 'registry', version };
  if (resolved.startsWith('file:')) {
    const p = path.resolve(project, resolved.slice('file:'.length));
    return { kind: isTarball(p) ? 'tarball' : 'folder', path: p, version };
  }
  // a registry tarball is <registry>/gitops-storage/-/gitops-storage-<version>.tgz; any other URL is kept as it is
  if (/^https?:/.test(resolved) && resolved.includes(`/${NAME}/-/${NAME}-`)) return { kind: 'registry', version };
  return { kind: 'url', spec: resolved, version };
}

function localSource(abs: string, projectDir: string, given: string, origin: string): PackageSource {
  if (!fs.existsSync(abs)) {
    throw new ConfigError({ path: '--package', problem: 'no such tarball or folder', value: `${given} (${abs})`, allowed: SPEC_FORMS, fix: 'npm pack in a checkout of gitops-storage writes gitops-storage-<version>.tgz; pass its path' });
  }
  if (fs.statSync(abs).isFile()) {
    if (!isTarball(abs)) throw new ConfigError({ path: '--package', problem: 'a file that is not a package tarball (.tgz)', value: given, allowed: SPEC_FORMS, fix: 'pass the .tgz that npm pack wrote' });
    const to = `vendor/${path.basename(abs)}`;
    return { spec: `file:${to}`, copy: { from: abs, to }, note: `gitops-storage from ${origin} ${abs}, copied to ${to} (commit it: npm ci on CI installs from it)` };
  }
  const manifest = path.join(abs, 'package.json');
  const name = fs.existsSync(manifest) ? (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name : undefined;
  if (name !== NAME) {
    throw new ConfigError({ path: '--package', problem: `the folder is not the ${NAME} package`, value: `${given} (package.json name: ${name ?? 'none'})`, allowed: SPEC_FORMS, fix: 'name a checkout of gitops-storage (built: npm ci there), or its packed tarball' });
  }
  const rel = path.relative(path.resolve(projectDir), abs).split(path.sep).join('/') || '.';
  return { spec: `file:${rel}`, note: `gitops-storage linked from ${origin} ${abs} (file:${rel}; for CI, pack it: npm pack there, then init --package <tgz>)` };
}

/** The dependency spec for gitops-storage: the given one (checked, local paths placed), else the CLI's own origin. */
export function resolvePackageSource(given: string | undefined, projectDir: string, cwd = process.cwd(), origin: Origin = installedFrom()): PackageSource {
  if (given === undefined) {
    switch (origin.kind) {
      case 'registry': return { spec: `^${origin.version}`, note: `gitops-storage ^${origin.version} from the package registry` };
      case 'url': return { spec: origin.spec, note: `gitops-storage from ${origin.spec}, where this CLI was installed from` };
      case 'checkout': return localSource(origin.path, projectDir, origin.path, 'the checkout this CLI runs from,');
      default: return localSource(origin.path, projectDir, origin.path, `the ${origin.kind} this CLI was installed from,`);
    }
  }
  const spec = given.trim();
  if (spec.startsWith('file:')) return localSource(path.resolve(cwd, spec.slice('file:'.length)), projectDir, given, 'the');
  if (isUrl(spec)) return { spec, note: `gitops-storage from ${spec}` };
  if (semver.validRange(spec) && !/[\\/]/.test(spec) && !isTarball(spec)) return { spec, note: `gitops-storage ${spec} from the package registry` };
  if (/^[./~]/.test(spec) || isTarball(spec) || fs.existsSync(path.resolve(cwd, spec))) return localSource(path.resolve(cwd, spec), projectDir, given, 'the');
  if (/^[\w.-]+\/[\w.-]+(#.+)?$/.test(spec)) return { spec, note: `gitops-storage from GitHub ${spec}` };
  throw new ConfigError({ path: '--package', problem: 'not a package spec init understands', value: given, allowed: SPEC_FORMS, fix: 'e.g. --package ./gitops-storage-0.1.0.tgz (from npm pack) or --package 0.1.0' });
}

/** What `init` did about git, in one line. */
export function gitInit(dir: string): string {
  const inside = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8', env: process.env });
  if (inside.error) return 'git: not found; run git init in the folder before the first commit';
  if (inside.status === 0) return `git: the folder is inside the repository ${inside.stdout.trim()}, so no new repository was created`;
  let r = spawnSync('git', ['init', '-q', '-b', 'main'], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) r = spawnSync('git', ['init', '-q'], { cwd: dir, encoding: 'utf8' }); // git < 2.28 has no -b
  return r.status === 0 ? 'git: initialized a repository in the folder' : `git: git init failed (${(r.stderr || '').trim().split('\n')[0]}); run it yourself`;
}

/** What `init` wrote. */
export interface InitResult {
  /** Files written, relative to the folder. */
  readonly files: string[];
  /** Where gitops-storage comes from. */
  readonly packageNote: string;
  /** What happened about git. */
  readonly gitNote: string;
}

/** Versions this package is built and tested with; the scaffold pins the same ones. */
function ownManifest(): { version: string; devDependencies: Record<string, string>; peerDependencies: Record<string, string> } {
  return JSON.parse(fs.readFileSync(path.join(ownRoot(), 'package.json'), 'utf8'));
}

function packageName(dir: string): string {
  const n = path.basename(path.resolve(dir)).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|[-]+$/g, '');
  return n || 'storage-sites';
}

/** The files of a new project, by path relative to its folder. */
export function scaffoldFiles(opts: Omit<InitOptions, 'packageSpec'> & { dir: string; packageSpec: string }): Record<string, string> {
  const own = ownManifest();
  const dev = own.devDependencies;
  const pkg = {
    name: opts.name ?? packageName(opts.dir),
    version: '0.1.0',
    private: true,
    scripts: {
      build: 'tsc',
      synth: 'gitops-storage synth',
      validate: 'gitops-storage check-dist',
      schemas: 'gitops-storage site-schemas --out .schemas',
    },
    dependencies: {
      'cdk8s': dev.cdk8s ?? own.peerDependencies.cdk8s,
      'constructs': dev.constructs ?? own.peerDependencies.constructs,
      'gitops-storage': opts.packageSpec,
    },
    devDependencies: {
      '@types/node': dev['@types/node'],
      'cdk8s-cli': dev['cdk8s-cli'],
      'typescript': dev.typescript,
    },
  };
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'commonjs',
      lib: ['ES2022'],
      outDir: 'lib',
      rootDir: 'src',
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node'],
    },
    include: ['src/**/*.ts'],
  };
  return {
    'package.json': `${JSON.stringify(pkg, null, 2)}\n`,
    'tsconfig.json': `${JSON.stringify(tsconfig, null, 2)}\n`,
    'cdk8s.yaml': CDK8S_YAML,
    '.gitignore': 'node_modules/\nlib/\ncdk8s.out/\n.schemas/\ndist/.tmp-*\ndist/.old-*\n',
    'src/main.ts': MAIN_TS,
    'README.md': README(pkg.name),
    '.github/workflows/storage.yaml': WORKFLOW,
  };
}

const INIT_TMP = '.init-tmp-';

/**
 * Writes the scaffold into `dir` (new, empty, or holding part of this same scaffold from an interrupted init).
 * Each file is written to a temporary name inside its own folder and renamed into place, so an interrupted init
 * leaves whole files only, and running init again completes it; staging inside `dir` also works when `dir` is a
 * mount point (no rename across file systems). Refuses any other content: init never overwrites a file. Then git init.
 */
export function runInit(dir: string, opts: InitOptions = {}): InitResult {
  const target = path.resolve(dir);
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw fsError(e, target, 'init');
  }
  if (st && !st.isDirectory()) {
    throw new ConfigError({ path: 'init <dir>', problem: 'exists and is not a folder', value: dir, fix: 'name a new or empty folder' });
  }
  if (!st && fs.lstatSync(target, { throwIfNoEntry: false })) {
    throw new ConfigError({ path: 'init <dir>', problem: 'is a symbolic link to nothing (a dangling link)', value: dir, fix: 'remove the link or name a new folder' });
  }
  const source = resolvePackageSource(opts.packageSpec, target, opts.cwd);
  const files = scaffoldFiles({ ...opts, dir, packageSpec: source.spec });
  if (st) {
    const foreign: string[] = [];
    const walk = (d: string, rel: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const r = rel ? `${rel}/${e.name}` : e.name;
        const p = path.join(d, e.name);
        if (!rel && e.name === '.git') continue;
        if (e.name.startsWith(INIT_TMP) && e.isFile()) {
          fs.rmSync(p, { force: true }); // a file an interrupted init did not finish
          continue;
        }
        if (e.isDirectory() && [...Object.keys(files), ...(source.copy ? [source.copy.to] : [])].some((f) => f.startsWith(`${r}/`))) walk(p, r);
        else if (e.isFile() && source.copy && r === source.copy.to) continue; // the package tarball an interrupted init copied
        else if (!(e.isFile() && files[r] !== undefined && fs.readFileSync(p, 'utf8') === files[r])) foreign.push(r);
      }
    };
    walk(target, '');
    const complete = Object.keys(files).every((f) => fs.existsSync(path.join(target, ...f.split('/'))));
    if (foreign.length === 0 && complete) foreign.push(...Object.keys(files).sort()); // nothing left to complete: an initialized repository
    if (foreign.length > 0) {
      throw new ConfigError({
        path: 'init <dir>',
        problem: 'the folder is not empty; init never overwrites files',
        value: `${dir} (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', ...' : ''})`,
        fix: 'name a new or empty folder',
      });
    }
  }
  mkdirBounded(target);
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(target, ...rel.split('/'));
    if (fs.existsSync(p)) continue; // written by the interrupted run, same content (checked above)
    mkdirBounded(path.dirname(p));
    const tmp = path.join(path.dirname(p), `${INIT_TMP}${path.basename(p)}`);
    try {
      fs.writeFileSync(tmp, content);
      fs.renameSync(tmp, p);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      throw fsError(e, p, 'init');
    }
  }
  if (source.copy) {
    const p = path.join(target, ...source.copy.to.split('/'));
    if (!fs.existsSync(p)) {
      mkdirBounded(path.dirname(p));
      const tmp = path.join(path.dirname(p), `${INIT_TMP}${path.basename(p)}`);
      try {
        fs.copyFileSync(source.copy.from, tmp);
        fs.renameSync(tmp, p);
      } catch (e) {
        fs.rmSync(tmp, { force: true });
        throw fsError(e, p, 'init');
      }
    }
  }
  const written = [...Object.keys(files), ...(source.copy ? [source.copy.to] : [])].sort();
  return { files: written, packageNote: source.note, gitNote: opts.git === false ? 'git: not run (--no-git)' : gitInit(target) };
}

const CDK8S_YAML = `language: typescript
# cdk8s synth empties \`output\` before it runs the app, so it is only a staging copy; the app writes dist/
# itself, atomically, and only when every site passed every check.
app: npx tsc && node lib/main.js
output: cdk8s.out
`;

const MAIN_TS = `/**
 * Your storage sites. \`npm run synth\` (or \`npx cdk8s synth\`) checks them, validates every object against the
 * schemas of each site's Kubernetes version, and writes dist/<site>/ — commit it; Argo CD or Flux syncs it.
 * A mistake fails the synth with what is wrong and how to fix it, and nothing is written.
 */
import {
  CephCsi, CephRbdSnapshotClass, RookCluster, RookOperator, Site, StorageApp, Toolbox,
} from 'gitops-storage';

const app = new StorageApp(); // writes dist/<site>/

// One Kubernetes cluster: its versions (any patch release; schemas are chosen by minor), the GitOps engine that
// syncs dist/<site>/, and its nodes (used to check mon counts and pool sizes against the hosts you have).
const site = new Site(app, 'dc1', {
  kubernetesVersion: '1.33.4',
  rookVersion: '1.20.6',
  gitops: { engine: 'argocd', repoURL: 'https://git.example.com/platform/storage.git', targetRevision: 'main', path: 'dist/dc1' },
  nodes: [{ name: 'node-a' }, { name: 'node-b' }, { name: 'node-c' }],
});

// The Rook operator from its Helm chart (the chart version is the site's rookVersion), and its CSI drivers.
const operator = new RookOperator(site, 'operator', { namespace: 'rook-ceph' });
new CephCsi(site, 'csi', { operator });

// A Ceph cluster on the disks of every node whose stable by-path name matches the filter.
const cluster = new RookCluster(site, 'cluster', {
  mon: { count: 3 },
  storage: { useAllNodes: true, devicePathFilter: '^/dev/disk/by-path/pci-.*-nvme-1$' },
});

// A 3-way replicated pool (one copy per host) and the default StorageClass on it.
const pool = cluster.addPool('replicapool', { failureDomain: 'host', replicated: { size: 3 } });
pool.addStorageClass('ceph-block', { isDefault: true });
new CephRbdSnapshotClass(site, 'ceph-block-snapshots', { cluster });

// kubectl -n rook-ceph exec deploy/rook-ceph-tools -- ceph status
new Toolbox(site, 'toolbox', { cluster });

app.synth();
`;

const README = (name: string) => `# ${name}

Storage sites (Rook-Ceph, TopoLVM) described in TypeScript with [gitops-storage](https://www.npmjs.com/package/gitops-storage)
and synthesized into \`dist/<site>/\`, which Argo CD or Flux syncs.

\`\`\`sh
npm install            # once
npm run synth          # compile, check, validate, write dist/<site>/ (same as npx cdk8s synth)
npm run validate       # validate the files in dist/ as they are on disk
npm run schemas        # kubeconform schema folders per site in .schemas/, and the kubeconform command for each
\`\`\`

Edit \`src/main.ts\`, run \`npm run synth\`, commit \`src/\` and \`dist/\` together. A failed synth prints where the
mistake is, the bad value, what is allowed and how to fix it, and leaves \`dist/\` as it was.

First sync: \`dist/<site>/gitops/\` holds the engine's bootstrap objects and a \`BOOTSTRAP.md\` with the steps
(for Argo CD: apply the Application once; it then syncs the layers in order). \`dist/<site>/host/\`, when present,
holds files for the nodes themselves (kubelet, kube-scheduler) that GitOps cannot sync.

CI (\`.github/workflows/storage.yaml\`): \`npm ci\`, the synth, \`git diff --exit-code dist/\` (the committed output is
what the source says), \`gitops-storage check-dist\`, on pull requests \`gitops-storage plan\` against the target branch
(what each change means; destructive and immutable changes need \`site.allowChange\`), and the real kubeconform against the
schemas of each site.
`;

const WORKFLOW = `name: storage
on:
  pull_request:
  push:
    branches: [main]
jobs:
  dist:
    runs-on: ubuntu-latest
    env:
      KUBECONFORM_VERSION: v0.7.0
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - name: synth (checks, strict validation, writes dist/)
        run: npm run synth
      - name: the committed dist/ is what the source says
        run: |
          git add -N dist/
          git diff --exit-code dist/ || { echo "dist/ is not current: run npm run synth and commit dist/"; exit 1; }
      - name: validate the files on disk
        run: npx gitops-storage check-dist
      - name: plan against the target branch (exit 0 safe, 2 needs an explicit allow, 1 refused)
        if: github.event_name == 'pull_request'
        shell: bash
        run: |
          git fetch --no-tags --depth=1 origin "$GITHUB_BASE_REF"
          npx gitops-storage plan --base "origin/$GITHUB_BASE_REF" --format markdown | tee -a "$GITHUB_STEP_SUMMARY"
      - name: kubeconform with the schemas of each site
        run: |
          mkdir -p "$HOME/bin"
          curl -sSfL "https://github.com/yannh/kubeconform/releases/download/$KUBECONFORM_VERSION/kubeconform-linux-amd64.tar.gz" | tar xz -C "$HOME/bin" kubeconform
          export PATH="$HOME/bin:$PATH"
          npx gitops-storage site-schemas --out .schemas > kubeconform.sh
          bash -e kubeconform.sh
`;
