/**
 * The one ordering model: CRDs -> operators -> CSI -> clusters -> pools -> classes -> tools.
 *
 * Every emitted object is placed in exactly one layer. The GitOps engines render the
 * same layers as Argo CD sync waves, Flux Kustomizations with dependsOn, or ordered
 * folders for `kubectl apply --server-side`.
 */
import { ApiObject } from 'cdk8s';

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
}

const placements = new WeakMap<ApiObject, Placement>();

/** Puts an object in a layer of the ordering model. */
export function place(obj: ApiObject, layer: LayerId, opts: { dataBearing?: boolean } = {}): ApiObject {
  placements.set(obj, { layer, dataBearing: opts.dataBearing });
  return obj;
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
