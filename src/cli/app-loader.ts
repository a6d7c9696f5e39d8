/**
 * Finds and loads the user's app for the CLI commands that need its sites (synth, check-dist, site-schemas).
 *
 * Looked for, in order: `--app <module>`; the module that cdk8s.yaml's `app` command runs; the `main` of the
 * project's package.json. Never silently this package's own reference fleet.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import * as YAML from 'yaml';
import { ConfigError } from '../foundation/errors';
import { Site } from '../site/site';
import { captureApps } from '../pipeline/storage-app';

/** The app the CLI works on, and where it came from (for messages). */
export interface LoadedApp {
  readonly app: App;
  readonly module: string;
}

/** The module file to load, or a ConfigError naming everything that was looked for. */
export function findAppModule(explicit: string | undefined, cwd = process.cwd()): string {
  if (explicit) return path.resolve(cwd, explicit);
  const looked: string[] = [];
  const cdk8sYaml = path.join(cwd, 'cdk8s.yaml');
  if (fs.existsSync(cdk8sYaml)) {
    let command: unknown;
    try {
      command = (YAML.parse(fs.readFileSync(cdk8sYaml, 'utf8')) as { app?: unknown } | null)?.app;
    } catch (e) {
      throw new ConfigError({ path: cdk8sYaml, problem: `not readable YAML: ${(e as Error).message.split('\n')[0]}`, fix: 'fix cdk8s.yaml, or pass --app <module>' });
    }
    const file = typeof command === 'string' ? moduleOfCommand(command) : undefined;
    if (file) return path.resolve(cwd, file);
    looked.push(`cdk8s.yaml app (${JSON.stringify(command)}: no "node <file>" or "ts-node <file>" in it)`);
  } else {
    looked.push(`${cdk8sYaml} (missing)`);
  }
  const pkgJson = path.join(cwd, 'package.json');
  if (fs.existsSync(pkgJson)) {
    const main = (JSON.parse(fs.readFileSync(pkgJson, 'utf8')) as { main?: unknown }).main;
    if (typeof main === 'string') return path.resolve(cwd, main);
    looked.push(`${pkgJson} main (not set)`);
  } else {
    looked.push(`${pkgJson} (missing)`);
  }
  throw new ConfigError({
    path: '--app',
    problem: `no app to load in ${cwd}`,
    value: looked.join('; '),
    allowed: 'a JavaScript (or, with ts-node installed, TypeScript) module that builds a StorageApp and calls app.synth(), or exports buildApp()',
    fix: 'run the command in your project folder (where cdk8s.yaml is), or pass --app lib/main.js; `gitops-storage init <dir>` scaffolds a project',
  });
}

/** Options of node and ts-node that take the next word as their value. */
const OPTIONS_WITH_VALUE = new Set([
  '-r', '--require', '--import', '--loader', '--experimental-loader', '-C', '--conditions', '--env-file', '--input-type',
  '--title', '--inspect-port', '--debug-port', '--stack-size', '--max-old-space-size', '--openssl-config', '--icu-data-dir',
  '-P', '--project', '-O', '--compiler-options', '--compiler', '-I', '--ignore', '--cwd', '--scope-dir', '--dir',
]);

/** The script a cdk8s.yaml `app` command runs: the last `node <file>` / `ts-node <file>` of it. */
export function moduleOfCommand(command: string): string | undefined {
  let found: string | undefined;
  for (const part of command.split(/&&|;|\|\|/)) {
    const words = part.trim().split(/\s+/);
    const i = words.findIndex((w) => /(^|\/)(node|ts-node)$/.test(w));
    if (i < 0) continue;
    let file: string | undefined;
    for (let j = i + 1; j < words.length; j++) {
      const w = words[j];
      if (!w.startsWith('-')) {
        file = w;
        break;
      }
      // an option whose value is the next word (`node -r ./setup.js app.js`: the app is app.js)
      if (!w.includes('=') && OPTIONS_WITH_VALUE.has(w)) j++;
    }
    if (file) found = file;
  }
  return found;
}

/**
 * The build steps of a cdk8s.yaml `app` command: the `&&`-joined parts before the one that runs the app module
 * (`npx tsc` of `npx tsc && node lib/main.js`), or undefined when the app runs directly.
 */
export function buildStepsOfCommand(command: string): string | undefined {
  const parts = command.split('&&').map((p) => p.trim());
  let last = -1;
  parts.forEach((p, i) => {
    if (moduleOfCommand(p)) last = i;
  });
  return last > 0 ? parts.slice(0, last).join(' && ') : undefined;
}

/** The app command of cdk8s.yaml in `cwd`, if there is one. */
function cdk8sAppCommand(cwd: string): string | undefined {
  const file = path.join(cwd, 'cdk8s.yaml');
  if (!fs.existsSync(file)) return undefined;
  try {
    const app = (YAML.parse(fs.readFileSync(file, 'utf8')) as { app?: unknown } | null)?.app;
    return typeof app === 'string' ? app : undefined;
  } catch {
    return undefined; // findAppModule reports the unreadable file
  }
}

