import { ApiObject } from 'cdk8s';
import { CephObjectRealm } from './bindings';
import { Construct } from 'constructs';
import { z } from 'zod';
import { parseProps } from '../foundation/errors';
import { place } from '../site/layers';
import { dnsLabel } from '../foundation/props';
import { Site } from '../site/site';
import { nameOrId } from '../site/guards';
import { requireFeature } from '../versions';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { PropsMatch } from '../foundation/props-check';
import { StorageConstruct } from '../site/storage-construct';

const schema = z.strictObject({
  cluster: z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' }),
  name: dnsLabel.optional(),
  pullEndpoint: z.string().regex(/^https?:\/\/\S+$/, { message: 'not an http(s) URL' }).optional(),
});

/** Props of {@link ObjectRealm}. */
export interface ObjectRealmProps {
  /** The cluster; the realm goes into its namespace. */
  readonly cluster: ICephCluster;
  /** Realm name, also the CephObjectRealm name. @default - the construct id */
  readonly name?: string;
  /** Endpoint of an RGW of the realm's master zone to pull the realm from (a secondary site), e.g. "http://10.2.105.133:80". @default - none: this site creates the realm */
  readonly pullEndpoint?: string;
}
const _objectRealmProps: PropsMatch<ObjectRealmProps, z.input<typeof schema>> = true;

/** A CephObjectRealm: the top of an object multisite (realm → zone group → zone → store). */
export class ObjectRealm extends StorageConstruct {
  /** metadata.name of the CephObjectRealm. */
  public readonly objectName: string;
  public readonly namespace: string;
  public readonly cluster: ICephCluster;
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: ObjectRealmProps) {
    super(scope, id);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    requireFeature(site.versions, 'objectMultisite', this.node.path, 'pin Rook v1.7.11 or later for multisite object stores');
    const p = parseProps(this.node.path, schema, props);
    this.cluster = p.cluster;
    this.objectName = nameOrId(this.node.path, p.name, id, dnsLabel, 'CephObjectRealm');
    this.namespace = p.cluster.namespace;
    this.resource = place(new CephObjectRealm(this, 'Resource', {
      metadata: { name: this.objectName, namespace: this.namespace },
      spec: p.pullEndpoint ? { pull: { endpoint: p.pullEndpoint } } : undefined,
    }), 'pools', { dataBearing: true });
  }
}
