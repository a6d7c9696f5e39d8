/**
 * Hostile and unlucky input (issue 19): paths that would leave the output folder, prototype keys, values without a
 * YAML form, and YAML that would make the reader hang or crash. Each case: our error (path, value, allowed, fix) or
 * kubeconform's own verdict, fast, and nothing written outside the output root.
 *
 * The YAML verdicts were measured with the real kubeconform v0.6.7 on the same texts:
 *   alias bomb   -> "error unmarshalling resource: error converting YAML to JSON: yaml: document contains excessive aliasing"
 *   10,001 flow  -> "... yaml: line 4: exceeded max depth of 10000"
 *   10,001 block -> "... yaml: line 10005: exceeded max depth of 10000"
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ExternalCluster, SecretRef } from '../src';
import { scanDist, shellQuote, siteSchemas } from '../src/cli/cli';
import { loadApp, moduleOfCommand } from '../src/cli/app-loader';
import { runInit } from '../src/cli/init';
import { JOURNAL_FILE, LOCK_FILE, MARKER, OutputFolder, setFaultHookForTests, writeOutput } from '../src/foundation/dist-write';
import { synthApp, SynthError } from '../src/pipeline/synth';
import { ApiObject, JsonPatch } from 'cdk8s';
import { RookCluster } from '../src/rook/rook-cluster';
import { RookOperator } from '../src/rook/rook-operator';
import { fakeCephxKey, props120 } from './external-helpers';
import { Validator, writeSchemas } from '../src/validation/validator';
import { configError, expectHelpful, newSite, fileTree as tree } from './helpers';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'gs-harden-'));

/** 1.2 KB that expands to 10^9 strings. */
function aliasBomb(): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: x', 'data:', '  a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i <= 9; i++) lines.push(`  a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(',')}]`);
  return `${lines.join('\n')}\n`;
}

function deepBlock(levels: number): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: x', 'data:', '  x:'];
  for (let i = 0; i < levels; i++) lines.push(`${' '.repeat(i + 3)}a:`);
  return `${lines.join('\n')} 1\n`;
}

