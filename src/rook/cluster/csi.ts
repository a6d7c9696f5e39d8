/**
 * CSI settings of one cluster (`csi`): read affinity, CephFS mount options.
 *
 * Part of the RookCluster room (src/rook/cluster/); `rook-cluster.ts` plugs it in. Field names, types and ranges
 * follow the pinned CephCluster CRDs; a field the pinned version does not declare is refused through the version gates.
 */
import { z } from 'zod';
import { PropsMatch } from '../../foundation/props-check';
import { labels as labelMap } from '../../foundation/props';

const labelKey = z.string().superRefine((k, ctx) => {
  const r = labelMap.safeParse({ [k]: 'x' });
  if (!r.success) ctx.addIssue({ code: 'custom', message: `"${k}" is not a node label key`, params: { allowed: 'a label key such as "topology.kubernetes.io/zone"', fix: 'use a node label key' } });
});

export const csiSchema = z.strictObject({
  readAffinity: z.strictObject({
    enabled: z.boolean().optional(),
    crushLocationLabels: z.array(labelKey).optional(),
  }).optional(),
  cephfs: z.strictObject({
    kernelMountOptions: z.string().min(1).optional(),
    fuseMountOptions: z.string().min(1).optional(),
  }).optional(),
  skipUserCreation: z.boolean().optional(),
});

/** Read affinity of RBD and CephFS clients: read from the OSD nearest to the node. */
export interface RookClusterCsiReadAffinityProps {
  /** Turn read affinity on. @default - Rook's default (false) */
  readonly enabled?: boolean;
  /** Node labels that give a node's CRUSH location. @default - Rook's default (the hostname, zone and region labels) */
  readonly crushLocationLabels?: string[];
}

/** CephFS mount options of the CSI driver. */
export interface RookClusterCsiCephfsProps {
  /** Kernel client mount options, comma separated (e.g. "ms_mode=secure"). @default - none */
  readonly kernelMountOptions?: string;
  /** ceph-fuse mount options. @default - none */
  readonly fuseMountOptions?: string;
}

/** CSI settings of this cluster (Rook v1.20.6). */
export interface RookClusterCsiProps {
  /** Read affinity. @default - Rook's defaults */
  readonly readAffinity?: RookClusterCsiReadAffinityProps;
  /** CephFS mount options. @default - none */
  readonly cephfs?: RookClusterCsiCephfsProps;
  /** Do not create the CSI cephx users (they are created elsewhere). @default - Rook's default (false) */
  readonly skipUserCreation?: boolean;
}
const _csiProps: PropsMatch<RookClusterCsiProps, z.input<typeof csiSchema>> = true;
