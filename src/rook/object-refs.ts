/**
 * Shared lookups of the object-storage constructs: "the X named N in namespace NS of this site", so a reference
 * given by name or by a construct of another site fails at synth with the names the site does have.
 */
import { IConstruct } from 'constructs';
import { ConfigError } from '../foundation/errors';
import { Site } from '../site/site';

/** What every object-storage construct exposes: its metadata.name and namespace. */
export interface NamedInNamespace extends IConstruct {
  /** metadata.name of the custom resource. */
  readonly objectName: string;
  /** Namespace of the custom resource. */
  readonly namespace: string;
}

/**
 * Checks that `ref` (a construct or a name) is a `kind` of `site` in `namespace`; returns a ConfigError message or
 * undefined. `all` are the site's constructs of that kind.
 */
export function checkRefInSite(o: {
  site: Site; path: string; field: string; kind: string; ref: NamedInNamespace | string; namespace: string;
  all: readonly NamedInNamespace[]; fix: string;
}): string | undefined {
  const name = typeof o.ref === 'string' ? o.ref : o.ref.objectName;
  const candidates = o.all.filter((x) => x.namespace === o.namespace);
  const found = typeof o.ref === 'string' ? candidates.find((x) => x.objectName === name) : o.all.find((x) => x === o.ref);
  if (found && found.namespace === o.namespace) return undefined;
  const where = typeof o.ref !== 'string' && Site.of(o.ref) !== o.site
    ? `belongs to site "${Site.of(o.ref).siteName}", not to site "${o.site.siteName}"`
    : found ? `is in namespace "${found.namespace}", not in "${o.namespace}"` : `is not declared in namespace "${o.namespace}" of site "${o.site.siteName}"`;
  return new ConfigError({
    path: `${o.path}: ${o.field}`,
    problem: `${o.kind} "${name}" ${where}; Rook would leave the object waiting for it forever`,
    value: name,
    allowed: candidates.map((x) => `"${x.objectName}"`).join(', ') || `(site "${o.site.siteName}" declares no ${o.kind} in namespace "${o.namespace}")`,
    fix: o.fix,
  }).message;
}
