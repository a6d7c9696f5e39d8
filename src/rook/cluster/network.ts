/**
 * The network of the Ceph daemons (`network`): provider, address ranges, connections, multi-cluster services.
 *
 * Part of the RookCluster room (src/rook/cluster/); `rook-cluster.ts` plugs it in. Field names, types and ranges
 * follow the pinned CephCluster CRDs; a field the pinned version does not declare is refused through the version gates.
 */
import { z } from 'zod';
import { PropsMatch } from '../../foundation/props-check';

const cidr = z.string().regex(/^[0-9a-fA-F:.]{2,}\/[0-9]{1,3}$/, { message: 'not a CIDR like "192.168.100.0/24"' });

export const networkSchema = z.strictObject({
  provider: z.enum(['host', 'multus']).optional(),
  selectors: z.record(z.string(), z.string()).optional(),
  hostNetwork: z.boolean().optional(),
  ipFamily: z.enum(['IPv4', 'IPv6']).optional(),
  dualStack: z.boolean().optional(),
  addressRanges: z.strictObject({ public: z.array(cidr).optional(), cluster: z.array(cidr).optional() }).optional(),
  connections: z.strictObject({
    encryption: z.strictObject({ enabled: z.boolean().optional() }).optional(),
    compression: z.strictObject({ enabled: z.boolean().optional() }).optional(),
    requireMsgr2: z.boolean().optional(),
  }).optional(),
  multiClusterService: z.strictObject({ enabled: z.boolean().optional(), clusterID: z.string().min(1).optional() }).optional(),
});

/** On or off. */
export interface RookClusterToggleProps {
  /** On. @default - Rook's default (off) */
  readonly enabled?: boolean;
}

/** Settings of the connections between Ceph daemons and clients (msgr2), as in the CephCluster. */
export interface RookClusterNetworkConnectionsProps {
  /** Encrypt the traffic on the wire (msgr2 secure mode). @default - Rook's default (off) */
  readonly encryption?: RookClusterToggleProps;
  /** Compress the traffic on the wire. @default - Rook's default (off) */
  readonly compression?: RookClusterToggleProps;
  /** Only the msgr2 protocol (port 3300), no legacy v1 port. @default - Rook's default (false) */
  readonly requireMsgr2?: boolean;
}

/** CIDRs the Ceph public and cluster networks use (with host networking or multus). */
export interface RookClusterAddressRangesProps {
  /** CIDRs of the public network, e.g. ["192.168.100.0/24"]. @default - none */
  readonly public?: string[];
  /** CIDRs of the cluster (replication) network. @default - none */
  readonly cluster?: string[];
}

/** Multi-cluster services (MCS) export of the mons and OSDs. */
export interface RookClusterMultiClusterServiceProps {
  /** Export the services. @default - Rook's default (false) */
  readonly enabled?: boolean;
  /** Cluster ID of the MCS implementation. @default - none */
  readonly clusterID?: string;
}

/** The network the Ceph daemons use. */
export interface RookClusterNetworkProps {
  /** 'host' networking, or 'multus' with network attachment definitions. @default - the pod network */
  readonly provider?: 'host' | 'multus';
  /** multus only: network selectors, e.g. `{ public: 'ns/public-net', cluster: 'ns/cluster-net' }`; at least one. @default - none */
  readonly selectors?: Record<string, string>;
  /** The legacy switch for host networking (Rook v1.2.7's way); not with `provider`. @default - Rook's default (false) */
  readonly hostNetwork?: boolean;
  /** IP family of the daemons. @default - Rook's default ('IPv4') */
  readonly ipFamily?: 'IPv4' | 'IPv6';
  /** Listen on both IPv4 and IPv6. @default - Rook's default (false) */
  readonly dualStack?: boolean;
  /** CIDRs of the public and cluster networks. Rook v1.20.6. @default - none */
  readonly addressRanges?: RookClusterAddressRangesProps;
  /** Encryption, compression and msgr2 of the connections. Rook v1.20.6. @default - Rook's defaults */
  readonly connections?: RookClusterNetworkConnectionsProps;
  /** Multi-cluster services. Rook v1.20.6. @default - none */
  readonly multiClusterService?: RookClusterMultiClusterServiceProps;
}
const _networkProps: PropsMatch<RookClusterNetworkProps, z.input<typeof networkSchema>> = true;
