/**
 * A Go duration as the CephCluster fields take it (shared by the monitoring and health pieces).
 *
 * Part of the RookCluster room (src/rook/cluster/); `rook-cluster.ts` plugs it in. Field names, types and ranges
 * follow the pinned CephCluster CRDs; a field the pinned version does not declare is refused through the version gates.
 */
import { z } from 'zod';

/** A Go duration as Rook parses it (`time.ParseDuration`), e.g. "45s", "1m30s". */
export const goDuration = z.string().regex(/^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/, { message: 'not a Go duration like "45s" or "1m30s"' });
