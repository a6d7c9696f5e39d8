/**
 * GitOps engines: how the layered objects of a site reach the cluster.
 *
 * - plain: ordered folders for `kubectl apply --server-side`, with an APPLY-ORDER.md artifact.
 * - argocd: per-object sync waves and sync options, plus an `Application` for the site (argocd.ts).
 * - flux: a `GitRepository` and one `Kustomization` per layer chained with `dependsOn` (flux.ts).
 *
 * Bootstrap objects (the Application, the GitRepository and Kustomizations) go to `dist/<site>/gitops/`,
 * which the engine itself never syncs; host files go to `dist/<site>/host/`.
 */
import { z } from 'zod';
import { dnsLabel, dnsName, visibleString } from '../foundation/props';
import { LayerId, LayerInfo, LAYERS, Placement } from './layers';
import { PropsMatch } from '../foundation/props-check';
import { VersionSet } from '../versions';

/** An engine release line, x.y (x.y.z accepted; the patch is ignored). Checked against the known lines by the Site. */
const engineVersion = z.string().regex(/^\d+\.\d+(\.\d+)?$/, { message: 'not an engine version x.y (e.g. "3.5")' });

/** Folder of dist/<site>/ holding the engine's bootstrap objects (never synced by the engine). */
export const GITOPS_DIR = 'gitops';
/** Folder of dist/<site>/ holding host files (never synced). */
export const HOST_DIR = 'host';
/**
 * Folder of dist/ holding what a fleet's hub or management cluster reads (the ApplicationSet, the per-site Flux
 * Kustomizations). Site names are DNS-1123 labels, which never start with "_", so it cannot collide with a site.
 */
export const FLEET_DIR = '_fleet';

const GIT_SCHEMES = ['https:', 'http:', 'ssh:', 'git:'];

/** A Git repository URL: https://, http://, ssh://, git:// or scp-like `git@host:path`. */
export const gitUrl = visibleString('the repository URL', 'a clone URL of visible characters, e.g. "https://git.example.com/platform/storage.git"').superRefine((s, ctx) => {
  const scpLike = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s]+$/.test(s);
  let ok = scpLike;
  if (!ok) {
    try {
      const u = new URL(s);
      ok = GIT_SCHEMES.includes(u.protocol) && u.hostname.length > 0 && !/\s/.test(s);
    } catch {
      ok = false;
    }
  }
  if (!ok) {
    ctx.addIssue({
      code: 'custom',
      message: 'not a Git repository URL; the engine could never fetch the site',
      params: {
        allowed: 'an absolute URL with scheme https, http, ssh or git (e.g. "https://git.example.com/platform/storage.git"), or scp-like "git@host:org/repo.git"',
        fix: 'write the full clone URL of the repository that holds dist/',
      },
    });
  }
});

const LAYER_IDS = LAYERS.map((l) => l.id) as [LayerId, ...LayerId[]];

/** Repository-relative path without leading "./" or "/", no "..". */
const repoPath = z.string().min(1).regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[^\s]+$/, { message: 'not a repository-relative path (no leading "/", no "..", no spaces)' });

/** An Argo CD cluster name: the `name` of the cluster Secret registered in the hub (DNS-1123 here). */
const argoClusterName = dnsName;
const argoServer = z.string().superRefine((s, ctx) => {
  let ok = false;
  try {
    const u = new URL(s);
    ok = u.protocol === 'https:' && u.hostname.length > 0 && !/\s/.test(s);
  } catch {
    ok = false;
  }
  if (!ok) {
    ctx.addIssue({
      code: 'custom',
      message: 'not the https URL of a Kubernetes API server',
      params: { allowed: 'an https URL such as "https://dc1.k8s.example.com:6443", as registered in Argo CD (`argocd cluster list`)', fix: 'write the API server URL, or use destination: { name } with the cluster\'s Argo CD name' },
    });
  }
});

export const argoDestinationSchema = z.union([
  z.strictObject({ name: argoClusterName }),
  z.strictObject({ server: argoServer }),
]);

/** The cluster an Argo CD hub syncs a site to: its name as registered in Argo CD, or its API server URL. */
export interface ArgoCdDestinationByNameProps {
  /** Name of the cluster as registered in the hub's Argo CD (its cluster Secret's `name`), a DNS-1123 name. */
  readonly name: string;
}

