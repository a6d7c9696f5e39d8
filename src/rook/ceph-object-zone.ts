import { ApiObject } from 'cdk8s';
import { CephObjectZoneSpecDataPoolCompressionMode, CephObjectZoneSpecMetadataPoolCompressionMode } from '../../imports/ceph.rook.io';
import { CephObjectZone as CephObjectZoneL1 } from './bindings';
import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { dnsLabel } from '../foundation/props';
import { Site } from '../site/site';
import { nameOrId } from '../site/guards';
import { hasFeature, requireFeature } from '../versions';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { checkObjectPoolHosts, checkObjectPools, checkObjectPoolsForVersion, checkSharedPoolRefs, ObjectPoolProps, ObjectSharedPoolsProps, objectPoolsShape, renderObjectPools } from './object-pools';
import { checkRefInSite } from './object-refs';
import { CephObjectZoneGroup } from './ceph-object-zone-group';
import { PropsMatch } from '../foundation/props-check';
import { RookResource } from './rook-resource';

const schema = z.strictObject({
  zoneGroup: z.union([z.lazy(() => z.instanceof(CephObjectZoneGroup)), dnsLabel]),
  cluster: z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' }).optional(),
  name: dnsLabel.optional(),
  ...objectPoolsShape,
  preservePoolsOnDelete: z.boolean().default(true),
  customEndpoints: z.array(z.string().regex(/^https?:\/\/\S+$/, { message: 'not an http(s) URL' })).optional(),
}).superRefine((p, ctx) => {
  checkObjectPools(p, ctx, 'a zone');
  if (!p.metadataPool && !p.sharedPools) {
    ctx.addIssue({ code: 'custom', path: ['metadataPool'], message: 'a zone needs its pools: metadataPool and dataPool, or sharedPools', params: { allowed: 'metadataPool + dataPool, or sharedPools', fix: 'add metadataPool: { replicated: { size: 3 } }, dataPool: { replicated: { size: 3 } }' } });
  }
});

/** Props of {@link CephObjectZone}. */
export interface CephObjectZoneProps {
  /** The zone group: an CephObjectZoneGroup of the site, or the name of one (then `cluster` is required). */
  readonly zoneGroup: CephObjectZoneGroup | string;
  /** The cluster; the zone goes into its namespace. @default - the zone group's cluster */
  readonly cluster?: ICephCluster;
  /** Zone name, also the CephObjectZone name. @default - the construct id */
  readonly name?: string;
  /** Replicated metadata pool of the zone; with `dataPool`, unless `sharedPools`. @default - none */
  readonly metadataPool?: ObjectPoolProps;
  /** Data pool of the zone, replicated or erasure-coded; with `metadataPool`. @default - none */
  readonly dataPool?: ObjectPoolProps;
  /** Pools shared with other zones or stores instead of pools of its own (Rook 1.15+). @default - none */
  readonly sharedPools?: ObjectSharedPoolsProps;
  /** Keep the zone's pools (the objects) when the CephObjectZone is deleted. @default true */
  readonly preservePoolsOnDelete?: boolean;
  /** Endpoints other zones reach this zone at, instead of the RGW Service address. @default - the Service */
  readonly customEndpoints?: string[];
}
const _objectZoneProps: PropsMatch<CephObjectZoneProps, z.input<typeof schema>> = true;

/** A CephObjectZone of a zone group, with its pools; a multisite CephObjectStore names it as `zone`. */
export class CephObjectZone extends RookResource<InstanceType<typeof CephObjectZoneL1>> {
  /** metadata.name of the CephObjectZone. */
  public readonly objectName: string;
  public declare readonly namespace: string;
  public readonly cluster: ICephCluster;
  /** Name of the zone group. */
  public readonly zoneGroupName: string;
  public declare readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: CephObjectZoneProps) {
    super(scope, id);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    requireFeature(site.versions, 'objectMultisite', this.node.path, 'pin Rook v1.7.11 or later for multisite object stores');
    const p = parseProps(this.node.path, schema, props);
    const cluster = p.cluster ?? (p.zoneGroup instanceof CephObjectZoneGroup ? p.zoneGroup.cluster : undefined);
    if (!cluster) {
      throw new ConfigError({ path: `${this.node.path}: cluster`, problem: 'the cluster is unknown: the zone group is given by name', value: p.zoneGroup, fix: 'pass cluster: <RookCluster>, or pass the CephObjectZoneGroup construct as zoneGroup' });
    }
    const v = site.versions;
    checkObjectPoolsForVersion(v, this.node.path, props);
    if (props.preservePoolsOnDelete !== undefined || props.customEndpoints !== undefined) requireFeature(v, 'objectStoreSharedPools', `${this.node.path}: preservePoolsOnDelete / customEndpoints`);
    this.cluster = cluster;
    this.objectName = nameOrId(this.node.path, p.name, id, dnsLabel, 'CephObjectZone');
    const namespace = cluster.namespace;
    this.zoneGroupName = typeof p.zoneGroup === 'string' ? p.zoneGroup : p.zoneGroup.objectName;
    this.createResource(CephObjectZoneL1, { name: this.objectName, namespace }, {
      spec: {
        zoneGroup: this.zoneGroupName,
        ...renderObjectPools<CephObjectZoneSpecMetadataPoolCompressionMode, CephObjectZoneSpecDataPoolCompressionMode>(v, p),
        // the v1.7.11 CRD has no preservePoolsOnDelete on zones (declared with sharedPools, after v1.7.11)
        preservePoolsOnDelete: hasFeature(v, 'objectStoreSharedPools') ? p.preservePoolsOnDelete : undefined,
        customEndpoints: p.customEndpoints,
      },
    }, 'pools', { dataBearing: true });
    this.node.addValidation({
      validate: () => {
        const out = [...checkSharedPoolRefs(this.node.path, this.namespace, p.sharedPools), ...checkObjectPoolHosts(this.node.path, cluster, p)];
        const m = checkRefInSite({
          site, path: this.node.path, field: 'zoneGroup', kind: 'CephObjectZoneGroup', ref: p.zoneGroup, namespace: this.namespace,
          all: site.findAll(CephObjectZoneGroup), fix: 'declare the zone group with new CephObjectZoneGroup(site, id, { realm }) and pass it as zoneGroup',
        });
        return m ? [...out, m] : out;
      },
    });
  }
}
