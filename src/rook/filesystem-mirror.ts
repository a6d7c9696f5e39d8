import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../core/errors';
import { place } from '../gitops/layers';
import { dnsLabel, dnsName, k8sObject, labels, placement, resourceRequirements } from '../core/props';
import { Site } from '../core/site';
import { requireFeature } from '../versions';
import { CephFilesystem } from './ceph-filesystem';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { PodPlacementProps, ResourceRequirementsProps } from '../core/common-props';
import { PropsMatch } from '../core/props-check';
import { requireSameSite } from '../core/guards';

const schema = z.strictObject({
  cluster: z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' }),
  name: dnsLabel.optional(),
  placement: placement.optional(),
  annotations: k8sObject.optional(),
  labels: labels.optional(),
  resources: resourceRequirements.optional(),
  priorityClassName: dnsName.optional(),
});

/** Props of {@link FilesystemMirror}. */
export interface FilesystemMirrorProps {
  /** The cluster whose mirrored filesystems the daemon replicates. */
  readonly cluster: ICephCluster;
  /** Name of the CephFilesystemMirror. @default - the construct id */
  readonly name?: string;
  /** Placement of the daemon pod. @default - none */
  readonly placement?: PodPlacementProps;
  /** Annotations of the daemon pod. @default - none */
  readonly annotations?: Record<string, unknown>;
  /** Labels of the daemon pod. @default - none */
  readonly labels?: Record<string, string>;
  /** Resources of the daemon pod. @default - none */
  readonly resources?: ResourceRequirementsProps;
  /** PriorityClass of the daemon pod. @default - none */
  readonly priorityClassName?: string;
}
const _filesystemMirrorProps: PropsMatch<FilesystemMirrorProps, z.input<typeof schema>> = true;

/**
 * A `CephFilesystemMirror`: the cephfs-mirror daemon that replicates the snapshots of the cluster's mirrored
 * filesystems (`CephFilesystem` with `mirroring`). A daemon without any mirrored filesystem in its cluster is an error.
 */
export class FilesystemMirror extends Construct {
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
    this.mirrorName = p.name ?? id;
    this.resource = place(new ApiObject(this, 'Resource', {
      apiVersion: 'ceph.rook.io/v1',
      kind: 'CephFilesystemMirror',
      metadata: { name: this.mirrorName, namespace: p.cluster.namespace },
      spec: {
        placement: p.placement,
        annotations: p.annotations,
        labels: p.labels,
        resources: p.resources,
        priorityClassName: p.priorityClassName,
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
