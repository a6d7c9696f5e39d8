import { ApiObject } from 'cdk8s';
import { CephFilesystemMirror } from './bindings';
import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { place } from '../site/layers';
import { dnsLabel } from '../foundation/props';
import { Site } from '../site/site';
import { requireFeature } from '../versions';
import { CephFilesystem } from './ceph-filesystem';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { MirrorDaemonPodProps, mirrorDaemonPodShape, mirrorDaemonPodSpec } from './mirror-daemon';
import { PropsMatch } from '../foundation/props-check';
import { nameOrId, requireSameSite } from '../site/guards';
import { StorageConstruct } from '../site/storage-construct';

const schema = z.strictObject({
  cluster: z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' }),
  name: dnsLabel.optional(),
  ...mirrorDaemonPodShape,
});

/** Props of {@link FilesystemMirror}. */
export interface FilesystemMirrorProps extends MirrorDaemonPodProps {
  /** The cluster whose mirrored filesystems the daemon replicates. */
  readonly cluster: ICephCluster;
  /** Name of the CephFilesystemMirror. @default - the construct id */
  readonly name?: string;
}
const _filesystemMirrorProps: PropsMatch<FilesystemMirrorProps, z.input<typeof schema>> = true;
/** Props of {@link RookCluster.addFilesystemMirror}: those of {@link FilesystemMirrorProps} but the cluster, which is the parent. */
export interface FilesystemMirrorOptions extends Omit<FilesystemMirrorProps, 'cluster'> {}

/**
 * A `CephFilesystemMirror`: the cephfs-mirror daemon that replicates the snapshots of the cluster's mirrored
 * filesystems (`CephFilesystem` with `mirroring`). A daemon without any mirrored filesystem in its cluster is an error.
 */
export class FilesystemMirror extends StorageConstruct {
  public readonly mirrorName: string;
  public readonly cluster: ICephCluster;
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: FilesystemMirrorProps) {
    super(scope, id);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    requireFeature(site.versions, 'cephMirroring', this.node.path);
    const p = parseProps(this.node.path, schema, props);
    requireSameSite(this, 'cluster', p.cluster, 'cluster');
    this.cluster = p.cluster;
    this.mirrorName = nameOrId(this.node.path, p.name, id, dnsLabel, 'CephFilesystemMirror');
    this.resource = place(new CephFilesystemMirror(this, 'Resource', {
      metadata: { name: this.mirrorName, namespace: p.cluster.namespace },
      spec: {
        ...mirrorDaemonPodSpec(p),
      },
    }), 'pools');
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
      fix: all.length ? `add mirroring: { snapshotSchedules: [{ path: '/', interval: '24h' }] } to filesystem "${all[0].filesystemName}", or remove the FilesystemMirror` : 'add a CephFilesystem with mirroring, or remove the FilesystemMirror',
    }).message];
  }
}
