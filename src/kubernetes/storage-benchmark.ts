/**
 * `StorageBenchmark`: fio against one StorageClass of the site — a PVC of that class and a Job that runs four fio
 * tests on it (4k random read, 4k random write, 1M sequential read, 1M sequential write) and prints fio's report,
 * so `kubectl logs job/<name>` is the result. Class-agnostic: any StorageClass construct of the same Site.
 *
 * Not run on sync by default: the Job is created suspended (`spec.suspend: true`, Kubernetes 1.22+) and started by
 * hand. The GitOps engines are told that `/spec/suspend` is the user's (`ignoreLiveChanges`), so Argo CD's self-heal
 * does not suspend a running benchmark again and Flux creates the Job once without updating it.
 */
import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { z } from 'zod';
import { KubeJob, KubePersistentVolumeClaim, Quantity } from '../../imports/k8s';
import { ignoreLiveChanges, place } from '../site/layers';
import { requireFeature } from '../versions';
import { ConfigError, parseProps } from '../foundation/errors';
import { ensureNamespace } from '../site/namespace';
import { PropsMatch } from '../foundation/props-check';
import { dnsLabel } from '../foundation/props';
import { Site } from '../site/site';
import { StorageConstruct } from '../site/storage-construct';

/** What the benchmark needs of a StorageClass construct (every StorageClass construct of this library has it). */
export interface IBenchmarkStorageClass extends IConstruct {
  /** `metadata.name` of the StorageClass. */
  readonly storageClassName: string;
  /** The StorageClass object. */
  readonly resource: ApiObject;
}

/** True for a StorageClass construct: a construct with a `storageClassName` and a StorageClass `resource`. */
export function isStorageClassConstruct(x: unknown): x is IBenchmarkStorageClass {
  const c = x as IBenchmarkStorageClass;
  return x instanceof Construct && typeof c.storageClassName === 'string' && c.resource instanceof ApiObject && c.resource.kind === 'StorageClass';
}

/** Default image: fio with a POSIX shell. */
export const FIO_IMAGE = 'docker.io/xridge/fio:3.13';

/** The four fio tests, in the order they run: [fio --rw, --bs]. */
export const FIO_TESTS: readonly (readonly [string, string])[] = [['randread', '4k'], ['randwrite', '4k'], ['read', '1M'], ['write', '1M']];

const SIZE = /^([1-9][0-9]*)(Mi|Gi|Ti)$/;

const storageBenchmarkSchema = z.strictObject({
  storageClass: z.custom<IBenchmarkStorageClass>(isStorageClassConstruct, {
    message: 'not a StorageClass construct (CephRbdStorageClass, CephFsStorageClass, CephFsExternalStorageClass, TopoLVMStorageClass, FlexStorageClass)',
  }),
  name: dnsLabel.optional(),
  namespace: dnsLabel.default('storage-benchmark'),
  size: z.string().regex(SIZE, { message: 'not a size in Mi, Gi or Ti (e.g. "10Gi")' }).default('10Gi'),
  runtimeSeconds: z.number().int().min(10).max(3600).default(60),
  iodepth: z.number().int().min(1).max(256).default(32),
  image: z.string().min(1).regex(/^\S+$/, { message: 'not an image reference (no spaces)' }).default(FIO_IMAGE),
  runOnSync: z.boolean().default(false),
});

/** Props of {@link StorageBenchmark}. */
export interface StorageBenchmarkProps {
  /** The StorageClass construct to measure; it must belong to the same Site. */
  readonly storageClass: IBenchmarkStorageClass;
  /** Name of the Job and of its PVC. @default 'fio-<storage class name>' (dots become "-") */
  readonly name?: string;
  /** Namespace of the Job and the PVC (the Namespace is emitted too). @default 'storage-benchmark' */
  readonly namespace?: string;
  /** Size of the PVC, in Mi, Gi or Ti, at least 1Gi; fio works on a file of 80 % of it. @default '10Gi' */
  readonly size?: string;
  /** Seconds each of the four fio tests runs, after a 5 s ramp-up. @default 60 */
  readonly runtimeSeconds?: number;
  /** I/O depth of each test (fio `--iodepth`, libaio, direct I/O). @default 32 */
  readonly iodepth?: number;
  /** Image with fio and `/bin/sh`. @default 'docker.io/xridge/fio:3.13' */
  readonly image?: string;
  /**
   * Run as soon as the GitOps engine (or `kubectl apply`) creates the Job. By default the Job is created suspended
   * and started by hand, which needs Kubernetes 1.22 or later. @default false
   */
  readonly runOnSync?: boolean;
}
const _storageBenchmarkProps: PropsMatch<StorageBenchmarkProps, z.input<typeof storageBenchmarkSchema>> = true;

function mebibytes(size: string): number {
  const [, n, unit] = SIZE.exec(size)!;
  return Number(n) * (unit === 'Mi' ? 1 : unit === 'Gi' ? 1024 : 1024 * 1024);
}

