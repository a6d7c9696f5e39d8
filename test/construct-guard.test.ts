/**
 * One guard for every construct: an empty construct id or one a sibling already has is our ConfigError (where, the
 * value, what is allowed, the fix) in every construct class the package exports, never the constructs library's own
 * error. The guard lives in `StorageConstruct` (src/site/storage-construct.ts) and `constructId`; a new construct
 * that skips it fails here.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { Construct } from 'constructs';
import * as lib from '../src';
import { ConfigError } from '../src/foundation/errors';
import { StorageConstruct } from '../src/site/storage-construct';
import { expectHelpful, nonEmpty } from './helpers';

type AnyConstructClass = new (scope: Construct, id: string, props?: unknown) => Construct;

/** Every exported class that is a construct, but the App (`StorageApp`, the root: it has no scope and no id). */
const constructClasses: [string, AnyConstructClass][] = Object.entries(lib)
  .filter(([, v]) => typeof v === 'function' && v.prototype instanceof Construct && v !== lib.StorageApp)
  // the 0.1 names (src/deprecated-names.ts) are the same classes under another name
  .filter(([k, v]) => (v as { name: string }).name === k)
  // abstract bases: never constructed themselves
  .filter(([, v]) => ![StorageConstruct, lib.StorageClassConstruct, lib.SnapshotClassConstruct, lib.RookResource].includes(v as any))
  .map(([k, v]) => [k, v as unknown as AnyConstructClass]);

/** The one ConfigError `fn` throws, with its four parts present. */
function guardError(fn: () => unknown): ConfigError {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  if (!(thrown instanceof ConfigError)) {
    throw new Error(`expected a ConfigError from the construct-id guard, got ${thrown instanceof Error ? `${thrown.constructor.name}: ${thrown.message}` : String(thrown)}`);
  }
  const [problem] = thrown.problems;
  expect(problem.value).toBeDefined();
  expect(problem.allowed).toBeTruthy();
  expect(problem.fix).toBeTruthy();
  return thrown;
}

describe('GIVEN every construct class the package exports', () => {
  test('WHEN they are listed THEN there are many, and every one but Site (a cdk8s Chart) extends StorageConstruct', () => {
    nonEmpty(constructClasses, 'exported construct class');
    expect(constructClasses.length).toBeGreaterThanOrEqual(45);
    const notStorage = constructClasses.filter(([, C]) => !(C.prototype instanceof StorageConstruct)).map(([n]) => n);
    expect(notStorage).toEqual(['Site']);
  });

  test.each(constructClasses)('WHEN a %s is created with an id its scope already has THEN a ConfigError names the id and the fix', (name, C) => {
    const app = new App();
    const taken = new Construct(app, 'taken');
    const err = guardError(() => new C(app, 'taken', {}));
    expectHelpful(err.message, { path: /taken/, value: /taken/, allowed: /an id that no other construct/, fix: new RegExp(`give this ${name} another id`) });
    expect(app.node.children).toEqual([taken]);
  });

  test.each(constructClasses)('WHEN a %s is created with an empty id THEN a ConfigError says the id is empty', (name, C) => {
    const app = new App();
    const err = guardError(() => new C(app, '', {}));
    expectHelpful(err.message, { path: new RegExp(`${name} id`), value: /""/, allowed: /a non-empty string/, fix: /pass an id such as/ });
    expect(app.node.children).toEqual([]);
  });
});

describe('GIVEN the source of the package', () => {
  test('WHEN a class extends Construct directly THEN it is StorageConstruct itself (every other construct inherits the guard)', () => {
    const src = path.resolve(__dirname, '..', 'src');
    const files = (fs.readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    const direct = nonEmpty(files, 'source file').flatMap((f) =>
      [...fs.readFileSync(path.join(src, f), 'utf8').matchAll(/class (\w+)(?:<[^{]*?>)? extends Construct\b(?!<)/g)].map((m) => `${f}: ${m[1]}`));
    expect(direct).toEqual([`site${path.sep}storage-construct.ts: StorageConstruct`]);
  });
});
