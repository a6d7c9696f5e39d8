/**
 * The upstream mirror for tests: `$GITOPS_STORAGE_UPSTREAM`, else ../shared/upstream beside the repo, else none.
 * The product never needs it (schemas come from the embedded bundle); tests that read upstream files (bundle
 * freshness, vendored operator examples, upstream example manifests) use {@link describeWithUpstream} and are
 * skipped with one console line when it is absent. CI (.ci/run) refuses to run without it.
 */
import * as fs from 'fs';
import * as path from 'path';

function find(): string | undefined {
  const env = process.env.GITOPS_STORAGE_UPSTREAM;
  if (env) return fs.existsSync(env) ? path.resolve(env) : undefined;
  const beside = path.resolve(__dirname, '..', '..', 'shared', 'upstream');
  return fs.existsSync(beside) ? beside : undefined;
}

/** The mirror, or undefined when there is none. */
export const UPSTREAM_DIR: string | undefined = find();

/** A path inside the mirror (only inside {@link describeWithUpstream} blocks, where the mirror exists). */
export function upstreamPath(...p: string[]): string {
  if (!UPSTREAM_DIR) throw new Error('no upstream mirror: use describeWithUpstream');
  return path.join(UPSTREAM_DIR, ...p);
}

const skipped = new Set<string>();

/** `describe` when the mirror exists; otherwise the block is skipped and one line says why. */
export function describeWithUpstream(name: string, fn: () => void): void {
  if (UPSTREAM_DIR) {
    describe(name, fn);
    return;
  }
  if (!skipped.has(name)) {
    skipped.add(name);
    console.log(`skipped (no upstream mirror: set GITOPS_STORAGE_UPSTREAM or put it at ../shared/upstream): ${name}`);
  }
  describe.skip(name, fn);
}

/** `test` when the mirror exists; otherwise skipped with one console line. */
export function testWithUpstream(name: string, fn: () => unknown): void {
  if (UPSTREAM_DIR) {
    test(name, fn as () => void);
    return;
  }
  console.log(`skipped (no upstream mirror: set GITOPS_STORAGE_UPSTREAM or put it at ../shared/upstream): ${name}`);
  test.skip(name, fn as () => void);
}