/** The cluster an Argo CD hub syncs a site to, by API server URL. */
export interface ArgoCdDestinationByServerProps {
  /** https URL of the cluster's API server as registered in the hub's Argo CD. */
  readonly server: string;
}

export type ArgoCdDestinationProps = ArgoCdDestinationByNameProps | ArgoCdDestinationByServerProps;

export const argocdSchema = z.strictObject({
  engine: z.literal('argocd'),
  version: engineVersion.optional(),
  destination: argoDestinationSchema.optional(),
  repoURL: gitUrl,
  targetRevision: z.string().min(1).default('main'),
  path: repoPath.optional(),
  argocdNamespace: dnsLabel.default('argocd'),
  project: z.string().min(1).default('default'),
  applicationName: dnsLabel.optional(),
  automated: z.boolean().default(true),
  allowPruneOfDataBearing: z.boolean().default(false),
});

/** Flux's GitRepository takes http, https and ssh URLs only (CRD pattern `^(http|https|ssh)://.*$`). */
const fluxGitUrl = gitUrl.superRefine((s, ctx) => {
  const scp = /^([A-Za-z0-9._-]+)@([A-Za-z0-9.-]+):(?!\/\/)([^\s]+)$/.exec(s);
  if (scp) {
    ctx.addIssue({
      code: 'custom',
      message: 'Flux\'s GitRepository refuses scp-like addresses (its url must start with http://, https:// or ssh://)',
      params: { allowed: 'an http, https or ssh URL', fix: `write it as ssh://${scp[1]}@${scp[2]}/${scp[3].replace(/^\/+/, '')}` },
    });
  } else if (/^git:\/\//.test(s)) {
    ctx.addIssue({
      code: 'custom',
      message: 'Flux\'s GitRepository refuses git:// URLs (its url must start with http://, https:// or ssh://)',
      params: { allowed: 'an http, https or ssh URL', fix: `write it as ${s.replace(/^git:/, 'https:')} (or an ssh:// URL)` },
    });
  }
});

export const fluxSchema = z.strictObject({
  engine: z.literal('flux'),
  version: engineVersion.optional(),
  url: fluxGitUrl,
  branch: z.string().min(1).default('main'),
  path: repoPath.optional(),
  fluxNamespace: dnsLabel.default('flux-system'),
  secretRef: dnsLabel.optional(),
  interval: z.string().regex(/^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/, { message: 'not a Go duration like "10m"' }).default('10m'),
  timeout: z.string().regex(/^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/, { message: 'not a Go duration like "15m"' }).default('15m'),
  dependsOn: z.partialRecord(z.enum(LAYER_IDS), z.array(z.string().min(1))).optional(),
  allowPruneOfDataBearing: z.boolean().default(false),
  kubeConfigSecretRef: dnsName.optional(),
  serviceAccountName: dnsName.optional(),
});

export const gitopsSchema = z.discriminatedUnion('engine', [
  z.strictObject({ engine: z.literal('plain') }),
  argocdSchema,
  fluxSchema,
]);

/** No engine: ordered folders for `kubectl apply --server-side`, with an APPLY-ORDER.md artifact. */
export interface PlainGitOpsProps {
  /** Selects plain output. */
  readonly engine: 'plain';
}

