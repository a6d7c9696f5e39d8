/**
 * Per-change acknowledgements in the site (`site.allowChange(...)`) and the strategies for immutable fields.
 *
 * A destructive or immutable change stops `gitops-storage plan` (exit 2) unless it is allowed, by the CLI flag
 * `--allow destructive|immutable` or, better, in the site next to the change it concerns, with a reason that
 * the reviewer reads in the plan. For an object whose immutable fields change, the acknowledgement also picks
 * how the change reaches the cluster (the API server refuses it on the existing object):
 * - `new-name`: a new, versioned class name (rename the construct's `name`, e.g. `rook-ceph-block-v2`); synth writes
 *   `notes/migrate-<kind>-<old name>.md`: new PVCs use the new class, bound volumes keep working.
 * - `argocd-replace`: Argo CD deletes and recreates that object (`argocd.argoproj.io/sync-options:
 *   Replace=true,Force=true`: Replace alone is `kubectl replace`, which the API server refuses on an immutable
 *   field as it refuses apply; Force makes it delete and create).
 * - `flux-force`: Flux recreates that object (`kustomize.toolkit.fluxcd.io/force: enabled`).
 */
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { PropsMatch } from '../foundation/props-check';

/** How an object whose immutable fields change reaches the cluster. */
export type ImmutableStrategy = 'new-name' | 'argocd-replace' | 'flux-force';

/** The change classes that need an explicit allow. */
export type AllowableClass = 'destructive' | 'immutable';

/** Props of {@link Site.allowChange}: one acknowledged change. */
export interface AllowChangeProps {
  /** Kind of the object, e.g. `StorageClass`, `CephBlockPool`. */
  readonly kind: string;
  /** `metadata.name` of the object (for `new-name`: its old name). */
  readonly name: string;
  /** Namespace of the object. @default - any (cluster-scoped objects have none) */
  readonly namespace?: string;
  /** Why the change is intended; printed in the plan for the reviewer. */
  readonly reason: string;
  /** Which class of change is acknowledged. @default - the class the plan finds (destructive or immutable) */
  readonly allow?: AllowableClass;
  /** For immutable changes: how the change reaches the cluster. @default - none: the plan refuses immutable changes without one */
  readonly strategy?: ImmutableStrategy;
  /** With `strategy: 'new-name'`: the new name of the object. @default - none (required with new-name) */
  readonly newName?: string;
}

const allowChangeSchema = z.strictObject({
  kind: z.string().min(1),
  name: z.string().min(1),
  namespace: z.string().min(1).optional(),
  reason: z.string().min(3),
  allow: z.enum(['destructive', 'immutable']).optional(),
  strategy: z.enum(['new-name', 'argocd-replace', 'flux-force']).optional(),
  newName: z.string().min(1).optional(),
}).superRefine((v, ctx) => {
  if (v.strategy === 'new-name' && !v.newName) {
    ctx.addIssue({ code: 'custom', path: ['newName'], message: 'strategy new-name needs the new name of the object', params: { allowed: 'a DNS name such as "<old name>-v2"', fix: `set newName (and rename the construct's name to it)` } });
  }
  if (v.newName && v.strategy !== 'new-name') {
    ctx.addIssue({ code: 'custom', path: ['newName'], message: 'newName only goes with strategy new-name', params: { allowed: "strategy: 'new-name'", fix: "add strategy: 'new-name' or drop newName" } });
  }
  if (v.newName && v.newName === v.name) {
    ctx.addIssue({ code: 'custom', path: ['newName'], message: 'the new name equals the old one', params: { allowed: 'a different name, e.g. a -v2 suffix', fix: `use "${v.name}-v2"` } });
  }
  if (v.strategy && v.allow === 'destructive') {
    ctx.addIssue({ code: 'custom', path: ['strategy'], message: 'a strategy is for immutable changes', params: { allowed: "allow: 'immutable' (or leave allow unset)", fix: 'drop strategy, or allow the immutable change' } });
  }
});
const _allowChangeProps: PropsMatch<AllowChangeProps, z.input<typeof allowChangeSchema>> = true;

/** A parsed acknowledgement. */
export type AllowedChange = z.output<typeof allowChangeSchema>;

/** Parses `site.allowChange` props (ConfigError on a bad one). */
export function parseAllowChange(sitePath: string, props: AllowChangeProps): AllowedChange {
  return parseProps(`${sitePath}: allowChange`, allowChangeSchema, props);
}

export const ARGO_SYNC_OPTIONS_KEY = 'argocd.argoproj.io/sync-options';
export const FLUX_FORCE = 'kustomize.toolkit.fluxcd.io/force';

/** Does an acknowledgement name this object? */
export function allowMatches(a: AllowedChange, m: { kind?: string; metadata?: { name?: string; namespace?: string } }, name: string = a.name): boolean {
  return a.kind === m.kind && m.metadata?.name === name && (a.namespace === undefined || a.namespace === m.metadata?.namespace);
}