describe('GIVEN YAML built to exhaust the reader', () => {
  const v = new Validator({ kubernetesVersion: '1.33.0' });

  test('WHEN a 1.2 KB alias bomb is validated THEN kubeconform\'s "excessive aliasing" error comes back within a second', () => {
    const text = aliasBomb();
    expect(text.length).toBeLessThan(1300);
    const t0 = Date.now();
    const r = v.validateYaml(text, 'bomb.yaml');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(r).toEqual([expect.objectContaining({ status: 'statusError', msg: 'error unmarshalling resource: error converting YAML to JSON: yaml: document contains excessive aliasing' })]);
  });

  test('WHEN a manifest uses a few aliases the ordinary way THEN it is read and validated', () => {
    const r = v.validateYaml('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: &l {a: b}\n  annotations: *l\ndata: {k: v}\n', 'ok.yaml');
    expect(r).toEqual([expect.objectContaining({ status: 'statusValid' })]);
  });

  test.each([
    ['10,001 flow brackets', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\nx: ${'['.repeat(10001)}${']'.repeat(10001)}\n`, 'yaml: line 4: exceeded max depth of 10000'],
    ['10,001 block levels', deepBlock(9999), 'yaml: line 10005: exceeded max depth of 10000'],
  ])('WHEN %s are validated THEN kubeconform\'s "exceeded max depth" error, fast', (_what, text, msg) => {
    const t0 = Date.now();
    const r = v.validateYaml(text, 'deep.yaml');
    expect(Date.now() - t0).toBeLessThan(5000); // the block case is 50 MB of indentation
    expect(r).toEqual([expect.objectContaining({ status: 'statusError', msg: `error unmarshalling resource: error converting YAML to JSON: ${msg}` })]);
  });

  test('WHEN one of several files nests 6,000 levels deep THEN that file has an error and the other files are still validated', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'a-deep.yaml'), deepBlock(6000));
    fs.writeFileSync(path.join(dir, 'b-ok.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n  namespace: d\n');
    const r = v.validatePaths([dir]);
    expect(r.map((x) => [path.basename(x.filename), x.status])).toEqual([['a-deep.yaml', expect.stringMatching(/statusError|statusInvalid/)], ['b-ok.yaml', 'statusValid']]);
  });

  test.each([
    ['a NUL byte', Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: d\ndata:\n  a: "x\0y"\n'), 'yaml: control characters are not allowed'],
    ['a byte that is not UTF-8', Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: d\ndata:\n  a: x'), Buffer.from([0xff]), Buffer.from('y\n')]), 'yaml: invalid leading UTF-8 octet'],
  ])('WHEN a file holds %s THEN kubeconform\'s verdict (an error, not Valid)', (_what, bytes, msg) => {
    const f = path.join(tmp(), 'cm.yaml');
    fs.writeFileSync(f, bytes);
    expect(v.validatePaths([f])).toEqual([expect.objectContaining({ status: 'statusError', msg: `error unmarshalling resource: error converting YAML to JSON: ${msg}` })]);
    fs.writeFileSync(f, bytes.toString('latin1').replace(/\0|\xff/g, 'z'));
    expect(v.validatePaths([f])).toEqual([expect.objectContaining({ status: 'statusValid' })]);
  });

  test('WHEN a CRD source file is an alias bomb THEN a ConfigError naming the file, within a second', () => {
    const dir = tmp();
    const f = path.join(dir, 'crd.yaml');
    fs.writeFileSync(f, aliasBomb().replace('kind: ConfigMap', 'kind: CustomResourceDefinition').replace('apiVersion: v1', 'apiVersion: apiextensions.k8s.io/v1'));
    const t0 = Date.now();
    const e = configError(() => new Validator({ kubernetesVersion: '1.33.0', crdSources: [f] }).crdKinds());
    expect(Date.now() - t0).toBeLessThan(1000);
    expectHelpful(e.message, { path: /crdSources/, value: /crd\.yaml/, fix: /CustomResourceDefinition/ });
    expect(e.message).toMatch(/excessive aliasing/);
  });
});

describe('GIVEN inputs that would name a file outside the output folder', () => {
  test('WHEN a site adds an artifact at "../../x" THEN a ConfigError names the site, the path and the fix', () => {
    const { site } = newSite();
    const e = configError(() => site.addArtifact('../../x', 'owned'));
    expectHelpful(e.message, { path: /test-site: addArtifact\(path\)/, value: /\.\.\/\.\.\/x/, allowed: /relative path/, fix: /inside the site folder/ });
  });

  test.each(['/etc/x', 'host/../../x', 'host//x', 'C:/x', 'a\\..\\x'])('WHEN a site adds an artifact at %j THEN it is refused', (p) => {
    const { site } = newSite();
    expect(() => site.addArtifact(p, 'x')).toThrow(/leaves its output folder/);
  });

  test.each([
    ['spec.names.kind', (t: string) => t.replace('kind: Widget', 'kind: ../../../tmp/x')],
    ['spec.group', (t: string) => t.replace('group: example.com', 'group: ../../../tmp')],
  ])('WHEN a CRD whose %s is a path is given to schemas --crds THEN a ConfigError, and no file is written outside --out', (field, edit) => {
    const dir = tmp();
    const crd = path.join(dir, 'crd.yaml');
    fs.writeFileSync(crd, edit(`apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema: {type: object}
`));
    const out = path.join(dir, 'out', 'a', 'b');
    const e = configError(() => writeSchemas(out, { kubernetesVersion: '1.33.0', crdSources: [crd] }));
    expectHelpful(e.message, { path: new RegExp(`CRD widgets.example.com: ${field.replace(/[.[\]]/g, '\\$&')}`), value: /\.\.\//, allowed: /DNS-1/ });
    expect(fs.readdirSync(dir).sort()).toEqual(['crd.yaml']);
  });
});

describe('GIVEN a Rook operator installed from the chart', () => {
  test.each([
    ['__proto__.polluted', 'yes'],
    ['constructor.prototype.polluted', 'yes'],
    ['a.__proto__', { polluted: 'yes' }],
  ])('WHEN setHelmValue(%j) THEN a ConfigError, and no object of the process changed', (p, value) => {
    const { site } = newSite();
    const op = new RookOperator(site, 'operator', {});
    const e = configError(() => op.setHelmValue(p, value));
    expectHelpful(e.message, { path: /operator: setHelmValue/, allowed: /keys other than __proto__/, fix: /remove that key/ });
    expect(({} as any).polluted).toBeUndefined();
  });

  test('WHEN setHelmValue gets a value holding a __proto__ key THEN it is refused too', () => {
    const { site } = newSite();
    const op = new RookOperator(site, 'operator', {});
    expect(() => op.setHelmValue('csi', JSON.parse('{"__proto__": {"polluted": "yes"}}'))).toThrow(/"__proto__" names a part of every JavaScript object/);
  });

  test.each([
    ['a cyclic value', () => { const o: any = { a: 1 }; o.self = o; return o; }, /contains a cycle[\s\S]*<cyclic reference>/],
    ['a function', () => ({ f: () => 1 }), /setHelmValue\("csi"\)\.f: the value is a function/],
    ['a class instance', () => new Map(), /is an instance of Map/],
    ['NaN', () => NaN, /not a finite number/],
  ])('WHEN setHelmValue gets %s THEN a ConfigError that names the place and the fix', (_what, make, msg) => {
    const { site } = newSite();
    const op = new RookOperator(site, 'operator', {});
    const e = configError(() => op.setHelmValue('csi', make()));
    expect(e.message).toMatch(msg);
    expectHelpful(e.message, { path: /operator: setHelmValue/, allowed: /plain data/, fix: /pass the data itself/ });
  });
});

describe('GIVEN key material pasted into a channel that is not a SecretRef', () => {
  const key = fakeCephxKey();
  const synthIn = (app: any) => synthApp(app, { outdir: tmp(), validate: false });

  test.each([
    ['a raw Helm value', (site: any) => new RookOperator(site, 'operator', {}).setHelmValue('csi.extraKey', `key = ${key}`), /test-site\/helm\/rook-ceph-values\.yaml: csi\.extraKey/],
    ['an artifact', (site: any) => site.addArtifact('host/keyring', `[client.admin]\n\tkey = ${key}\n`), /test-site\/host\/keyring: line 2/],
    ['a PEM private key in an artifact', (site: any) => site.addArtifact('host/tls.key', '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n'), /test-site\/host\/tls\.key: line 1[\s\S]*PEM private key/],
    ['configOverride (keyring syntax)', (site: any) => new RookCluster(site, 'cluster', { storage: { useAllNodes: true }, configOverride: `[client.admin]\nkey = ${key}\n` }), /test-site\/30-cluster\/configmap_rook-ceph_rook-config-override\.yaml: data\.config[\s\S]*(keyring line|cephx key)/],
    ['pool parameters', (site: any) => new RookCluster(site, 'cluster', { storage: { useAllNodes: true } }).addPool('p', { replicated: { size: 3 }, parameters: { secret: key } }), /test-site\/40-pools\/cephblockpool_rook-ceph_p\.yaml: spec\.parameters\.secret/],
    ['an annotation added by a JSON patch', (site: any) => ApiObject.of(new RookCluster(site, 'cluster', { storage: { useAllNodes: true } })).addJsonPatch(JsonPatch.add('/metadata/annotations', { note: `-----BEGIN PRIVATE KEY-----` })), /test-site\/30-cluster\/cephcluster_rook-ceph_.*\.yaml: metadata\.annotations\.note[\s\S]*PEM private key/],
    ['a plain Secret in an artifact', (site: any) => site.addArtifact('host/secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: x}\ndata: {k: dmFsdWU=}\n'), /test-site\/host\/secret\.yaml: Secret x\/s: data[\s\S]*plain text/],
  ])('WHEN the key arrives through %s THEN synth fails naming the file and field, with SecretRef as the fix, and writes nothing', (_what, add, where) => {
    const { app, site } = newSite();
    add(site);
    const out = tmp();
    let err: unknown;
    try {
      synthApp(app, { outdir: out, validate: false });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SynthError);
    const msg = (err as Error).message;
    expect(msg).toMatch(where);
    expect(msg).toMatch(/looks like key material|plain text/);
    expect(msg).toMatch(/fix: keep the key out of the source and reference it: a SecretRef/);
    expect(msg).not.toContain(key);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  test('WHEN the Git repository URL carries a password THEN synth fails naming the field (it would also reach BOOTSTRAP.md)', () => {
    const { app } = newSite({ gitops: { engine: 'argocd', repoURL: 'https://deploy:s3cret-pass@git.example.com/storage.git' } });
    expect(() => synthIn(app)).toThrow(/repoURL[\s\S]*a URL with a user and password/);
  });

  test('WHEN the key is opted in with SecretRef.unsafePlaintext THEN synth writes it and warns, naming the file', () => {
    const { app, site } = newSite({}, 'plain-site');
    new ExternalCluster(site, 'ext', props120({ secrets: { mon: SecretRef.unsafePlaintext({ 'ceph-secret': key }) } as any }));
    const r = synthIn(app);
    expect(r.warnings).toContainEqual(expect.stringMatching(/^plain-site\/30-cluster\/secret_rook-ceph-external_rook-ceph-mon\.yaml: key material in plain text, committed to git as you asked \(SecretRef\.unsafePlaintext\)/));
  });

  test('WHEN a file in dist/ on disk holds a key THEN check-dist names it; the clean reference dist/ has no finding', () => {
    const { app, site } = newSite({}, 'scan-site');
    new RookOperator(site, 'operator', {});
    const out = tmp();
    synthApp(app, { outdir: out, validate: false });
    expect(scanDist(app, out).problems).toEqual([]);
    fs.writeFileSync(path.join(out, 'scan-site', 'NOTES.md'), `token: ghp_${'a'.repeat(36)}\n`);
    expect(scanDist(app, out).problems).toEqual([expect.objectContaining({ path: 'scan-site/NOTES.md: line 1', problem: expect.stringMatching(/a GitHub token/) })]);
  });
});

describe('GIVEN gitops-storage init', () => {
  test('WHEN a run was interrupted (some files written, one left half-written) THEN running init again completes the scaffold', () => {
    const dir = path.join(tmp(), 'repo');
    const all = runInit(dir).files;
    const full = tree(dir);
    fs.rmSync(path.join(dir, 'src'), { recursive: true });
    fs.rmSync(path.join(dir, 'README.md'));
    fs.writeFileSync(path.join(dir, '.init-tmp-README.md'), '# half');
    expect(runInit(dir).files).toEqual(all);
    expect(tree(dir)).toEqual(full);
    // once complete, it is a repository like any other: init refuses it
    expect(() => runInit(dir)).toThrow(/not empty; init never overwrites files/);
  });

  test('WHEN the folder holds a file of the user THEN init refuses and changes nothing', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    expectHelpful(configError(() => runInit(dir)).message, { path: 'init <dir>', value: /notes\.txt/, fix: /new or empty folder/ });
    expect(fs.readdirSync(dir)).toEqual(['notes.txt']);
  });

  test('WHEN the folder is empty (e.g. a mount point) THEN init stages inside it, never beside it (no rename across file systems)', () => {
    const parent = tmp();
    fs.mkdirSync(path.join(parent, 'mnt'));
    runInit(path.join(parent, 'mnt'));
    expect(fs.readdirSync(parent)).toEqual(['mnt']);
    expect(Object.keys(tree(path.join(parent, 'mnt'))).filter((f) => f.includes('.init-tmp-'))).toEqual([]);
  });

  test('WHEN the folder is a dangling symbolic link THEN a ConfigError says so', () => {
    const parent = tmp();
    fs.symlinkSync(path.join(parent, 'nowhere'), path.join(parent, 'link'));
    expectHelpful(configError(() => runInit(path.join(parent, 'link'))).message, { path: 'init <dir>', value: /link/, fix: /remove the link/ });
  });

  test('THEN the .gitignore it writes ignores every temporary name of the write protocol, and not the sites', () => {
    const dir = path.join(tmp(), 'repo');
    runInit(dir);
    const names = ['dist/.tmp-dc1/x.yaml', 'dist/.old-dc1/x.yaml', `dist/${LOCK_FILE}`, `dist/${JOURNAL_FILE}`, `dist/${JOURNAL_FILE}.new`, 'dist/.tmp-_fleet/a.yaml'];
    const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    expect(git('init', '-q').status).toBe(0);
    expect(git('check-ignore', ...names).stdout.trim().split('\n')).toEqual(names);
    expect(git('check-ignore', 'dist/dc1/00-crds/a.yaml', `dist/dc1/${MARKER}`).status).toBe(1);
  });
});

describe('GIVEN a Node error that can reach a user', () => {
  const site1: OutputFolder[] = [{ name: 'dc1', files: [{ path: '00-crds/a.yaml', content: 'a: 1\n' }] }];
  const inject = (code: string, op: string) => (_i: number, o: string) => {
    if (o === op) throw Object.assign(new Error(`${code}: injected`), { code });
  };
  test.each([
    ['ENOSPC (disk full)', () => { setFaultHookForTests(inject('ENOSPC', 'write')); return writeOutput(tmp(), site1); }, /the disk is full \(ENOSPC\)[\s\S]*fix: free space/],
    ['EROFS (read-only dist)', () => { setFaultHookForTests(inject('EROFS', 'lock')); return writeOutput(tmp(), site1); }, /the file system is read-only \(EROFS\)[\s\S]*fix: write to a writable folder/],
    ['EPERM', () => { setFaultHookForTests(inject('EPERM', 'mkdir')); return writeOutput(tmp(), site1); }, /not permitted \(EPERM\)[\s\S]*fix: check the owner/],
    ['EACCES', () => { setFaultHookForTests(inject('EACCES', 'rename')); return writeOutput(tmp(), site1); }, /permission denied \(EACCES\)[\s\S]*fix: give your user write access/],
    ['EEXIST/ENOTDIR (dist is a file)', () => { const d = tmp(); fs.writeFileSync(path.join(d, 'dist'), ''); return writeOutput(path.join(d, 'dist'), site1); }, /dist: writing the output failed: a part of the path is a file, not a folder \(ENOTDIR\)/],
    ['ENOTDIR (site-schemas --out <file>)', () => { const d = tmp(); fs.writeFileSync(path.join(d, 'f'), ''); return writeSchemas(path.join(d, 'f'), { kubernetesVersion: '1.33.0' }); }, /a part of the path is a file, not a folder \(ENOTDIR\)/],
    ['ENAMETOOLONG', () => writeOutput(path.join(tmp(), 'x'.repeat(300)), site1), /too long for the file system \(ENAMETOOLONG\)[\s\S]*fix: choose a shorter output folder/],
    ['an output folder under /proc (would spin in a recursive mkdir)', () => writeOutput('/proc/gs-harden/dist', site1), /\/proc\/gs-harden[\s\S]*fix: /],
  ])('WHEN %s THEN a ConfigError with the path and a fix', (_what, run, msg) => {
    try {
      const e = configError(run);
      expect(e.message).toMatch(msg);
      expect(e.message).toMatch(/fix: /);
    } finally {
      setFaultHookForTests(undefined);
    }
  });

  test('WHEN validate meets a FIFO, an unreadable folder and a file over 512 MiB THEN each is one error result and the other files are validated', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'a-ok.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n  namespace: d\n');
    expect(spawnSync('mkfifo', [path.join(dir, 'b-fifo.yaml')]).status).toBe(0);
    const huge = path.join(dir, 'c-huge.yaml');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, 600 * 1024 * 1024); // sparse: no disk used
    fs.mkdirSync(path.join(dir, 'd-locked'));
    // the tests run as root, for whom no folder is unreadable: the module's own fs answers EACCES for this one
    const nodeFs = require('fs') as typeof fs; // eslint-disable-line @typescript-eslint/no-require-imports
    const real = nodeFs.readdirSync;
    nodeFs.readdirSync = ((p: fs.PathLike, o?: any) => {
      if (String(p).endsWith('d-locked')) throw Object.assign(new Error('EACCES: permission denied, scandir'), { code: 'EACCES' });
      return real(p, o);
    }) as typeof fs.readdirSync;
    let r;
    try {
      r = new Validator({ kubernetesVersion: '1.33.0' }).validatePaths([dir]);
    } finally {
      nodeFs.readdirSync = real;
    }
    expect(r.map((x) => [path.basename(x.filename), x.status, x.msg])).toEqual([
      ['a-ok.yaml', 'statusValid', expect.anything()],
      ['b-fifo.yaml', 'statusError', expect.stringMatching(/not a regular file/)],
      ['c-huge.yaml', 'statusError', expect.stringMatching(/larger than the 512 MiB/)],
      ['d-locked', 'statusError', expect.stringMatching(/open .*d-locked: permission denied/)],
    ]);
  });

  test.each([
    ['null', 'exports.buildApp = () => { throw null; };', /it threw null, not an Error/],
    ['a string', 'exports.buildApp = () => { throw "boom"; };', /it threw a string, not an Error[\s\S]*got: "boom"/],
  ])('WHEN the app module throws %s THEN a ConfigError naming the module', (_what, body, msg) => {
    const f = path.join(tmp(), 'app.js');
    fs.writeFileSync(f, `${body}\n`);
    const e = configError(() => loadApp(f));
    expect(e.message).toMatch(msg);
    expectHelpful(e.message, { path: f, fix: /throw new Error/ });
  });

  test('WHEN cdk8s.yaml runs `node -r ./setup.js app.js` THEN the app module is app.js', () => {
    expect(moduleOfCommand('node -r ./setup.js app.js')).toBe('app.js');
    expect(moduleOfCommand('node --require=./setup.js lib/main.js')).toBe('lib/main.js');
    expect(moduleOfCommand('npx tsc && node --import ./reg.mjs -r ./b.js lib/main.js')).toBe('lib/main.js');
  });

  test('WHEN site-schemas prints the kubeconform command for an --out path with shell syntax THEN every path is quoted', () => {
    expect(shellQuote("x $(touch /tmp/p) 'y'")).toBe(`'x $(touch /tmp/p) '\\''y'\\'''`);
    const r = spawnSync('bash', ['-c', `printf '%s' ${shellQuote("x $(touch /tmp/p) 'y'")}`], { encoding: 'utf8' });
    expect(r.stdout).toBe("x $(touch /tmp/p) 'y'");
    expect(shellQuote('dist/dc1/')).toBe('dist/dc1/');
  });
});

describe('GIVEN site-schemas', () => {
  test('WHEN run twice into the same --out THEN each schema folder is replaced whole (marker, no leftovers); a folder of the user named like one is refused', () => {
    const { app } = newSite({}, 'schemas-site');
    const out = tmp();
    siteSchemas(app, out, 'dist');
    const lines = siteSchemas(app, out, 'dist');
    const crdDir = fs.readdirSync(out).find((d) => d.startsWith('crds-'))!;
    expect(fs.readdirSync(out).sort()).toEqual([crdDir, 'kubernetes-1.33']);
    expect(fs.readdirSync(path.join(out, 'kubernetes-1.33')).sort()).toEqual([MARKER, 'v1.33.0-standalone', 'v1.33.0-standalone-strict']);
    expect(fs.readdirSync(path.join(out, crdDir))).toContain(MARKER);
    expect(lines.find((l) => l.startsWith('kubeconform '))).toContain(`-schema-location ${path.join(out, 'kubernetes-1.33')} `);
    const other = tmp();
    fs.mkdirSync(path.join(other, 'kubernetes-1.33'));
    fs.writeFileSync(path.join(other, 'kubernetes-1.33', 'mine.txt'), 'x');
    expect(() => siteSchemas(app, other, 'dist')).toThrow(/was not written by gitops-storage/);
    expect(fs.readdirSync(other)).toEqual(['kubernetes-1.33']);
    expect(fs.readdirSync(path.join(other, 'kubernetes-1.33'))).toEqual(['mine.txt']);
  });
});
