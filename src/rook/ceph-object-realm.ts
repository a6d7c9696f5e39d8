import { ApiObject } from 'cdk8s';
import { CephObjectRealm as CephObjectRealmL1 } from './bindings';
import { Construct } from 'constructs';
import { z } from 'zod';
import { parseProps } from '../foundation/errors';
import { dnsLabel } from '../foundation/props';
import { Site } from '../site/site';
import { nameOrId } from '../site/guards';
import { requireFeature } from '../versions';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { PropsMatch } from '../foundation/props-check';
import { RookResource } from './rook-resource';

const schema = z.strictObject({
  cluster: z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' }),
  name: dnsLabel.optional(),
  pullEndpoint: z.string().regex(/^https?:\/\/\S+$/, { message: 'not an http(s) URL' }).optional(),
});

/** Props of {@link CephObjectRealm}. */
export interface CephObjectRealmProps {
  /** The cluster; the realm goes into its namespace. */
  readonly cluster: ICephCluster;
  /** Realm name, also the CephObjectRealm name. @default - the construct id */
  readonly name?: string;
  /** Endpoint of an RGW of the realm's master zone to pull the realm from (a secondary site), e.g. "http://10.2.105.133:80". @default - none: this site creates the realm */
  readonly pullEndpoint?: string;
}
const _objectRealmProps: PropsMatch<CephObjectRealmProps, z.input<typeof schema>> = true;

/** A CephObjectRealm: the top of an object multisite (realm → zone group → zone → store). */
export class CephObjectRealm extends RookResource<InstanceType<typeof CephObjectRealmL1>> {
  /** metadata.name of the CephObjectRealm. */
  public readonly objectName: string;
  public declare readonly namespace: string;
  public readonly cluster: ICephCluster;
  public declare readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: CephObjectRealmProps) {
    super(scope, id);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    requireFeature(site.versions, 'objectMultisite', this.node.path, 'pin Rook v1.7.11 or later for multisite object stores');
    const p = parseProps(this.node.path, schema, props);
    this.cluster = p.cluster;
    this.objectName = nameOrId(this.node.path, p.name, id, dnsLabel, 'CephObjectRealm');
    const namespace = p.cluster.namespace;
    this.createResource(CephObjectRealmL1, { name: this.objectName, namespace }, {
      spec: p.pullEndpoint ? { pull: { endpoint: p.pullEndpoint } } : undefined,
    }, 'pools', { dataBearing: true });
  }
}
