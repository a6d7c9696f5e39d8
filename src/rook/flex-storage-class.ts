/**
 * A StorageClass of Rook's FlexVolume provisioner (`ceph.rook.io/block`), Rook ≤ 1.7 only.
 *
 * The flex provisioner accepts exactly `blockPool`, `clusterNamespace`, `fstype` and `dataBlockPool`
 * (`rook/rook@v1.7.11:pkg/operator/ceph/provisioner/provisioner.go`); any other key fails every PVC with
 * "invalid option", so unknown parameters are rejected here.
 */
import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { requireSameSite } from '../site/guards';
import { dnsName } from '../foundation/props';
import { Site } from '../site/site';
import { StorageClassConstruct, storageClassShape } from '../site/storage-class';
import { requireFeature } from '../versions';
import { CephBlockPool } from './ceph-block-pool';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { FlexVolume } from './flex-volume';
import { CephRbdStorageClass } from './ceph-rbd-storage-class';
import { StorageClassBaseProps } from '../site/common-props';
import { PropsMatch } from '../foundation/props-check';
import { StorageConstruct } from '../site/storage-construct';

export const FLEX_PROVISIONER = 'ceph.rook.io/block';

/** Parameters the flex provisioner understands (case-insensitive), with the prop that sets each. */
const KNOWN_PARAMETERS: Record<string, string> = {
  blockpool: 'pool', pool: 'pool', clusternamespace: 'cluster', clustername: 'cluster', fstype: 'fsType', datablockpool: 'dataPool',
};

const poolRef = z.union([z.lazy(() => z.instanceof(CephBlockPool)), dnsName]);

const schema = z.strictObject({
  ...storageClassShape,
  cluster: z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' }).optional(),
  pool: poolRef,
  dataPool: poolRef.optional(),
  fsType: z.enum(['ext4', 'xfs']).default('ext4'),
  parameters: z.record(z.string(), z.string()).optional(),
});

/** Props of {@link FlexStorageClass}. */
export interface FlexStorageClassProps extends StorageClassBaseProps {
  /** The cluster; its namespace becomes `clusterNamespace`. Required when `pool` is a name. @default - the cluster of `pool` when that is a CephBlockPool */
  readonly cluster?: ICephCluster;
  /** `blockPool`: the replicated pool of the images (with `dataPool`: their metadata), a CephBlockPool or its name. */
  readonly pool: CephBlockPool | string;
  /** `dataBlockPool`: an erasure-coded pool holding the image data. @default - none, data in `pool` */
  readonly dataPool?: CephBlockPool | string;
  /** `fstype` of the volumes. @default 'ext4' */
  readonly fsType?: 'ext4' | 'xfs';
  /**
   * Extra parameters. The flex provisioner knows no others, so every key here is an error naming the prop to
   * use; the field exists so that parameters copied from upstream examples fail at synth, not at PVC time.
   * @default - none
   */
  readonly parameters?: Record<string, string>;
}
const _flexStorageClassProps: PropsMatch<FlexStorageClassProps, z.input<typeof schema>> = true;

/** A FlexVolume StorageClass, checked against the site's pools, cluster namespace and FlexVolume settings. */
export class FlexStorageClass extends StorageClassConstruct {
  public readonly cluster: ICephCluster;
  public readonly provisioner = FLEX_PROVISIONER;
  private readonly config: z.output<typeof schema>;

