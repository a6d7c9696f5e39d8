/**
 * Stretch clusters (`mon.stretchCluster`): two data zones and an arbiter zone.
 *
 * Part of the RookCluster room (src/rook/cluster/); `rook-cluster.ts` plugs it in. Field names, types and ranges
 * follow the pinned CephCluster CRDs; a field the pinned version does not declare is refused through the version gates.
 */
import { z } from 'zod';
import { PropsMatch } from '../../foundation/props-check';

export const stretchClusterSchema = z.strictObject({
  failureDomainLabel: z.string().min(1).optional(),
  subFailureDomain: z.string().min(1).optional(),
  zones: z.array(z.strictObject({ name: z.string().min(1), arbiter: z.boolean().optional() })),
});

/** A zone of a stretch cluster. */
export interface RookClusterStretchZoneProps {
  /** Value of the failure domain label of the zone's nodes, e.g. "a". */
  readonly name: string;
  /** The zone that runs only the tie-breaker mon. Exactly one zone is the arbiter. @default false */
  readonly arbiter?: boolean;
}

/** A stretch cluster: two data zones and an arbiter zone, 5 mons (2 + 2 + 1). Not on Rook v1.2.7. */
export interface RookClusterStretchProps {
  /** Node label of the zones. @default - Rook's default ("topology.kubernetes.io/zone") */
  readonly failureDomainLabel?: string;
  /** Failure domain inside a zone for the data replicas, e.g. "host". @default - Rook's default ("host") */
  readonly subFailureDomain?: string;
  /** Exactly three zones, one of them `arbiter: true`. */
  readonly zones: RookClusterStretchZoneProps[];
}
const _stretchProps: PropsMatch<RookClusterStretchProps, z.input<typeof stretchClusterSchema>> = true;
