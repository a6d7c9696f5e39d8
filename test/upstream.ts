/**
 * The upstream mirror for tests: `$GITOPS_STORAGE_UPSTREAM`, else ../shared/upstream beside the repo, else none. A
 * folder is a mirror when it holds `kubernetes/` (so an empty or missing folder means "no mirror").
 * The product never needs it (schemas come from the embedded bundle); tests that read upstream files (bundle
 * freshness, vendored operator examples, upstream example manifests) use {@link describeWithUpstream} /
 * {@link testWithUpstream}. Without a mirror their bodies are never run — not even the describe body jest runs
 * while it collects tests — each block counts as one skipped test, and test/global-setup.ts prints one line for
 * the whole run. CI (.ci/run) refuses to run without it, and proves the suite collects without it.
 */
import * as fs from 'fs';
import * as path from 'path';

/** What a mirror holds; its absence means "no mirror". */
const MARKER = 'kubernetes';

function find(): string | undefined {
  const env = process.env.GITOPS_STORAGE_UPSTREAM;
  const dir = env ? path.resolve(env) : path.resolve(__dirname, '..', '..', 'shared', 'upstream');
  return fs.existsSync(path.join(dir, MARKER)) ? dir : undefined;
}

/** The mirror, or undefined when there is none. */
export const UPSTREAM_DIR: string | undefined = find();

/** The one line printed when there is no mirror (by test/global-setup.ts, once per jest run). */
export const NO_MIRROR_LINE = 'upstream mirror not found: the tests that compare with upstream files are skipped '
  + '(set GITOPS_STORAGE_UPSTREAM or put the mirror at ../shared/upstream beside the repository to run them)';

/** A path inside the mirror (only inside {@link describeWithUpstream} / {@link testWithUpstream} bodies). */
export function upstreamPath(...p: string[]): string {
  if (!UPSTREAM_DIR) throw new Error('no upstream mirror: read it only inside describeWithUpstream / testWithUpstream');
  return path.join(UPSTREAM_DIR, ...p);
}

/** `describe` when the mirror exists; otherwise one skipped test in place of the block, whose body is not run. */
export function describeWithUpstream(name: string, fn: () => void): void {
  if (UPSTREAM_DIR) {
    describe(name, fn);
    return;
  }
  test.skip(`${name} (needs the upstream mirror)`, () => undefined);
}

/** `test` when the mirror exists; otherwise skipped. */
export function testWithUpstream(name: string, fn: () => unknown): void {
  if (UPSTREAM_DIR) {
    test(name, fn as () => void);
    return;
  }
  test.skip(`${name} (needs the upstream mirror)`, fn as () => void);
}
