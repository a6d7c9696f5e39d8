import { Site } from '../site';
import { EngineFile, RenderedObject } from './engine';
import { LAYERS } from './layers';

/** Decorates the objects for the site's GitOps engine and returns the files the engine adds. */
export function applyEngine(site: Site, objects: RenderedObject[]): EngineFile[] {
  switch (site.gitops.engine) {
    case 'plain':
      return plainEngine(site, objects);
    default:
      return plainEngine(site, objects);
  }
}

/** Ordered folders and a note that says how to apply them. */
function plainEngine(site: Site, objects: RenderedObject[]): EngineFile[] {
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
  return [{ path: 'APPLY-ORDER.md', text: lines.join('\n') }];
}