  constructor(scope: Construct, id: string, props: FlexStorageClassProps) {
    super(scope, id);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    requireFeature(site.versions, 'flexVolume', this.node.path,
      'Rook 1.7.x (v1.7.11 here) is the last release with FlexVolume: use CephRbdStorageClass (CSI) on this version, and convert flex volumes to CSI before upgrading past 1.7');
    const p = parseProps(this.node.path, schema, props);
    this.config = p;
    for (const key of Object.keys(p.parameters ?? {})) {
      const prop = Object.prototype.hasOwnProperty.call(KNOWN_PARAMETERS, key.toLowerCase()) ? KNOWN_PARAMETERS[key.toLowerCase()] : undefined;
      if (prop) {
        throw new ConfigError({
          path: `${this.node.path}: parameters.${key}`,
          problem: `"${key}" is set by the typed prop "${prop}"; setting it twice is ambiguous`,
          value: key, allowed: 'no parameters (use the typed props)', fix: `remove parameters.${key} and set ${prop}`,
        });
      }
      const hint = /^mount(user|secret)$/i.test(key)
        ? 'mountUser/mountSecret are per-volume attach options of the agent, not StorageClass parameters in Rook 1.7'
        : /^csi\.storage\.k8s\.io\/|^(clusterID|imageFeatures|imageFormat)$/i.test(key)
          ? 'this is a CSI parameter: use CephRbdStorageClass for a CSI class'
          : 'the flex provisioner rejects every PVC of this class with "invalid option"';
      throw new ConfigError({
        path: `${this.node.path}: parameters.${key}`,
        problem: `unknown FlexVolume StorageClass parameter "${key}": ${hint}`,
        value: key,
        allowed: 'blockPool (prop pool), clusterNamespace (prop cluster), fstype (prop fsType), dataBlockPool (prop dataPool)',
        fix: `remove parameters.${key}`,
      });
    }
    requireSameSite(this, 'cluster', p.cluster, 'cluster');
    requireSameSite(this, 'pool', p.pool, 'pool');
    requireSameSite(this, 'dataPool', p.dataPool, 'pool');
    const cluster = p.cluster ?? (p.pool instanceof CephBlockPool ? p.pool.cluster : undefined);
    if (!cluster) {
      throw new ConfigError({ path: `${this.node.path}: cluster`, problem: 'the cluster is unknown: pool is given by name', fix: 'pass cluster: <RookCluster>, or pass the CephBlockPool object as pool' });
    }
    if (p.pool instanceof CephBlockPool && p.cluster && p.pool.namespace !== p.cluster.namespace) {
      throw new ConfigError({ path: `${this.node.path}: pool`, problem: `pool "${p.pool.poolName}" is in namespace "${p.pool.namespace}", not in the cluster namespace "${p.cluster.namespace}"`, value: p.pool.poolName, fix: 'use a pool of the same cluster' });
    }
    this.cluster = cluster;
    this.nameClass(p.name);
    const names = this.poolNames;
    this.createStorageClass({
      ...p,
      provisioner: FLEX_PROVISIONER,
      parameters: {
        blockPool: names.pool,
        dataBlockPool: names.dataPool,
        // always explicit: the provisioner's default is "rook", which is rarely the cluster namespace
        clusterNamespace: cluster.namespace,
        fstype: p.fsType,
      },
    });
    this.node.addValidation({ validate: () => [...this.checkPools(site), ...this.checkDriver(site)] });
    FlexMigrationNote.ensure(site);
  }

  public get fsType(): string {
    return this.config.fsType;
  }

  /** Names of the pools this class uses. */
  public get poolNames(): { pool: string; dataPool?: string } {
    const n = (x: CephBlockPool | string) => (x instanceof CephBlockPool ? x.poolName : x);
    return { pool: n(this.config.pool), dataPool: this.config.dataPool ? n(this.config.dataPool) : undefined };
  }

  private checkDriver(site: Site): string[] {
    const flex = site.findAll(FlexVolume);
    if (flex.some((f) => f.enabled)) return [];
    return [new ConfigError({
      path: this.node.path,
      problem: flex.length === 0
        ? 'the site has no FlexVolume settings: the operator does not start the flex driver, so PVCs of this class stay Pending'
        : 'the site\'s FlexVolume settings disable the driver (enabled: false), so PVCs of this class stay Pending',
      allowed: 'a FlexVolume construct with enabled: true in the same site',
      fix: 'add new FlexVolume(site, \'flex\', { platform: ... }) (or set enabled: true)',
    }).message];
  }

  private checkPools(site: Site): string[] {
    const out: string[] = [];
    const pools = site.findAll(CephBlockPool).filter((b) => b.namespace === this.cluster.namespace);
    const known = [...pools.map((b) => b.poolName), ...(this.cluster.knownPools ?? [])];
    const check = (field: 'pool' | 'dataPool', param: string, name: string | undefined, wantEc: boolean) => {
      if (!name) return;
      const bp = pools.find((b) => b.poolName === name);
      if (!bp) {
        if (this.cluster.knownPools?.includes(name)) return;
        out.push(new ConfigError({
          path: `${this.node.path}: ${field}`,
          problem: `pool "${name}" (${param}) does not exist in cluster namespace "${this.cluster.namespace}" of this site; PVCs would stay Pending`,
          value: name,
          allowed: known.length ? known.map((k) => `"${k}"`).join(', ') : '(the site has no pools in that namespace)',
          fix: `add the pool (cluster.addPool('${name}', ...)) or name an existing one`,
        }).message);
        return;
      }
      if (wantEc && !bp.isErasureCoded) {
        out.push(new ConfigError({ path: `${this.node.path}: dataPool`, problem: `dataPool "${name}" is replicated; dataBlockPool is for the erasure-coded data pool`, value: name, allowed: pools.filter((b) => b.isErasureCoded).map((b) => `"${b.poolName}"`).join(', ') || '(no erasure-coded pools)', fix: 'name an erasureCoded pool as dataPool, or drop dataPool' }).message);
      }
      if (!wantEc && bp.isErasureCoded) {
        out.push(new ConfigError({
          path: `${this.node.path}: pool`,
          problem: `pool "${name}" is erasure-coded; blockPool holds the image metadata and must be replicated`,
          value: name,
          allowed: pools.filter((b) => !b.isErasureCoded).map((b) => `"${b.poolName}"`).join(', ') || '(no replicated pools)',
          fix: `set pool to a replicated pool and dataPool: "${name}"`,
        }).message);
      }
    };
    const names = this.poolNames;
    check('pool', 'blockPool', names.pool, false);
    check('dataPool', 'dataBlockPool', names.dataPool, true);
    return out;
  }
}

