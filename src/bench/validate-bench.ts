/**
 * Validator throughput benchmark: ~500 Rook-like objects (CRD kinds and built-ins) generated from the upstream
 * Rook example manifests (read at runtime from the mirror, never copied), written as a folder of YAML files and
 * validated with `validatePaths` (YAML parsing included), after one warm-up pass that compiles the schemas.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { defaultToolMirror } from '../tools/schemas-bundle';
import { resolveUpstreamDir } from '../validation/sources';
import { summarize, Validator } from '../validation/validator';

export interface BenchOptions {
  /** Target object count (default 500). */
  objects?: number;
  upstreamDir?: string;
  kubernetesVersion?: string;
}

export interface BenchResult {
  objects: number;
  seconds: number;
  objectsPerSecond: number;
  /** Construction + first pass (schema loading and compilation). */
  warmupSeconds: number;
  invalid: number;
  errors: number;
}

const EXAMPLES = [
  'pool.yaml',
  'pool-ec.yaml',
  'cluster.yaml',
  'cluster-test.yaml',
  'filesystem.yaml',
  'csi-rbd-storageclass.yaml',
  'csi-cephfs-storageclass.yaml',
  'toolbox.yaml',
];

/** Writes the generated objects into `dir` (one file per example copy) and returns the object count. */
export function generateBenchFolder(dir: string, target = 500, upstreamDir?: string): number {
  const up = resolveUpstreamDir(upstreamDir) ?? defaultToolMirror();
  if (!up) throw new Error('upstream mirror not found (set GITOPS_STORAGE_UPSTREAM)');
  const templates: unknown[][] = EXAMPLES.map((f) =>
    YAML.parseAllDocuments(fs.readFileSync(path.join(up, 'rook', 'v1.20.6', f), 'utf8'))
      .map((d) => d.toJS() as unknown)
      .filter((o) => o && typeof o === 'object'),
  );
  fs.mkdirSync(dir, { recursive: true });
  let n = 0;
  for (let copy = 0; n < target; copy++) {
    for (let t = 0; t < templates.length && n < target; t++) {
      const docs = templates[t].slice(0, target - n).map((o) => {
        const c = JSON.parse(JSON.stringify(o)) as { metadata?: { name?: string } };
        if (c.metadata?.name) c.metadata.name = `${c.metadata.name}-${copy}`;
        return c;
      });
      const text = docs.map((d) => YAML.stringify(d)).join('---\n');
      fs.writeFileSync(path.join(dir, `${String(copy).padStart(3, '0')}-${EXAMPLES[t]}`), text);
      n += docs.length;
    }
  }
  return n;
}

export function benchValidator(opts: BenchOptions = {}): BenchResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-storage-bench-'));
  try {
    const objects = generateBenchFolder(dir, opts.objects ?? 500, opts.upstreamDir);
    const w0 = process.hrtime.bigint();
    const v = new Validator({
      kubernetesVersion: opts.kubernetesVersion ?? '1.33.0',
      crdSources: ['rook@v1.20.6'],
      upstreamDir: opts.upstreamDir,
      ignoreNulls: true,
    });
    v.validatePaths([dir]);
    const w1 = process.hrtime.bigint();
    const results = v.validatePaths([dir]);
    const t1 = process.hrtime.bigint();
    const seconds = Number(t1 - w1) / 1e9;
    const s = summarize(results);
    return {
      objects: s.resources,
      seconds,
      objectsPerSecond: s.resources / seconds,
      warmupSeconds: Number(w1 - w0) / 1e9,
      invalid: s.invalid,
      errors: s.errors,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const r = benchValidator();
  console.log(JSON.stringify(r, null, 2));
  if (r.objects === 0) process.exitCode = 1;
}
