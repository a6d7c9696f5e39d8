/** The pod settings the Ceph mirroring daemons share (`CephRBDMirror`, `CephFilesystemMirror`). */
import { dnsName, k8sObject, labels, placement, resourceRequirements } from '../foundation/props';
import { PodPlacementProps, ResourceRequirementsProps } from '../site/common-props';

/** Pod settings of a mirroring daemon. */
export interface MirrorDaemonPodProps {
  /** Placement of the daemon pods. @default - none */
  readonly placement?: PodPlacementProps;
  /** Annotations of the daemon pods. @default - none */
  readonly annotations?: Record<string, unknown>;
  /** Labels of the daemon pods. @default - none */
  readonly labels?: Record<string, string>;
  /** Resources of the daemon pods. @default - none */
  readonly resources?: ResourceRequirementsProps;
  /** PriorityClass of the daemon pods. @default - none */
  readonly priorityClassName?: string;
}

/** Parser of {@link MirrorDaemonPodProps}, spread into each daemon's strict schema. */
export const mirrorDaemonPodShape = {
  placement: placement.optional(),
  annotations: k8sObject.optional(),
  labels: labels.optional(),
  resources: resourceRequirements.optional(),
  priorityClassName: dnsName.optional(),
};

/** The daemon's pod fields of its CR spec. */
export function mirrorDaemonPodSpec(p: MirrorDaemonPodProps): Record<string, unknown> {
  return { placement: p.placement, annotations: p.annotations, labels: p.labels, resources: p.resources, priorityClassName: p.priorityClassName };
}
