import { ApiObject } from 'cdk8s';
import { KubeNamespace } from '../../imports/k8s';
import { place } from './layers';
import { Site } from './site';

/**
 * Returns the Namespace object of a site, creating it once. Several constructs share a namespace
 * (operator and cluster in `rook-ceph`); only one Namespace object is emitted for it.
 */
export function ensureNamespace(site: Site, name: string, labels?: Record<string, string>): ApiObject {
  const id = `Namespace-${name}`;
  const existing = site.node.tryFindChild(id) as ApiObject | undefined;
  if (existing) {
    if (labels) for (const [k, v] of Object.entries(labels)) existing.metadata.addLabel(k, v);
    return existing;
  }
  const ns = new KubeNamespace(site, id, { metadata: { name, labels } });
  return place(ns, 'crds', { dataBearing: true });
}
