import { ApiObject } from 'cdk8s';
import { CephFilesystemMirror as CephFilesystemMirrorL1 } from './bindings';
import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { dnsLabel } from '../foundation/props';
import { Site } from '../site/site';
import { requireFeature } from '../versions';
import { CephFilesystem } from './ceph-filesystem';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { MirrorDaemonPodProps, mirrorDaemonPodShape, mirrorDaemonPodSpec } from './mirror-daemon';
import { PropsMatch } from '../foundation/props-check';
import { nameOrId, requireSameSite } from '../site/guards';
import { RookResource } from './rook-resource';

const schema = z.strictObject({
  cluster: z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' }),
  name: dnsLabel.optional(),
  ...mirrorDaemonPodShape,
});

/** Props of {@link CephFilesystemMirror}. */
export interface CephFilesystemMirrorProps extends MirrorDaemonPodProps {
  /** The cluster whose mirrored filesystems the daemon replicates. */
  readonly cluster: ICephCluster;
  /** Name of the CephFilesystemMirror. @default - the construct id */
  readonly name?: string;
}
const _filesystemMirrorProps: PropsMatch<CephFilesystemMirrorProps, z.input<typeof schema>> = true;
/** Props of {@link RookCluster.addFilesystemMirror}: those of {@link CephFilesystemMirrorProps} but the cluster, which is the parent. */
export interface CephFilesystemMirrorOptions extends Omit<CephFilesystemMirrorProps, 'cluster'> {}

/**
 * A `CephFilesystemMirror`: the cephfs-mirror daemon that replicates the snapshots of the cluster's mirrored
 * filesystems (`CephFilesystem` with `mirroring`). A daemon without any mirrored filesystem in its cluster is an error.
 */
export class CephFilesystemMirror extends RookResource<InstanceType<typeof CephFilesystemMirrorL1>> {
  public readonly mirrorName: string;
  public readonly cluster: ICephCluster;
  public declare readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: CephFilesystemMirrorProps) {
    super(scope, id);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    requireFeature(site.versions, 'cephMirroring', this.node.path);
    const p = parseProps(this.node.path, schema, props);
    requireSameSite(this, 'cluster', p.cluster, 'cluster');
    this.cluster = p.cluster;
    this.mirrorName = nameOrId(this.node.path, p.name, id, dnsLabel, 'CephFilesystemMirror');
    this.createResource(CephFilesystemMirrorL1, { name: this.mirrorName, namespace: p.cluster.namespace }, {
      spec: {
        ...mirrorDaemonPodSpec(p),
      },
    }, 'pools');
    this.node.addValidation({ validate: () => this.checkMirroredFilesystems(site) });
  }

  private checkMirroredFilesystems(site: Site): string[] {
    const ns = this.cluster.namespace;
    const all = site.findAll(CephFilesystem).filter((f) => f.namespace === ns);
    if (all.some((f) => f.mirrored)) return [];
    return [new ConfigError({
      path: `${this.node.path}: cluster`,
      problem: `no filesystem of cluster namespace "${ns}" is mirrored; the cephfs-mirror daemon would run and replicate nothing`,
      value: all.map((f) => f.filesystemName),
      allowed: 'at least one CephFilesystem of the cluster with mirroring: { ... }',
      fix: all.length ? `add mirroring: { snapshotSchedules: [{ path: '/', interval: '24h' }] } to filesystem "${all[0].filesystemName}", or remove the CephFilesystemMirror` : 'add a CephFilesystem with mirroring, or remove the CephFilesystemMirror',
    }).message];
  }
}