function withAnnotation(manifest: any, key: string, value: string): void {
  const md = manifest.metadata ?? (manifest.metadata = {});
  const merged: Record<string, string> = { ...(md.annotations ?? {}), [key]: value };
  md.annotations = Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]]));
  manifest.metadata = Object.fromEntries(Object.keys(md).sort().map((k) => [k, md[k]]));
}

/**
 * Applies the strategies of a site's acknowledgements to its rendered manifests (after the GitOps engine
 * decorated them) and returns the migration notes to write. Throws ConfigError when a strategy does not fit the
 * site (wrong engine, no such object, a new name that is not there).
 */
export function applyChangeStrategies(site: { siteName: string; gitops: { engine: string } }, allowed: readonly AllowedChange[], manifests: readonly any[]): { path: string; text: string }[] {
  const notes: { path: string; text: string }[] = [];
  for (const a of allowed) {
    if (!a.strategy) continue;
    const where = `${site.siteName}: allowChange(${a.kind} ${a.name})`;
    const engine = site.gitops.engine;
    const need = a.strategy === 'argocd-replace' ? 'argocd' : a.strategy === 'flux-force' ? 'flux' : undefined;
    if (need && engine !== need) {
      throw new ConfigError({
        path: `${where}: strategy`,
        problem: `strategy ${a.strategy} is for ${need === 'argocd' ? 'Argo CD' : 'Flux'} sites; this site is synced by ${engine}`,
        value: a.strategy,
        allowed: engine === 'argocd' ? '"argocd-replace", "new-name"' : engine === 'flux' ? '"flux-force", "new-name"' : '"new-name" (plain sites: delete and re-apply the object by hand)',
        fix: 'pick the strategy of this site\'s engine',
      });
    }
    const target = manifests.find((m) => allowMatches(a, m, a.strategy === 'new-name' ? a.newName : a.name));
    if (!target) {
      throw new ConfigError({
        path: `${where}: ${a.strategy === 'new-name' ? 'newName' : 'name'}`,
        problem: `no ${a.kind} "${a.strategy === 'new-name' ? a.newName : a.name}" in this site${a.strategy === 'new-name' ? ' (new-name expects the construct renamed to it)' : ''}`,
        value: a.strategy === 'new-name' ? a.newName : a.name,
        allowed: manifests.filter((m) => m.kind === a.kind).map((m) => `"${m.metadata?.name}"`).join(', ') || `no ${a.kind} at all`,
        fix: a.strategy === 'new-name' ? `set the construct's name to "${a.newName}"` : 'name an object of this site',
      });
    }
    if (a.strategy === 'new-name') {
      if (manifests.some((m) => allowMatches(a, m))) {
        throw new ConfigError({
          path: `${where}: newName`,
          problem: `${a.kind} "${a.name}" is still in the site next to "${a.newName}"; new-name replaces the old object by the new one`,
          value: a.name,
          fix: `rename the construct (name: "${a.newName}") instead of adding a second one`,
        });
      }
      notes.push({ path: `notes/migrate-${a.kind.toLowerCase()}-${a.name}.md`, text: migrationNote(site.siteName, a, target) });
    } else if (a.strategy === 'argocd-replace') {
      const prev = String(target.metadata?.annotations?.[ARGO_SYNC_OPTIONS_KEY] ?? '').split(',').filter((x) => x);
      const opts = [...prev, ...['Replace=true', 'Force=true'].filter((x) => !prev.includes(x))];
      withAnnotation(target, ARGO_SYNC_OPTIONS_KEY, opts.join(','));
    } else {
      withAnnotation(target, FLUX_FORCE, 'enabled');
    }
  }
  return notes;
}

function migrationNote(siteName: string, a: AllowedChange, target: any): string {
  const pvc = a.kind === 'StorageClass';
  return [
    `# Migration: ${a.kind} ${a.name} → ${a.newName} (site ${siteName})`,
    '',
    `Reason: ${a.reason}`,
    '',
    `The API server refuses to change the immutable fields of an existing ${a.kind}, so this site replaces it by a new one`,
    `named \`${a.newName}\`. The GitOps engine removes \`${a.name}\` and creates \`${a.newName}\`.`,
    '',
    ...(pvc ? [
      `- Bound volumes of \`${a.name}\` keep working: a PersistentVolume does not need its class to exist.`,
      `- New PVCs must name \`${a.newName}\` (\`storageClassName\`); update workloads and Helm values that name \`${a.name}\`,`,
      `  e.g. \`kubectl get pvc -A -o jsonpath='{range .items[?(@.spec.storageClassName=="${a.name}")]}{.metadata.namespace}/{.metadata.name}{"\\n"}{end}'\`.`,
      `- Expanding an old volume needs its class: keep a class named \`${a.name}\` until those volumes are gone or copied`,
      `  to \`${a.newName}\` (e.g. by a snapshot and restore).`,
      target.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true' ? `- \`${a.newName}\` is the default class now.` : '',
    ] : [
      `- Objects that name \`${a.name}\` must name \`${a.newName}\`.`,
    ]),
    '',
    'Remove the `allowChange` acknowledgement once the change is synced.',
  ].filter((l, i, all) => l !== '' || all[i - 1] !== '').join('\n');
}
