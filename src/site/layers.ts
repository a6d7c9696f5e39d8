/**
 * The one ordering model: CRDs -> operators -> CSI -> clusters -> pools -> classes -> tools.
 *
 * Every emitted object is placed in exactly one layer. The GitOps engines render the
 * same layers as Argo CD sync waves, Flux Kustomizations with dependsOn, or ordered
 * folders for `kubectl apply --server-side`.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ConfigError } from '../foundation/errors';

export type LayerId = 'crds' | 'operator' | 'csi' | 'cluster' | 'pools' | 'classes' | 'tools';

export interface LayerInfo {
  readonly id: LayerId;
  /** position in the order; also the Argo CD sync wave */
  readonly order: number;
  /** folder under dist/<site>/ */
  readonly dir: string;
  readonly title: string;
}

export const LAYERS: readonly LayerInfo[] = [
  { id: 'crds', order: 0, dir: '00-crds', title: 'CustomResourceDefinitions and namespaces' },
  { id: 'operator', order: 1, dir: '10-operator', title: 'operators and their RBAC' },
  { id: 'csi', order: 2, dir: '20-csi', title: 'CSI drivers and their settings' },
  { id: 'cluster', order: 3, dir: '30-cluster', title: 'storage clusters' },
  { id: 'pools', order: 4, dir: '40-pools', title: 'pools and filesystems' },
  { id: 'classes', order: 5, dir: '50-classes', title: 'StorageClasses and VolumeSnapshotClasses' },
  { id: 'tools', order: 6, dir: '60-tools', title: 'toolbox, dashboards, benchmarks, examples' },
];

export function layerInfo(id: LayerId): LayerInfo {
  const l = LAYERS.find((x) => x.id === id);
  if (!l) throw new Error(`unknown layer ${id}`);
  return l;
}

export interface Placement {
  readonly layer: LayerId;
  /**
   * Holds or guards data (CRDs, namespaces, CephCluster, pools, filesystems): never pruned or
   * deleted by the GitOps engine unless the site opts out.
   */
  readonly dataBearing?: boolean;
  /**
   * JSON pointers of fields someone other than the GitOps engine changes on purpose after the object is created
   * (e.g. `/spec/suspend` of a Job a user resumes by hand): Argo CD ignores them in the diff and on sync
   * (`ignoreDifferences` + `RespectIgnoreDifferences=true`); Flux, which has no per-field ignore, creates the object
   * once and never updates it (`kustomize.toolkit.fluxcd.io/ssa: IfNotPresent`). Set with {@link ignoreLiveChanges}.
   */
  readonly ignoreDifferences?: readonly string[];
}

const placements = new WeakMap<ApiObject, Placement>();

/**
 * Puts an object in a layer of the ordering model. CustomResourceDefinitions only go to the first layer, and
 * the first layer only takes CRDs and Namespaces, so a custom resource can never come before its definition;
 * anything else throws here (and again at synth, for objects placed by default).
 *
 * Takes an ApiObject or a construct that wraps one as its `Resource` child (a cdk8s-plus `Deployment`, `Service`…):
 * the wrapped object is placed (`ApiObject.of`) and returned.
 */
export function place(target: ApiObject | IConstruct, layer: LayerId, opts: { dataBearing?: boolean } = {}): ApiObject {
  const obj = ApiObject.of(target);
  if (!LAYERS.some((l) => l.id === layer)) {
    throw new ConfigError({ path: obj.node.path, problem: `unknown layer "${layer}"`, value: layer, allowed: LAYERS.map((l) => `"${l.id}"`).join(', '), fix: 'use one of the layers' });
  }
  const kind = obj.kind;
  if (kind === 'CustomResourceDefinition' && layer !== 'crds') {
    throw new ConfigError({
      path: obj.node.path,
      problem: `CustomResourceDefinition "${obj.name}" cannot go to layer "${layer}": its custom resources in earlier layers would be applied before it exists`,
      value: layer,
      allowed: '"crds"',
      fix: "place it with place(obj, 'crds') (or leave the default placement of CRDs)",
    });
  }
  if (layer === 'crds' && kind !== 'CustomResourceDefinition' && kind !== 'Namespace') {
    throw new ConfigError({
      path: obj.node.path,
      problem: `${kind} "${obj.name}" cannot go to layer "crds", the layer of the definitions; a custom resource there could be applied together with (or before) its CRD`,
      value: layer,
      allowed: 'CustomResourceDefinition and Namespace only; other objects in a later layer (operator, csi, cluster, pools, classes, tools)',
      fix: "place it in the layer of its role, e.g. place(obj, 'cluster') for a CephCluster",
    });
  }
  placements.set(obj, { ...placements.get(obj), layer, dataBearing: opts.dataBearing });
  return obj;
}

/**
 * Declares fields of a placed object that are changed in the cluster on purpose after the engine created it (JSON
 * pointers such as `/spec/suspend`), so the GitOps engine neither reports them as drift nor reverts them
 * (see {@link Placement.ignoreDifferences}).
 */
export function ignoreLiveChanges(target: ApiObject | IConstruct, jsonPointers: readonly string[]): void {
  const obj = ApiObject.of(target);
  const p = placementOf(obj);
  if (!p) throw new Error(`ignoreLiveChanges: ${obj.node.path} is not placed in a layer`);
  const merged = [...new Set([...(p.ignoreDifferences ?? []), ...jsonPointers])].sort();
  placements.set(obj, { ...p, ignoreDifferences: merged });
}

const DEFAULT_LAYER_BY_KIND: Record<string, Placement> = {
  CustomResourceDefinition: { layer: 'crds', dataBearing: true },
  Namespace: { layer: 'crds', dataBearing: true },
  StorageClass: { layer: 'classes' },
  VolumeSnapshotClass: { layer: 'classes' },
  CSIDriver: { layer: 'csi' },
};

export function placementOf(obj: ApiObject): Placement | undefined {
  return placements.get(obj) ?? DEFAULT_LAYER_BY_KIND[obj.kind];
}

/** Layers CustomResourceDefinitions may be placed in: only the first. */
export const CRD_LAYER: LayerId = 'crds';
/** Kinds allowed in the CRD layer: definitions and the namespaces everything else lives in. */
export const CRD_LAYER_KINDS: readonly string[] = ['CustomResourceDefinition', 'Namespace'];

const crdGroupsBySite = new WeakMap<object, Set<string>>();

/**
 * Declares API groups whose CRDs reach the cluster in the same sync but not as objects of this site
 * (e.g. installed by the operator's Helm chart). The Argo CD engine then marks their objects
 * `SkipDryRunOnMissingResource=true`.
 */
export function declareCrdGroups(site: object, groups: readonly string[]): void {
  let set = crdGroupsBySite.get(site);
  if (!set) crdGroupsBySite.set(site, (set = new Set()));
  for (const g of groups) set.add(g);
}

export function declaredCrdGroups(site: object): ReadonlySet<string> {
  return crdGroupsBySite.get(site) ?? new Set();
}

/** API group of an apiVersion ('' for the core group). */
export function apiGroupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}