/** Argo CD: sync waves and sync options on every object, plus an `Application` for the site. */
export interface ArgoCdGitOpsProps {
  /** Selects Argo CD. */
  readonly engine: 'argocd';
  /**
   * The Argo CD release line that syncs the site (x.y): selects the fields and sync options written (the Helm `values`
   * string before 2.8's `valuesObject`, `Replace=true` before 2.5's `ServerSideApply=true`, no `Delete=false` before
   * 2.7, no `RespectIgnoreDifferences` before 2.3) and the health checks BOOTSTRAP.md asks for. Without a destination
   * Argo CD runs in the site's cluster, whose Kubernetes must be one the line was tested from.
   * @default - the newest line tested on the site's Kubernetes minor (hub-and-spoke: the newest known line)
   */
  readonly version?: string;
  /** Git repository Argo CD reads the site from (https, http, ssh, git URL or scp-like `git@host:path`). */
  readonly repoURL: string;
  /** Branch, tag or commit. @default 'main' */
  readonly targetRevision?: string;
  /** Repository-relative path of dist/<site>. @default 'dist/<site>' */
  readonly path?: string;
  /** Namespace Argo CD runs in. @default 'argocd' */
  readonly argocdNamespace?: string;
  /** Argo CD project of the Application. @default 'default' */
  readonly project?: string;
  /**
   * The cluster a hub Argo CD syncs this site to. With it the site is part of the fleet's one `ApplicationSet`
   * (`dist/_fleet/argocd/`), which creates the site's Application in the hub; the site folder then holds one
   * Application per layer (`gitops/apps/`, in sync waves) aimed at this cluster, instead of a hand-applied one.
   * @default - none: the site's own Argo CD (in-cluster), bootstrapped by hand from gitops/
   */
  readonly destination?: ArgoCdDestinationProps;
  /** Name of the site's Application. @default '<site>-storage' */
  readonly applicationName?: string;
  /** Let Argo CD sync on its own (automated sync, without prune). @default true */
  readonly automated?: boolean;
  /** Drop Prune=false / Delete=false from data-bearing objects (CRDs, CephCluster, pools, namespaces). @default false */
  readonly allowPruneOfDataBearing?: boolean;
}

/** Flux: a `GitRepository` and one `Kustomization` per layer, chained with `dependsOn`. */
export interface FluxGitOpsProps {
  /** Selects Flux. */
  readonly engine: 'flux';
  /**
   * The Flux release line that reconciles the site (x.y): selects the API versions written (GitRepository and
   * Kustomization v1 from 2.0, v1beta2 before; HelmRelease v2 and HelmRepository v1 from 2.3, HelmRelease v2beta2 on
   * 2.2, v2beta1 before) and whether Kustomizations carry CEL `healthCheckExprs` (2.5 on). Flux in the site's cluster
   * must run on its Kubernetes (`flux check --pre`).
   * @default - the newest line that runs on the site's Kubernetes (with kubeConfigSecretRef: the newest known line)
   */
  readonly version?: string;
  /** Git repository Flux reads the site from: an https, http or ssh URL (Flux refuses scp-like `git@host:path`; write `ssh://git@host/path`). */
  readonly url: string;
  /** Branch. @default 'main' */
  readonly branch?: string;
  /** Repository-relative path of dist/<site>. @default 'dist/<site>' */
  readonly path?: string;
  /** Namespace Flux runs in; the GitRepository and Kustomizations go there. @default 'flux-system' */
  readonly fluxNamespace?: string;
  /** Secret with the Git credentials of the GitRepository. @default - none (a public repository) */
  readonly secretRef?: string;
  /** Reconcile interval of the source and the Kustomizations, a Go duration. @default '10m' */
  readonly interval?: string;
  /** Timeout of each Kustomization's health wait, a Go duration. @default '15m' */
  readonly timeout?: string;
  /**
   * Extra dependencies per layer: a layer id of this site, or `<namespace>/<name>` of a Kustomization outside
   * it (e.g. `flux-system/snapshot-controller`). @default {}
   */
  readonly dependsOn?: Partial<Record<LayerId, string[]>>;
  /** Drop `prune: false` from the data-bearing layers. @default false */
  readonly allowPruneOfDataBearing?: boolean;
  /**
   * Secret (in `fluxNamespace` of the management cluster) whose `value` key holds the kubeconfig of this site's
   * cluster. With it the site's Kustomizations are applied from a management cluster
   * (`dist/_fleet/flux/<site>/`) and reconcile the remote cluster (`spec.kubeConfig.secretRef`).
   * @default - none: Flux runs in the site's own cluster
   */
  readonly kubeConfigSecretRef?: string;
  /**
   * ServiceAccount the Kustomizations impersonate (a tenant's, in `fluxNamespace`): `spec.serviceAccountName`.
   * With it the Kustomizations are emitted to `dist/_fleet/flux/<site>/` for the management cluster.
   * @default - none: the controller's own account
   */
  readonly serviceAccountName?: string;
}