/** The shell script of the Job: the four fio tests, each headed by a line naming it, then the test file removed. */
export function fioScript(o: { storageClass: string; fileMiB: number; runtimeSeconds: number; iodepth: number }): string {
  return [
    'set -eu',
    `echo "fio on StorageClass ${o.storageClass}: ${o.fileMiB} MiB file, ${o.runtimeSeconds} s per test, iodepth ${o.iodepth}"`,
    `for t in ${FIO_TESTS.map(([rw, bs]) => `"${rw} ${bs}"`).join(' ')}; do`,
    '  set -- $t',
    '  echo',
    '  echo "=== $1 bs=$2"',
    `  fio --name="$1-$2" --directory=/data --filename=fio.dat --size=${o.fileMiB}M --rw="$1" --bs="$2" --ioengine=libaio --direct=1 --iodepth=${o.iodepth} --numjobs=1 --time_based --runtime=${o.runtimeSeconds} --ramp_time=5 --group_reporting`,
    'done',
    'rm -f /data/fio.dat',
  ].join('\n');
}

/**
 * fio against a StorageClass of the site: a PVC of that class and a Job in the tools layer (see the file comment).
 * Start it with {@link startCommand}, read the result with {@link logsCommand}.
 */
export class StorageBenchmark extends StorageConstruct {
  /** Name of the Job and the PVC. */
  public readonly jobName: string;
  /** Namespace of the Job and the PVC. */
  public readonly namespace: string;
  /** The Job. */
  public readonly job: ApiObject;
  /** The PVC. */
  public readonly claim: ApiObject;
  /** Whether the Job is created suspended. */
  public readonly suspended: boolean;

  constructor(scope: Construct, id: string, props: StorageBenchmarkProps) {
    super(scope, id);
    const site = Site.of(this);
    const p = parseProps(this.node.path, storageBenchmarkSchema, props);
    const sc = p.storageClass;
    const scSite = Site.of(sc);
    if (scSite !== site) {
      const own = site.node.findAll().filter((c): c is IBenchmarkStorageClass => isStorageClassConstruct(c)).map((c) => `"${c.storageClassName}"`);
      throw new ConfigError({
        path: `${this.node.path}: storageClass`,
        problem: `StorageClass "${sc.storageClassName}" belongs to site "${scSite.siteName}", not to "${site.siteName}"; the PVC would name a class that does not exist in this cluster and stay Pending`,
        value: sc.node.path,
        allowed: own.length > 0 ? `a StorageClass construct of site "${site.siteName}": ${own.join(', ')}` : `a StorageClass construct of site "${site.siteName}" (it has none yet)`,
        fix: `pass a StorageClass construct created in site "${site.siteName}"`,
      });
    }
    if (mebibytes(p.size) < 1024) {
      throw new ConfigError({
        path: `${this.node.path}: size`,
        problem: 'the volume is too small for a meaningful benchmark (fio would mostly measure caches)',
        value: p.size,
        allowed: '1Gi or more',
        fix: 'e.g. size: "10Gi"',
      });
    }
    this.suspended = !p.runOnSync;
    if (this.suspended) {
      requireFeature(site.versions, 'jobSuspend', `${this.node.path}: runOnSync`,
        'set runOnSync: true (the Job then runs when it is applied: with Argo CD automated sync or Flux, right after the classes layer), or pin Kubernetes 1.22 or later');
    }
    const defaultName = `fio-${sc.storageClassName.replace(/\./g, '-')}`;
    this.jobName = p.name ?? defaultName;
    if (!dnsLabel.safeParse(this.jobName).success) {
      throw new ConfigError({
        path: `${this.node.path}: name`,
        problem: `the Job name derived from StorageClass "${sc.storageClassName}" is not a DNS-1123 label of at most 63 characters (the Job controller puts it in the job-name label of its pod)`,
        value: this.jobName,
        allowed: 'lower-case letters, digits and "-", at most 63 characters',
        fix: 'set name',
      });
    }
    this.namespace = p.namespace;
    ensureNamespace(site, this.namespace);
    const labels = { app: this.jobName };

    this.claim = place(new KubePersistentVolumeClaim(this, 'Claim', {
      metadata: { name: this.jobName, namespace: this.namespace, labels },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: sc.storageClassName,
        resources: { requests: { storage: Quantity.fromString(p.size) } },
      },
    }), 'tools');

    const script = fioScript({ storageClass: sc.storageClassName, fileMiB: Math.floor(mebibytes(p.size) * 0.8), runtimeSeconds: p.runtimeSeconds, iodepth: p.iodepth });
    this.job = place(new KubeJob(this, 'Resource', {
      metadata: { name: this.jobName, namespace: this.namespace, labels },
      spec: {
        suspend: this.suspended ? true : undefined,
        // one attempt: a retried benchmark would mix the logs of two runs
        backoffLimit: 0,
        template: {
          metadata: { labels },
          spec: {
            restartPolicy: 'Never',
            containers: [{
              name: 'fio',
              image: p.image,
              command: ['/bin/sh', '-c', script],
              volumeMounts: [{ name: 'data', mountPath: '/data' }],
            }],
            volumes: [{ name: 'data', persistentVolumeClaim: { claimName: this.jobName } }],
          },
        },
      },
    }), 'tools');
    // the user resumes the Job by hand: no engine may report that as drift or suspend it again
    if (this.suspended) ignoreLiveChanges(this.job, ['/spec/suspend']);
  }

  /** The command that starts a suspended benchmark. */
  public get startCommand(): string {
    return `kubectl -n ${this.namespace} patch job/${this.jobName} --type=merge -p '{"spec":{"suspend":false}}'`;
  }

  /** The command that prints the results. */
  public get logsCommand(): string {
    return `kubectl -n ${this.namespace} logs -f job/${this.jobName}`;
  }
}
