/**
 * One base for the constructs around one Rook custom resource: `RookResource` (src/rook/rook-resource.ts) creates the
 * typed L1 once with id `Resource`, places it and sets `resource` and `namespace`. Every construct of the reference
 * sites whose `resource` is a ceph.rook.io object extends it, but the deliberate exceptions below; a new Rook construct
 * that builds its object by hand fails here.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import * as lib from '../src';
import { buildApp } from '../src/main';
import { RookResource } from '../src/rook/rook-resource';
import { placementOf } from '../src/site/layers';
import { nonEmpty } from './helpers';

/**
 * Constructs whose ceph.rook.io object is built by hand, with the reason. Both clusters create the CephCluster after
 * the Secrets, RBAC and ConfigMaps of the cluster namespace, which read `namespace` long before the CephCluster
 * exists; `createResource` sets `namespace` only when it creates the object.
 */
const EXCEPTIONS: Record<string, string> = {
  RookCluster: 'the CephCluster comes after the namespace, Secrets, RBAC and ConfigMaps that read `namespace` first',
  ExternalCluster: 'the CephCluster comes after the Secrets, RBAC and the mon endpoints ConfigMap that read `namespace` first',
};

/** The classes converted to RookResource (all exported); a construct that drops the base fails here. */
const CONVERTED = [
  'CephBlockPool', 'CephFilesystem', 'CephObjectStore', 'CephObjectStoreUser', 'CephObjectStoreAccount', 'CephObjectRealm', 'CephObjectZone',
  'CephObjectZoneGroup', 'CephFilesystemSubVolumeGroup', 'CephBlockPoolRadosNamespace', 'CephFilesystemMirror', 'CephRbdMirror', 'CephNfs', 'CephClient',
  'CephBucketTopic', 'CephBucketNotification', 'CephCosiDriver', 'CephNvmeofGateway', 'ObjectBucketClaim',
] as const;

const exported = new Map<unknown, string>(Object.entries(lib).filter(([k, v]) => (v as { name?: string }).name === k).map(([k, v]) => [v, k]));

/** Every exported construct of the reference sites with an ApiObject `resource`. */
function constructsWithResource(): { c: IConstruct & { resource: ApiObject; namespace?: unknown }; name: string }[] {
  const app = buildApp();
  return app.node.findAll()
    .filter((c) => (c as { resource?: unknown }).resource instanceof ApiObject && exported.has(c.constructor))
    .map((c) => ({ c: c as IConstruct & { resource: ApiObject }, name: exported.get(c.constructor)! }));
}

describe('GIVEN the reference sites (buildApp)', () => {
  const all = constructsWithResource();
  const rook = all.filter(({ c }) => c.resource.apiVersion.startsWith('ceph.rook.io/'));

  test('WHEN the constructs whose resource is a ceph.rook.io object are listed THEN each is a RookResource, but the listed exceptions', () => {
    nonEmpty(rook, 'construct with a ceph.rook.io resource');
    const names = new Set(rook.map(({ name }) => name));
    expect(names.size).toBeGreaterThanOrEqual(6);
    const outside = [...new Set(rook.filter(({ c }) => !(c instanceof RookResource)).map(({ name }) => name))].sort();
    expect(outside).toEqual(Object.keys(EXCEPTIONS).filter((n) => names.has(n)).sort());
  });

  test('WHEN a RookResource is inspected THEN its resource is its child "Resource", in its namespace, placed in a layer', () => {
    const bases = nonEmpty(all.filter(({ c }) => c instanceof RookResource), 'RookResource');
    for (const { c } of bases) {
      expect(c.node.findChild('Resource')).toBe(c.resource);
      expect(c.namespace).toBe(c.resource.metadata.namespace);
      expect(typeof c.namespace).toBe('string');
      expect(placementOf(c.resource)).toBeDefined();
    }
  });

  test('WHEN a CephBlockPool (data-bearing) is placed THEN the base kept its layer and dataBearing', () => {
    const byKind = (kind: string) => all.filter(({ c }) => c instanceof RookResource && c.resource.kind === kind).map(({ c }) => placementOf(c.resource));
    const pools = nonEmpty(byKind('CephBlockPool'), 'CephBlockPool');
    for (const pl of pools) expect(pl).toMatchObject({ layer: 'pools', dataBearing: true });
  });
});

describe('GIVEN the exported Rook construct classes', () => {
  test.each(CONVERTED)('WHEN %s is checked THEN it extends RookResource', (name) => {
    const C = (lib as Record<string, unknown>)[name] as { prototype: object } | undefined;
    expect(C).toBeDefined();
    expect(C!.prototype).toBeInstanceOf(RookResource);
  });

  test.each(Object.keys(EXCEPTIONS))('WHEN the exception %s is checked THEN it is exported and still builds its object by hand', (name) => {
    const C = (lib as Record<string, unknown>)[name] as { prototype: object } | undefined;
    expect(C).toBeDefined();
    expect(C!.prototype).not.toBeInstanceOf(RookResource);
  });
});