/** The GitOps engine of a site and where it reads the site from; `engine` selects the shape. */
export type GitOpsProps = PlainGitOpsProps | ArgoCdGitOpsProps | FluxGitOpsProps;
const _gitOpsProps: PropsMatch<GitOpsProps, z.input<typeof gitopsSchema>> = true;
const _argoCdGitOpsProps: PropsMatch<ArgoCdGitOpsProps, z.input<typeof argocdSchema>> = true;
const _fluxGitOpsProps: PropsMatch<FluxGitOpsProps, z.input<typeof fluxSchema>> = true;
const _argoDestinationProps: PropsMatch<ArgoCdDestinationProps, z.input<typeof argoDestinationSchema>> = true;
export type GitOpsConfig = z.output<typeof gitopsSchema>;
export type ArgoCdConfig = z.output<typeof argocdSchema>;
export type FluxConfig = z.output<typeof fluxSchema>;

/**
 * What an engine reads of a site. `Site` satisfies it structurally, so gitops/ never imports site/site
 * (gitops/ reads sites only through this interface).
 */
export interface EngineSite {
  readonly siteName: string;
  /** The pinned versions, with the engine line (`argocd` / `flux`, x.y.0). */
  readonly versions: VersionSet;
  readonly gitops: GitOpsConfig;
  readonly node: { readonly path: string };
  readonly sopsDecryption?: { secretName: string };
  readonly siteArtifacts: ReadonlyArray<{ readonly path: string; readonly content: string }>;
}

/** One object as it will be written. `manifest` may be decorated by the engine. */
export interface RenderedObject {
  readonly layer: LayerInfo;
  readonly placement: Placement;
  readonly manifest: any;
  /** construct path, for messages */
  readonly path: string;
}

/** A file the engine adds (bootstrap objects, notes). Objects are schema-validated like the rest. */
export interface EngineFile {
  /** relative to dist/<site>/, or to dist/_fleet/ when `fleet` is set */
  readonly path: string;
  /** A file of the fleet's hub / management cluster (dist/_fleet/), not of the site. @default false */
  readonly fleet?: boolean;
  readonly manifests?: any[];
  readonly text?: string;
}

/**
 * Whether an object is a ClusterRole whose `rules` the API server's aggregation controller fills in from the
 * ClusterRoles its `aggregationRule` selects: Git can never hold those rules.
 */
export function isAggregatedClusterRole(manifest: any): boolean {
  return manifest?.kind === 'ClusterRole' && String(manifest?.apiVersion).startsWith('rbac.authorization.k8s.io/') && manifest?.aggregationRule !== undefined;
}

/** Annotations with which cert-manager's cainjector writes `caBundle` into an object. */
export const CA_INJECTOR_ANNOTATIONS = ['cert-manager.io/inject-ca-from', 'cert-manager.io/inject-ca-from-secret', 'cert-manager.io/inject-apiserver-ca'];

/**
 * JSON pointers of an object's fields that another actor owns in the cluster: those declared with
 * `ignoreLiveChanges`, `/rules` of an aggregated ClusterRole, and each `caBundle` that cert-manager's cainjector
 * writes (webhook configurations, CRD conversion webhooks, APIServices) when we leave it unset. Sorted, without
 * duplicates.
 */
export function liveOwnedFields(o: RenderedObject): string[] {
  const fields = new Set(o.placement.ignoreDifferences ?? []);
  const m = o.manifest;
  if (isAggregatedClusterRole(m)) fields.add('/rules');
  const annotations = m?.metadata?.annotations ?? {};
  if (CA_INJECTOR_ANNOTATIONS.some((a) => annotations[a] !== undefined)) {
    if (m.kind === 'MutatingWebhookConfiguration' || m.kind === 'ValidatingWebhookConfiguration') {
      (m.webhooks ?? []).forEach((w: any, i: number) => { if (w?.clientConfig?.caBundle === undefined) fields.add(`/webhooks/${i}/clientConfig/caBundle`); });
    } else if (m.kind === 'CustomResourceDefinition' && m.spec?.conversion?.webhook?.clientConfig && m.spec.conversion.webhook.clientConfig.caBundle === undefined) {
      fields.add('/spec/conversion/webhook/clientConfig/caBundle');
    } else if (m.kind === 'APIService' && m.spec?.caBundle === undefined) {
      fields.add('/spec/caBundle');
    }
  }
  return [...fields].sort();
}
