/**
 * How the operator upgrades the cluster and handles OSDs that are out (top-level CephCluster fields).
 *
 * Part of the RookCluster room (src/rook/cluster/); `rook-cluster.ts` plugs it in. Field names, types and ranges
 * follow the pinned CephCluster CRDs; a field the pinned version does not declare is refused through the version gates.
 */
/** How the operator upgrades the cluster and handles OSDs that are out. */
export interface RookClusterUpgradeKnobsProps {
  /** Upgrade without Rook's checks that the daemons are ok-to-stop. @default - Rook's default (false) */
  readonly skipUpgradeChecks?: boolean;
  /** Go on with an upgrade after the checks even when the cluster is not healthy. @default - Rook's default (false) */
  readonly continueUpgradeAfterChecksEvenIfNotHealthy?: boolean;
  /** Minutes the operator waits for an upgraded OSD to be healthy before it goes on (or stops, see continueUpgradeAfterChecksEvenIfNotHealthy). Not on Rook v1.2.7. @default - Rook's default (10) */
  readonly waitTimeoutForHealthyOSDInMinutes?: number;
  /** Upgrade OSDs only when every placement group is clean. Rook v1.20.6 only. @default - Rook's default (false) */
  readonly upgradeOSDRequiresHealthyPGs?: boolean;
  /** Let the operator remove the deployment of an OSD that is out and safe to destroy. @default - Rook's default (false) */
  readonly removeOSDsIfOutAndSafeToRemove?: boolean;
}
