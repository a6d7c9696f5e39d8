import { ConfigError } from '../foundation/errors';
import { argocdEngine } from './argocd';
import { EngineFile, RenderedObject, EngineSite, isAggregatedClusterRole } from '../site/gitops-config';
import { fluxEngine } from './flux';
import { CRD_LAYER, CRD_LAYER_KINDS, LAYERS } from '../site/layers';

/**
 * Checks the one rule every engine relies on: CustomResourceDefinitions are in the first layer, and the
 * first layer holds nothing but CRDs and Namespaces. With it, a custom resource can never be applied in the
 * same or an earlier wave / Kustomization / folder than its definition.
 */
export function checkLayering(objects: readonly RenderedObject[]): void {
  const problems = [];
  for (const o of objects) {
    const kind = String(o.manifest.kind);
    const name = o.manifest.metadata?.name;
    if (kind === 'CustomResourceDefinition' && o.layer.id !== CRD_LAYER) {
      problems.push({
        path: o.path,
        problem: `CustomResourceDefinition "${name}" is placed in layer "${o.layer.id}"; its custom resources in earlier layers would be applied before it exists`,
        value: o.layer.id,
        allowed: `"${CRD_LAYER}"`,
        fix: `place it with place(obj, '${CRD_LAYER}') (or leave the default placement of CRDs)`,
      });
    }
    if (o.layer.id === CRD_LAYER && !CRD_LAYER_KINDS.includes(kind)) {
      problems.push({
        path: o.path,
        problem: `${kind} "${name}" is placed in layer "${CRD_LAYER}", the layer of the definitions; a custom resource there could be applied together with (or before) its CRD`,
        value: CRD_LAYER,
        allowed: `${CRD_LAYER_KINDS.join(' and ')} only; other objects in a later layer (${LAYERS.filter((l) => l.id !== CRD_LAYER).map((l) => l.id).join(', ')})`,
        fix: 'place it in the layer of its role, e.g. place(obj, \'cluster\') for a CephCluster',
      });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
}

/**
 * Writes what the API server would make of fields it owns, so no engine sees a difference that Git cannot fix:
 * an aggregated ClusterRole's empty `rules: []` is dropped (the aggregation controller fills the rules in; applying
 * `[]` would empty them until it runs again, and every engine would report the filled rules as drift).
 */
export function normalizeControllerOwned(objects: readonly RenderedObject[]): void {
  for (const o of objects) {
    if (isAggregatedClusterRole(o.manifest) && Array.isArray(o.manifest.rules) && o.manifest.rules.length === 0) delete o.manifest.rules;
  }
}

/** Decorates the objects for the site's GitOps engine and returns the files the engine adds. */
export function applyEngine(site: EngineSite, objects: RenderedObject[]): EngineFile[] {
  checkLayering(objects);
  normalizeControllerOwned(objects);
  const g = site.gitops;
  switch (g.engine) {
    case 'argocd':
      return argocdEngine(site, g, objects);
    case 'flux':
      return fluxEngine(site, g, objects);
    case 'plain':
    default:
      return plainEngine(site, objects);
  }
}

/** Ordered folders and a note that says how to apply them. */
function plainEngine(site: EngineSite, objects: RenderedObject[]): EngineFile[] {
  const used = LAYERS.filter((l) => objects.some((o) => o.layer.id === l.id));
  const lines = [
    `# Apply order for site ${site.siteName}`,
    '',
    'Apply the folders in this order, waiting for each to become ready before the next:',
    '',
    ...used.map((l, i) => `${i + 1}. \`kubectl apply --server-side -f ${l.dir}/\` (${l.title})`),
    '',
    'Server-side apply is required: the Rook CRDs are too large for the last-applied annotation of client-side apply.',
  ];
  const notes = site.siteArtifacts.filter((a) => a.path.startsWith('helm/') && a.path.endsWith('.md'));
  if (notes.length > 0) lines.push('', `Before step 2, install the Helm charts described in ${notes.map((n) => n.path).join(', ')}.`);
  return [{ path: 'APPLY-ORDER.md', text: lines.join('\n') }];
}
