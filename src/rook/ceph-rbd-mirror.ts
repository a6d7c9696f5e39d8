import { ApiObject } from 'cdk8s';
import { CephRbdMirror as CephRbdMirrorL1 } from './bindings';
import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { dnsLabel, dnsName } from '../foundation/props';
import { Site } from '../site/site';
import { requireFeature } from '../versions';
import { CephBlockPool } from './ceph-block-pool';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { CephBlockPoolRadosNamespace } from './ceph-block-pool-rados-namespace';
import { MirrorDaemonPodProps, mirrorDaemonPodShape, mirrorDaemonPodSpec } from './mirror-daemon';
import { PropsMatch } from '../foundation/props-check';
import { nameOrId, requireSameSite } from '../site/guards';
import { RookResource } from './rook-resource';

const schema = z.strictObject({
  cluster: z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' }),
  name: dnsLabel.optional(),
  count: z.number().int().min(1).max(10).default(1),
  peers: z.strictObject({ secretNames: z.array(dnsName).min(1) }).optional(),
  ...mirrorDaemonPodShape,
});

/** Bootstrap peers of the rbd-mirror daemons. */
export interface CephRbdMirrorPeersProps {
  /** Secrets (in the cluster namespace) holding the peer clusters' bootstrap tokens; references only, never the token. */
  readonly secretNames: string[];
}

/** Props of {@link CephRbdMirror}. */
export interface CephRbdMirrorProps extends MirrorDaemonPodProps {
  /** The cluster whose mirrored pools the daemons replicate. */
  readonly cluster: ICephCluster;
  /** Name of the CephRBDMirror. @default - the construct id */
  readonly name?: string;
  /** Number of rbd-mirror daemons, 1..10. @default 1 */
  readonly count?: number;
  /** Peer clusters. @default - none (set the peers on the pools) */
  readonly peers?: CephRbdMirrorPeersProps;
}
const _rbdMirrorProps: PropsMatch<CephRbdMirrorProps, z.input<typeof schema>> = true;
/** Props of {@link RookCluster.addRbdMirror}: those of {@link CephRbdMirrorProps} but the cluster, which is the parent. */
export interface CephRbdMirrorOptions extends Omit<CephRbdMirrorProps, 'cluster'> {}

/**
 * A `CephRBDMirror`: the rbd-mirror daemons that replicate the cluster's mirrored pools (`CephBlockPool` with
 * `mirroring`) and RADOS namespaces to peer clusters. A daemon without any mirrored pool in its cluster is an error.
 */
export class CephRbdMirror extends RookResource<InstanceType<typeof CephRbdMirrorL1>> {
  public readonly mirrorName: string;
  public readonly cluster: ICephCluster;
  public declare readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: CephRbdMirrorProps) {
    super(scope, id);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    requireFeature(site.versions, 'cephMirroring', this.node.path, 'on Rook 1.2 rbd-mirror daemons are CephCluster spec.rbdMirroring; pin a newer version');
    const p = parseProps(this.node.path, schema, props);
    requireSameSite(this, 'cluster', p.cluster, 'cluster');
    this.cluster = p.cluster;
    this.mirrorName = nameOrId(this.node.path, p.name, id, dnsLabel, 'CephRBDMirror');
    this.createResource(CephRbdMirrorL1, { name: this.mirrorName, namespace: p.cluster.namespace }, {
      spec: {
        count: p.count,
        peers: p.peers,
        ...mirrorDaemonPodSpec(p),
      },
    }, 'pools');
    this.node.addValidation({ validate: () => this.checkMirroredPools(site) });
  }

  private checkMirroredPools(site: Site): string[] {
    const ns = this.cluster.namespace;
    const pools = site.findAll(CephBlockPool).filter((b) => b.namespace === ns);
    if (pools.some((b) => b.mirrored) || site.findAll(CephBlockPoolRadosNamespace).some((r) => r.namespace === ns && r.mirrored)) return [];
    return [new ConfigError({
      path: `${this.node.path}: cluster`,
      problem: `no pool of cluster namespace "${ns}" is mirrored; the rbd-mirror daemons would run and replicate nothing`,
      value: pools.map((b) => b.poolName),
      allowed: 'at least one CephBlockPool of the cluster with mirroring: { mode: "image" | "pool" }',
      fix: pools.length ? `add mirroring: { mode: 'image' } to a pool (e.g. "${pools[0].poolName}"), or remove the CephRbdMirror` : 'add a mirrored pool (cluster.addPool(id, { replicated: { size: 3 }, mirroring: { mode: \'image\' } })), or remove the CephRbdMirror',
    }).message];
  }
}
