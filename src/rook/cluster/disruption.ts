/**
 * Disruption management (`disruptionManagement`): PodDisruptionBudgets, drains, MachineDisruptionBudgets.
 *
 * Part of the RookCluster room (src/rook/cluster/); `rook-cluster.ts` plugs it in. Field names, types and ranges
 * follow the pinned CephCluster CRDs; a field the pinned version does not declare is refused through the version gates.
 */
import { z } from 'zod';
import { dnsLabel } from '../../foundation/props';
import { PropsMatch } from '../../foundation/props-check';

export const disruptionManagementSchema = z.strictObject({
  managePodBudgets: z.boolean().optional(),
  osdMaintenanceTimeout: z.number().int().min(0).optional(),
  pgHealthCheckTimeout: z.number().int().min(0).optional(),
  pgHealthyRegex: z.string().min(1).optional(),
  manageMachineDisruptionBudgets: z.boolean().optional(),
  machineDisruptionBudgetNamespace: dnsLabel.optional(),
});

/** How OSD disruptions (drains, upgrades) are managed. */
export interface RookClusterDisruptionManagementProps {
  /** Let Rook manage PodDisruptionBudgets of the OSDs, mons and mgrs. @default - Rook's default */
  readonly managePodBudgets?: boolean;
  /** Minutes a failure domain may stay down for maintenance before Rook reacts. @default - Rook's default (30) */
  readonly osdMaintenanceTimeout?: number;
  /** Minutes Rook waits for placement groups to become healthy after a drain. Not on Rook v1.2.7. @default - Rook's default (0) */
  readonly pgHealthCheckTimeout?: number;
  /** Regular expression of the PG states counted as healthy during a drain. Rook v1.20.6. @default - Rook's default */
  readonly pgHealthyRegex?: string;
  /** OpenShift: manage MachineDisruptionBudgets of the OSD machines. Rook v1.7.11 and v1.2.7. @default - Rook's default (false) */
  readonly manageMachineDisruptionBudgets?: boolean;
  /** OpenShift: namespace of the MachineDisruptionBudgets. Rook v1.7.11 and v1.2.7. @default - Rook's default ("openshift-machine-api") */
  readonly machineDisruptionBudgetNamespace?: string;
}
const _disruptionProps: PropsMatch<RookClusterDisruptionManagementProps, z.input<typeof disruptionManagementSchema>> = true;
