import { ApiObject } from 'cdk8s';
import { CephCosiDriverSpecDeploymentStrategy } from '../../imports/ceph.rook.io';
import { CephCosiDriver as CephCosiDriverL1 } from './bindings';
import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { image, placement, resourceRequirements } from '../foundation/props';
import { Site } from '../site/site';
import { requireSameSite } from '../site/guards';
import { requireFeature } from '../versions';
import { PodPlacementProps, ResourceRequirementsProps } from '../site/common-props';
import { PropsMatch } from '../foundation/props-check';
import { RookOperator } from './rook-operator';
import { RookResource } from './rook-resource';

/**
 * The name Rook reconciles a CephCOSIDriver under (CephCOSIDriverName in Rook's pkg/operator/ceph/object/cosi); the
 * driver runs in the operator namespace with the objectstorage-provisioner ServiceAccount (rook-lines/v1.20.6/common.yaml).
 */
export const COSI_DRIVER_NAME = 'ceph-cosi-driver';
/** spec.deploymentStrategy of rook-lines/v1.20.6/crds.yaml CephCOSIDriver. */
export const COSI_DEPLOYMENT_STRATEGIES = ['Never', 'Auto', 'Always'] as const;

const schema = z.strictObject({
  operator: z.lazy(() => z.instanceof(RookOperator, { message: 'not a RookOperator construct' })),
  deploymentStrategy: z.enum(COSI_DEPLOYMENT_STRATEGIES).optional(),
  image: image.optional(),
  objectProvisionerImage: image.optional(),
  placement: placement.optional(),
  resources: resourceRequirements.optional(),
});

/** Props of {@link CephCosiDriver}. */
export interface CephCosiDriverProps {
  /** The Rook operator; the driver runs in its namespace. */
  readonly operator: RookOperator;
  /** When Rook deploys the driver: 'Auto' (Rook decides), 'Always' or 'Never'. @default - Rook's */
  readonly deploymentStrategy?: 'Never' | 'Auto' | 'Always';
  /** Image of the Ceph COSI driver. @default - Rook's */
  readonly image?: string;
  /** Image of the COSI object provisioner sidecar. @default - Rook's */
  readonly objectProvisionerImage?: string;
  /** Placement of the driver pod. @default - none */
  readonly placement?: PodPlacementProps;
  /** Resources of the driver pod. @default - none */
  readonly resources?: ResourceRequirementsProps;
}
const _cosiDriverProps: PropsMatch<CephCosiDriverProps, z.input<typeof schema>> = true;

/**
 * The CephCOSIDriver (one per operator, named `ceph-cosi-driver`): Rook deploys the Ceph driver of the Container Object
 * Storage Interface, so `BucketClass` / `BucketClaim` (objectstorage.k8s.io) get buckets of the site's object stores.
 * The COSI controller and its CRDs are installed outside this library.
 */
export class CephCosiDriver extends RookResource<InstanceType<typeof CephCosiDriverL1>> {
  /** metadata.name: always `ceph-cosi-driver`. */
  public readonly objectName = COSI_DRIVER_NAME;
  public declare readonly namespace: string;
  public declare readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: CephCosiDriverProps) {
    super(scope, id);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    requireFeature(site.versions, 'cephCosiDriver', this.node.path);
    const p = parseProps(this.node.path, schema, props);
    requireSameSite(this, 'operator', p.operator, 'RookOperator');
    const namespace = p.operator.namespace;
    const other = site.findAll(CephCosiDriver).find((d) => d !== this && d.namespace === namespace);
    if (other) {
      throw new ConfigError({
        path: this.node.path,
        problem: `operator namespace "${namespace}" already has a CephCosiDriver (${other.node.path}); Rook reconciles one CephCOSIDriver, named "${COSI_DRIVER_NAME}"`,
        value: this.node.path,
        allowed: 'one CephCosiDriver per RookOperator',
        fix: 'keep one CephCosiDriver and put all its settings there',
      });
    }
    this.createResource(CephCosiDriverL1, { name: COSI_DRIVER_NAME, namespace }, {
      spec: {
        deploymentStrategy: p.deploymentStrategy as CephCosiDriverSpecDeploymentStrategy | undefined,
        image: p.image,
        objectProvisionerImage: p.objectProvisionerImage,
        placement: p.placement,
        resources: p.resources,
      },
    }, 'cluster');
  }
}