/** A CSI class that can take over the volumes of a flex class: same cluster namespace, pool and data pool. */
export function csiTwinOf(flex: FlexStorageClass, csi: readonly CephRbdStorageClass[]): CephRbdStorageClass | undefined {
  const f = flex.poolNames;
  return csi.find((c) => c.cluster.namespace === flex.cluster.namespace && c.poolNames.pool === f.pool && c.poolNames.dataPool === f.dataPool);
}

/** Renders the migration note of a site's flex classes. */
export function flexMigrationNote(siteName: string, rook: string, flex: readonly FlexStorageClass[], csi: readonly CephRbdStorageClass[]): string {
  const rows = flex.map((f) => {
    const twin = csiTwinOf(f, csi);
    const pools = f.poolNames.dataPool ? `${f.poolNames.pool} + data ${f.poolNames.dataPool}` : f.poolNames.pool;
    return `| \`${f.storageClassName}\` | ${f.cluster.namespace} | ${pools} | ${twin ? `\`${twin.storageClassName}\`` : '**none: add a CephRbdStorageClass on the same pool(s)**'} |`;
  });
  const missing = flex.filter((f) => !csiTwinOf(f, csi));
  return [
    `# FlexVolume → CSI before upgrading past Rook 1.7 (site ${siteName}, Rook v${rook})`,
    '',
    'Rook 1.8.0 removed the FlexVolume driver: after the upgrade, pods with flex volumes can no longer mount them.',
    'Every flex volume must be converted to a CSI volume first, while the site still runs Rook 1.7.',
    '',
    '| Flex StorageClass | Cluster namespace | Pool(s) | CSI twin in this site |',
    '|---|---|---|---|',
    ...rows,
    '',
    missing.length === 0
      ? 'Every flex class has a CSI twin.'
      : `${missing.length} flex class(es) have no CSI twin yet: ${missing.map((f) => `\`${f.storageClassName}\``).join(', ')}. Add one before converting.`,
    '',
    'Steps:',
    '1. Upgrade Rook to v1.7.9 or later in the 1.7 line (the migrator needs it) and make sure CSI RBD runs.',
    '2. For each flex class above, have its CSI twin in the site (same pool, same data pool).',
    '3. Convert the PVs with Rook\'s flex-to-CSI migration tool (`Documentation/flex-to-csi-migration.md` of Rook 1.7:',
    '   `persistent-volume-migrator`, RBD only; CephFS flex volumes cannot be migrated and must be copied).',
    '4. When `kubectl get pv -o jsonpath=\'{.items[*].spec.flexVolume.driver}\'` prints nothing, remove the flex',
    '   classes and the FlexVolume settings from the site, then upgrade past 1.7.',
    '',
  ].join('\n');
}

/**
 * One per site: writes `notes/flex-to-csi-migration.md` on Rook 1.7 sites. The note lists every flex class of the
 * site, so its content is produced at render time (after all classes exist).
 */
export class FlexMigrationNote extends StorageConstruct {
  public static ensure(site: Site): void {
    if (!site.node.tryFindChild('FlexMigrationNote')) new FlexMigrationNote(site, 'FlexMigrationNote');
  }

  private constructor(site: Site, id: string) {
    super(site, id);
    const rook = site.versions.rook;
    if (!rook || !rook.startsWith('1.7.')) return;
    site.addArtifact('notes/flex-to-csi-migration.md', () => flexMigrationNote(site.siteName, rook, site.findAll(FlexStorageClass), site.findAll(CephRbdStorageClass)));
  }
}
