/**
 * The cleanup policy options of `confirmDataDestruction()`: parsing, rendering, version gates.
 *
 * Part of the RookCluster room (src/rook/cluster/); `rook-cluster.ts` plugs it in. Field names, types and ranges
 * follow the pinned CephCluster CRDs; a field the pinned version does not declare is refused through the version gates.
 */
import { z } from 'zod';
import { CephClusterSpecCleanupPolicy } from '../../../imports/ceph.rook.io';
import { parseProps } from '../../foundation/errors';
import { PropsMatch } from '../../foundation/props-check';
import { requireFeature, VersionSet } from '../../versions';

const sanitizeSchema = z.strictObject({
  method: z.enum(['quick', 'complete']).default('quick'),
  dataSource: z.enum(['zero', 'random']).default('zero'),
  iteration: z.number().int().min(1).default(1),
});

export const confirmDataDestructionSchema = z.strictObject({
  sanitizeDisks: z.union([z.enum(['quick', 'complete']), sanitizeSchema]).optional(),
  allowUninstallWithVolumes: z.boolean().optional(),
  wipeDevicesFromOtherClusters: z.boolean().optional(),
});

/** How the OSD disks are wiped when a confirmed cluster is deleted. */
export interface ConfirmDataDestructionSanitizeProps {
  /** 'quick' erases the Ceph metadata, 'complete' the whole disk. @default 'quick' */
  readonly method?: 'quick' | 'complete';
  /** What is written: 'zero' or 'random' data. @default 'zero' */
  readonly dataSource?: 'zero' | 'random';
  /** Number of passes, at least 1. @default 1 */
  readonly iteration?: number;
}

/** Options of {@link RookCluster.confirmDataDestruction}. */
export interface ConfirmDataDestructionOptions {
  /** Also wipe the OSD disks: a method ('quick' erases the Ceph metadata, 'complete' the whole disk), or method, data source and passes. @default - the disks are not sanitized */
  readonly sanitizeDisks?: 'quick' | 'complete' | ConfirmDataDestructionSanitizeProps;
  /** Let the deletion go on while PVCs of the cluster still exist (their data is lost). @default - Rook's default (false: the deletion waits) */
  readonly allowUninstallWithVolumes?: boolean;
  /** Also wipe disks that belong to other Ceph clusters. Rook v1.20.6. @default - Rook's default (false) */
  readonly wipeDevicesFromOtherClusters?: boolean;
}
const _confirmProps: PropsMatch<ConfirmDataDestructionOptions, z.input<typeof confirmDataDestructionSchema>> = true;

/** The same options with the object form of sanitizeDisks, so a bad field in it is named (a union only says "invalid"). */
const confirmObjectFormSchema = confirmDataDestructionSchema.extend({ sanitizeDisks: sanitizeSchema.optional() });

/** Parses the options of confirmDataDestruction(); `at` is the construct path and call, for messages. */
export function parseConfirmOptions(at: string, options: ConfirmDataDestructionOptions): z.output<typeof confirmDataDestructionSchema> {
  const objectForm = typeof options?.sanitizeDisks === 'object' && options.sanitizeDisks !== null;
  return objectForm ? parseProps(at, confirmObjectFormSchema, options) : parseProps(at, confirmDataDestructionSchema, options);
}

/** The `cleanupPolicy` of a confirmed destruction. */
export function renderCleanupPolicy(o: z.output<typeof confirmDataDestructionSchema>): CephClusterSpecCleanupPolicy {
  const s = o.sanitizeDisks === undefined ? undefined : typeof o.sanitizeDisks === 'string' ? sanitizeSchema.parse({ method: o.sanitizeDisks }) : o.sanitizeDisks;
  return {
    confirmation: 'yes-really-destroy-data',
    sanitizeDisks: s && { method: s.method, dataSource: s.dataSource, iteration: s.iteration },
    allowUninstallWithVolumes: o.allowUninstallWithVolumes,
    wipeDevicesFromOtherClusters: o.wipeDevicesFromOtherClusters,
  };
}

/** Version gates of the cleanup options. */
export function checkCleanupForVersion(v: VersionSet, path: string, raw: any): void {
  if (raw?.wipeDevicesFromOtherClusters !== undefined) {
    requireFeature(v, 'cephClusterWipeDevicesFromOtherClusters', `${path}: wipeDevicesFromOtherClusters`, 'remove wipeDevicesFromOtherClusters; on this Rook version wipe such disks by hand');
  }
}
