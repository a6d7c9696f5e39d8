import { ApiObject } from 'cdk8s';
import { CephObjectZoneGroup as CephObjectZoneGroupL1 } from './bindings';
import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { dnsLabel } from '../foundation/props';
import { Site } from '../site/site';
import { nameOrId } from '../site/guards';
import { requireFeature } from '../versions';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { CephObjectRealm } from './ceph-object-realm';
import { checkRefInSite } from './object-refs';
import { PropsMatch } from '../foundation/props-check';
import { RookResource } from './rook-resource';

const schema = z.strictObject({
  realm: z.union([z.lazy(() => z.instanceof(CephObjectRealm)), dnsLabel]),
  cluster: z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' }).optional(),
  name: dnsLabel.optional(),
});

/** Props of {@link CephObjectZoneGroup}. */
export interface CephObjectZoneGroupProps {
  /** The realm of the zone group: an CephObjectRealm of the site, or the name of one (then `cluster` is required). */
  readonly realm: CephObjectRealm | string;
  /** The cluster; the zone group goes into its namespace. @default - the realm's cluster */
  readonly cluster?: ICephCluster;
  /** Zone group name, also the CephObjectZoneGroup name. @default - the construct id */
  readonly name?: string;
}
const _objectZoneGroupProps: PropsMatch<CephObjectZoneGroupProps, z.input<typeof schema>> = true;

/** A CephObjectZoneGroup of a realm; checked to name a realm of the site in its namespace. */
export class CephObjectZoneGroup extends RookResource<InstanceType<typeof CephObjectZoneGroupL1>> {
  /** metadata.name of the CephObjectZoneGroup. */
  public readonly objectName: string;
  public declare readonly namespace: string;
  public readonly cluster: ICephCluster;
  /** Name of the realm. */
  public readonly realmName: string;
  public declare readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: CephObjectZoneGroupProps) {
    super(scope, id);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    requireFeature(site.versions, 'objectMultisite', this.node.path, 'pin Rook v1.7.11 or later for multisite object stores');
    const p = parseProps(this.node.path, schema, props);
    const cluster = p.cluster ?? (p.realm instanceof CephObjectRealm ? p.realm.cluster : undefined);
    if (!cluster) {
      throw new ConfigError({ path: `${this.node.path}: cluster`, problem: 'the cluster is unknown: the realm is given by name', value: p.realm, fix: 'pass cluster: <RookCluster>, or pass the CephObjectRealm construct as realm' });
    }
    this.cluster = cluster;
    this.objectName = nameOrId(this.node.path, p.name, id, dnsLabel, 'CephObjectZoneGroup');
    const namespace = cluster.namespace;
    this.realmName = typeof p.realm === 'string' ? p.realm : p.realm.objectName;
    this.createResource(CephObjectZoneGroupL1, { name: this.objectName, namespace }, {
      spec: { realm: this.realmName },
    }, 'pools', { dataBearing: true });
    this.node.addValidation({
      validate: () => {
        const m = checkRefInSite({
          site, path: this.node.path, field: 'realm', kind: 'CephObjectRealm', ref: p.realm, namespace: this.namespace,
          all: site.findAll(CephObjectRealm), fix: 'declare the realm with new CephObjectRealm(site, id, { cluster }) and pass it as realm',
        });
        return m ? [m] : [];
      },
    });
  }
}