/**
 * Compiles the app before the CLI loads it, exactly as `cdk8s synth` does: by running the build steps of
 * cdk8s.yaml's `app` command (`npx tsc` in a project `init` wrote), in the project folder. So the CLI never runs
 * the output of an older edit. Only when the app module is the one cdk8s.yaml names (an `--app` module is loaded
 * as it is). The build's output goes to stderr, and only when it fails. Returns the command it ran.
 */
export function buildApp(explicit: string | undefined, cwd = process.cwd()): string | undefined {
  const command = cdk8sAppCommand(cwd);
  if (!command || (explicit && path.resolve(cwd, explicit) !== path.resolve(cwd, moduleOfCommand(command) ?? ''))) return undefined;
  const steps = buildStepsOfCommand(command);
  if (!steps) return undefined;
  const r = spawnSync(steps, { cwd, shell: true, encoding: 'utf8', env: process.env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  if (r.error || r.status !== 0) {
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
    if (output) process.stderr.write(`${output}\n`);
    throw new ConfigError({
      path: `${path.join(cwd, 'cdk8s.yaml')} app`,
      problem: `the build before the app failed (${r.error ? r.error.message : `exit ${r.status}`}); its output is above`,
      value: steps,
      fix: 'fix the errors it printed (file:line), then run again; --no-build loads the last compiled output instead',
    });
  }
  return steps;
}

function registerTypeScript(file: string): void {
  if (!file.endsWith('.ts') || process.env.JEST_WORKER_ID || (require.extensions as Record<string, unknown> | undefined)?.['.ts']) return;
  let tsNode: string;
  try {
    tsNode = require.resolve('ts-node/register/transpile-only', { paths: [path.dirname(file), process.cwd()] });
  } catch {
    throw new ConfigError({
      path: '--app',
      problem: 'the app is a TypeScript file, and ts-node is not installed to run it',
      value: file,
      fix: 'compile it first (npm run build / npx tsc) and point --app or cdk8s.yaml at the .js file, or install ts-node',
    });
  }
  require(tsNode);
}

/** Loads the app module and returns its app(s); every failure is a ConfigError that names the module. */
export function loadApp(explicit?: string, cwd = process.cwd()): LoadedApp {
  const file = findAppModule(explicit, cwd);
  if (!fs.existsSync(file)) {
    throw new ConfigError({
      path: '--app',
      problem: 'the app module does not exist',
      value: file,
      fix: /(^|[\\/])lib[\\/]/.test(file) ? 'compile the project first (npm run build)' : 'check the path given by --app or cdk8s.yaml',
    });
  }
  registerTypeScript(file);
  let exported: any;
  let built: App | undefined;
  const apps = captureApps(() => {
    try {
      exported = require(file);
      if (typeof exported?.buildApp === 'function') built = exported.buildApp();
    } catch (e) {
      if (e instanceof ConfigError || (e instanceof Error && (e.name === 'ConfigError' || e.name === 'SynthError'))) throw e;
      if (!(e instanceof Error) && !(e && typeof e === 'object' && 'message' in e)) {
        // `throw null`, `throw "text"`, `throw 42`: a value, not an Error, so there is no stack to point at
        throw new ConfigError({
          path: file,
          problem: `loading the app failed: it threw ${e === null ? 'null' : e === undefined ? 'undefined' : `a ${typeof e}`}, not an Error`,
          value: typeof e === 'string' || typeof e === 'number' || typeof e === 'boolean' ? e : String(e),
          fix: 'throw new Error("...") with a message in the app (or find the library call that throws this value), rebuild and run again',
        });
      }
      const err = e as Error;
      const first = (err.stack ?? String(err)).split('\n').find((l) => l.includes(file) || /\.(js|ts):\d+/.test(l));
      throw new ConfigError({
        path: file,
        problem: `loading the app failed: ${err.name ?? 'Error'}: ${String(err.message).split('\n')[0]}`,
        value: first?.trim(),
        fix: err?.name === 'SyntaxError' ? 'fix the syntax error (npx tsc shows it with its line), rebuild and run again' : 'fix the error in the app module, rebuild and run again',
      });
    }
  });
  const candidates: unknown[] = [...apps, built, exported?.app, exported?.default, exported];
  const app = candidates.find((c): c is App => !!c && typeof c === 'object' && typeof (c as App).node?.findAll === 'function' && !(c as App).node.scope);
  if (!app) {
    throw new ConfigError({
      path: file,
      problem: 'the module builds no app: it neither calls synth() on a StorageApp nor exports buildApp() or an app',
      allowed: 'const app = new StorageApp(); ...sites...; app.synth();  (or export function buildApp(): App)',
      fix: 'end the module with app.synth(), or point --app at the module that does',
    });
  }
  if (!app.node.findAll().some(Site.isSite)) {
    throw new ConfigError({ path: file, problem: 'the app has no Site', fix: 'add a Site: new Site(app, "my-site", { kubernetesVersion: "1.33.0", ... })' });
  }
  return { app, module: file };
}
