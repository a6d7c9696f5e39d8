/** Runs once per jest run, before any test file: says in one line when the upstream mirror is absent. */
import { NO_MIRROR_LINE, UPSTREAM_DIR } from './upstream';

export default function globalSetup(): void {
  if (!UPSTREAM_DIR) process.stderr.write(`\n${NO_MIRROR_LINE}\n`);
}
