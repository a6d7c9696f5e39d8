/**
 * The base of the constructs that stand for one Rook custom resource (CephBlockPool, CephFilesystem, CephObjectStore,
 * …): `createResource` makes the typed L1 of src/rook/bindings.ts once, with id `Resource` and the metadata every such
 * construct writes (name, namespace, labels if any), places it in its layer and sets `resource` and `namespace`.
 * `test/rook-resource.test.ts` proves that every construct of the reference sites whose `resource` is a ceph.rook.io
 * object extends it (with the exceptions listed there).
 */
import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { LayerId, place } from '../site/layers';
import { StorageConstruct } from '../site/storage-construct';

/** Where the object goes: its name, namespace and labels. */
export interface RookResourceMetadata {
  readonly name: string;
  readonly namespace: string;
  /** @default - no labels */
  readonly labels?: Record<string, string>;
}

/** A construct around one Rook custom resource, created by `createResource` with the typed L1 class `L1`. */
export abstract class RookResource<L1 extends ApiObject = ApiObject> extends StorageConstruct {
  /** The Kubernetes namespace of the custom resource. */
  public declare readonly namespace: string;
  /** The custom resource (the escape hatch: `addJsonPatch` works on the manifest, in the CRD's names). */
  public declare readonly resource: ApiObject;

  /**
   * Creates the custom resource once: `new l1(this, 'Resource', { metadata, ...props })`, placed in `layer`
   * (`dataBearing`: deleting it loses data); sets `resource` and `namespace`. Returns the typed L1.
   */
  protected createResource<P extends { readonly metadata?: ApiObjectMetadata }>(
    l1: new (scope: Construct, id: string, props: P) => L1,
    metadata: RookResourceMetadata,
    props: Omit<P, 'metadata'>,
    layer: LayerId,
    opts: { readonly dataBearing?: boolean } = {},
  ): L1 {
    const { name, namespace, labels } = metadata;
    const obj = new l1(this, 'Resource', { metadata: { name, namespace, ...(labels === undefined ? {} : { labels }) }, ...props } as unknown as P);
    place(obj, layer, opts);
    const self = this as { resource: ApiObject; namespace: string };
    self.resource = obj;
    self.namespace = namespace;
    return obj;
  }
}
