import { checkRelativePath } from '../foundation/dist-write';
import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { GitOpsConfig, GitOpsProps, gitopsSchema } from './gitops-config';
import { fluxSchemaAliases } from '../versions/flux-apis';
import { dnsLabel, labels, labelValue, nodeName } from '../foundation/props';
import { PropsMatch } from '../foundation/props-check';
import { refineUnique } from '../foundation/unique';
import { usePrototypeKeyResolver } from '../foundation/map-keys';
import { constructId } from '../foundation/construct-id';
import { PINNED_CRD_SOURCES } from '../validation/sources';
import { NamespacePodSecurityProps, podSecurityOverridesSchema } from './pod-security';
import { AllowChangeProps, AllowedChange, parseAllowChange } from './allow-change';
import { ClusterProvided, DECLARED_KINDS } from '../model/closure';
import { InstalledComponent, ObjectRef } from '../model/cluster-model';
import {
  checkKubernetesVersion, checkRookKubernetes, checkTopolvmKubernetes, engineLine, resolveRookVersion, RookRelease, RookVersion, ROOK_PROFILES, TopoLVMVersion, TOPOLVM_PROFILES, VersionSet,
} from '../versions';
import { NEWEST_TOPOLVM_LINE, resolveTopolvmVersion, TOPOLVM_LINES } from '../versions/topolvm-lines';

/** A node of the site's inventory, used by the cross-resource checks (mon count, replica size). */
export interface SiteNode {
  /** Kubernetes node name (`kubernetes.io/hostname`): a DNS-1123 subdomain, as `kubectl get nodes` shows it. */
  readonly name: string;
  /** Rack or zone of the node, for failure domains above host; a label value (<= 63 letters, digits, "-", "_", "."). @default - none */
  readonly rack?: string;
  /** Node labels. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Props of {@link Site}. */
export interface SiteProps {
  /** Folder name under dist/ and label of the site. DNS-1123 label. @default - the construct id */
  readonly name?: string;
  /** Full Kubernetes version the cluster runs, x.y.z (1.16.0 .. 1.36.x). Selects the schemas objects are validated against. */
  readonly kubernetesVersion: string;
  /**
   * The Rook release the cluster runs, `1.X.Y` or `v1.X.Y` of a line v1.0–v1.20. Facts (CRDs, settings, images) come
   * from the line's pinned patch (`ROOK_PROFILES`); a newer patch than the pinned one is accepted with a warning.
   * Required as soon as the site holds a Rook construct. @default - no Rook
   */
  readonly rookVersion?: RookRelease;
  /**
   * TopoLVM release the cluster runs, `0.X.Y` or `v0.X.Y` of a line v0.2–v0.41. It resolves to the line's pinned
   * patch (the facts, CRDs and default image come from it; another patch of the line is accepted with one warning).
   * Required as soon as the site holds a TopoLVM construct. @default - no TopoLVM
   */
  readonly topolvmVersion?: string;
  /** GitOps engine and where it reads this site from. @default { engine: 'plain' } */
  readonly gitops?: GitOpsProps;
  /**
   * The nodes of the cluster, when known. Enables the checks of mon count and replica size against
   * the number of hosts. @default - unknown; those checks use the RookCluster's `storage.nodes` if listed
   */
  readonly nodes?: readonly SiteNode[];
  /**
   * CRDs the target cluster already has from elsewhere (another team's Prometheus operator, cert-manager), as pinned
   * source names (`prometheus-operator@v0.93.0`, `cert-manager@v1.21.1`, `gateway-api@v1.6.1`; see
   * the keys of `PINNED_CRD_SOURCES`). Constructs that emit those kinds (ServiceMonitor, PrometheusRule, Certificate,
   * HTTPRoute) require it, and the site's objects of those kinds are validated against them.
   * @default [] - only the CRDs this site installs itself
   */
  readonly clusterCrds?: readonly string[];
  /**
   * Pod Security Admission labels of namespaces the site creates, by namespace name. Every Namespace the site writes
   * gets `pod-security.kubernetes.io/enforce`, `audit` and `warn` at the level its pods need (privileged for Rook
   * cluster, Rook operator and TopoLVM namespaces, baseline elsewhere); an entry here changes them. An enforce level
   * stricter than privileged on a namespace running privileged pods is an error.
   * @default {} - the levels the pods need
   */
  readonly podSecurity?: Readonly<Record<string, NamespacePodSecurityProps>>;
}

const nodeSchema = z.strictObject({
  name: nodeName,
  rack: labelValue.pipe(z.string().min(1)).optional(),
  labels: labels.optional(),
});

const siteSchema = z.strictObject({
  name: dnsLabel.optional(),
  kubernetesVersion: z.string(),
  rookVersion: z.custom<RookRelease>(() => true).optional(),
  topolvmVersion: z.string().optional(),
  gitops: gitopsSchema.optional(),
  nodes: z.array(nodeSchema).optional(),
  clusterCrds: z.array(z.string().regex(/^[a-z0-9][a-z0-9.-]*@v?[0-9][a-z0-9.-]*$/, 'a pinned CRD source name like "prometheus-operator@v0.93.0"')).optional(),
  podSecurity: podSecurityOverridesSchema.optional(),
}).superRefine((s, ctx) => {
  refineUnique(ctx, s.nodes, (n) => n.name, ['nodes'], ['name'], 'node name', 'a node is one host, so the mon-count and replica checks would count it twice');
});
const _siteProps: PropsMatch<SiteProps, z.input<typeof siteSchema>> = true;
/** The construct id as the site name (built once, not per site: fleets create thousands). */
const siteIdSchema = z.strictObject({ name: dnsLabel });

/** Props of {@link Site.upgradingFrom}: the versions the cluster runs before this commit's upgrade. */
const nsName = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\/[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, 'a "namespace/name" reference like "rook-ceph/my-secret"');
const clusterName = z.string().regex(/^[a-z0-9]([-a-z0-9.:]{0,251}[a-z0-9])?$/, 'an object name like "fast-ssd"');
export const clusterProvidesSchema = z.strictObject({
  namespaces: z.array(dnsLabel).optional(),
  serviceAccounts: z.array(nsName).optional(),
  secrets: z.array(nsName).optional(),
  configMaps: z.array(nsName).optional(),
  services: z.array(nsName).optional(),
  roles: z.array(nsName).optional(),
  issuers: z.array(nsName).optional(),
  clusterRoles: z.array(clusterName).optional(),
  storageClasses: z.array(clusterName).optional(),
  priorityClasses: z.array(clusterName).optional(),
  clusterIssuers: z.array(clusterName).optional(),
});

/** Objects the target cluster has from elsewhere (see {@link Site.clusterProvides}). Namespaced entries are "namespace/name". */
export interface ClusterProvidesProps {
  /** Namespaces that exist already; the site references them but does not create or own them. @default [] */
  readonly namespaces?: string[];
  /** ServiceAccounts, "namespace/name". @default [] */
  readonly serviceAccounts?: string[];
  /** Secrets, "namespace/name". @default [] */
  readonly secrets?: string[];
  /** ConfigMaps, "namespace/name". @default [] */
  readonly configMaps?: string[];
  /** Services (e.g. a webhook's), "namespace/name". @default [] */
  readonly services?: string[];
  /** RBAC Roles, "namespace/name". @default [] */
  readonly roles?: string[];
  /** cert-manager Issuers, "namespace/name". @default [] */
  readonly issuers?: string[];
  /** RBAC ClusterRoles. @default [] */
  readonly clusterRoles?: string[];
  /** StorageClasses. @default [] */
  readonly storageClasses?: string[];
  /** PriorityClasses. @default [] */
  readonly priorityClasses?: string[];
  /** cert-manager ClusterIssuers. @default [] */
  readonly clusterIssuers?: string[];
}
const _clusterProvidesProps: PropsMatch<ClusterProvidesProps, z.input<typeof clusterProvidesSchema>> = true;

export interface SiteUpgradeFromProps {
  /** Rook version the cluster runs now, x.y.z. @default - unchanged: the site's rookVersion */
  readonly rookVersion?: string;
  /** Ceph image the site's local clusters run now. @default - unchanged: the clusters' current image */
  readonly cephImage?: string;
  /** TopoLVM version the cluster runs now, x.y.z. @default - unchanged: the site's topolvmVersion */
  readonly topolvmVersion?: string;
}

const semverString = z.string().regex(/^\d+\.\d+\.\d+$/, 'a full version x.y.z');
const upgradeFromSchema = z.strictObject({
  rookVersion: semverString.optional(),
  cephImage: z.string().min(1).optional(),
  topolvmVersion: semverString.optional(),
}).refine((v) => v.rookVersion !== undefined || v.cephImage !== undefined || v.topolvmVersion !== undefined, {
  message: 'upgradingFrom names no version',
  params: { allowed: 'rookVersion, cephImage and/or topolvmVersion', fix: 'name the version the cluster runs now, e.g. { cephImage: "quay.io/ceph/ceph:v20.2.4" }' },
});
const _upgradeFromProps: PropsMatch<SiteUpgradeFromProps, z.input<typeof upgradeFromSchema>> = true;

/** A file next to the manifests that is not synced (host configuration, notes). */
export interface Artifact {
  /** path relative to dist/<site>/ */
  readonly path: string;
  readonly content: string;
}

function normalizeText(s: string): string {
  return s.endsWith('\n') ? s : s + '\n';
}

const SITE_SYMBOL = Symbol.for('gitops-storage.Site');

/**
 * One Kubernetes cluster's storage stack. Renders to `dist/<name>/`.
 *
 * Holds the pinned versions, the GitOps engine, the node inventory, and the
 * cross-resource checks that need to see more than one construct.
 */
export class Site extends Chart {
  /** Returns the Site a construct belongs to, or throws. */
  public static of(c: IConstruct): Site {
    for (let cur: IConstruct | undefined = c; cur; cur = cur.node.scope) {
      if ((cur as any)[SITE_SYMBOL]) return cur as Site;
    }
    throw new ConfigError({
      path: c.node.path,
      problem: 'this construct is not inside a Site',
      fix: 'create it with a Site (or a construct inside a Site) as its scope',
    });
  }

  public static isSite(x: unknown): x is Site {
    return typeof x === 'object' && x !== null && (x as any)[SITE_SYMBOL] === true;
  }

  public readonly siteName: string;
  public readonly versions: VersionSet;
  /** GitOps engine settings, defaults applied. */
  public readonly gitops: GitOpsConfig;
  public readonly nodes?: readonly SiteNode[];
  /** The `podSecurity` prop: Pod Security Admission overrides per namespace the site creates. */
  public readonly podSecurityOverrides: Readonly<Record<string, NamespacePodSecurityProps>>;
  private readonly crdSources = new Set<string>();
  private readonly clusterCrdSources: readonly string[];
  private sops?: { secretName: string };
  private readonly artifacts = new Map<string, { path: string; content: string | (() => string) }>();
  private readonly warningList: string[] = [];
  private readonly allowList: AllowedChange[] = [];
  private upgradeFromVersions?: SiteUpgradeFromProps;
  private readonly installed: InstalledComponent[] = [];
  private readonly providedObjects: { ref: ObjectRef; by: string }[] = [];
  private readonly provided: { -readonly [K in keyof ClusterProvided]: Set<string> } = Object.fromEntries(
    Object.keys(DECLARED_KINDS).map((k) => [k, new Set<string>()]),
  ) as any;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, constructId(scope, id, 'Site'), { disableResourceNameHashes: true });
    (this as any)[SITE_SYMBOL] = true;
    usePrototypeKeyResolver(this);
    const g = (props as { gitops?: { engine?: unknown; destination?: unknown } } | undefined)?.gitops;
    if (g && typeof g === 'object' && g.engine === 'plain' && g.destination !== undefined) {
      throw new ConfigError({
        path: `site ${id}: gitops.destination`,
        problem: 'a plain site is applied by hand with kubectl; no hub Argo CD syncs it, so it has no destination',
        value: g.destination,
        allowed: "destination only with engine 'argocd' (a hub Argo CD); a Flux management cluster uses kubeConfigSecretRef",
        fix: "set engine: 'argocd' with repoURL next to the destination, or remove destination",
      });
    }
    const p = parseProps(`site ${id}`, siteSchema, props);
    checkKubernetesVersion(p.kubernetesVersion, `${id}: kubernetesVersion`);
    const rook = p.rookVersion === undefined ? undefined : resolveRookVersion(p.rookVersion, `${id}: rookVersion`);
    if (rook) checkRookKubernetes(rook.line, p.kubernetesVersion, `${id}: rookVersion`, rook.release);
    const topolvm = p.topolvmVersion !== undefined ? resolveTopolvmVersion(p.topolvmVersion, `${id}: topolvmVersion`) : undefined;
    if (topolvm) checkTopolvmKubernetes(topolvm.version, p.kubernetesVersion, `${id}: topolvmVersion`);
    this.siteName = p.name ?? id;
    if (p.name === undefined) parseProps(`site ${id}`, siteIdSchema, { name: id });
    if (topolvm?.warning) this.addWarning(topolvm.warning);
    this.gitops = p.gitops ?? { engine: 'plain' };
    const g0 = this.gitops;
    this.versions = {
      kubernetes: p.kubernetesVersion, rook: rook?.line, ...(rook && rook.release !== rook.line ? { rookRelease: rook.release } : {}), topolvm: topolvm?.version,
      argocd: g0.engine === 'argocd' ? engineLine('argocd', p.kubernetesVersion, g0.version, g0.destination === undefined, `${id}: gitops.version`) : undefined,
      flux: g0.engine === 'flux' ? engineLine('flux', p.kubernetesVersion, g0.version, g0.kubeConfigSecretRef === undefined, `${id}: gitops.version`) : undefined,
    };
    if (rook?.note) this.addWarning(rook.note);
    if (this.gitops.engine === 'argocd') this.useCrdSource('argo-cd@v3.5.1');
    if (this.gitops.engine === 'flux') this.useCrdSource('flux@v2');
    this.nodes = p.nodes;
    this.podSecurityOverrides = p.podSecurity ?? {};
    (p.clusterCrds ?? []).forEach((source, i) => {
      if (!PINNED_CRD_SOURCES[source]) {
        throw new ConfigError({
          path: `${id}: clusterCrds[${i}]`, problem: 'not a pinned CRD source, so its kinds could not be validated', value: source,
          allowed: Object.keys(PINNED_CRD_SOURCES).sort().join(', '), fix: 'name one of the pinned sources (the version the cluster runs, or the nearest pinned one)',
        });
      }
    });
    this.clusterCrdSources = [...new Set(p.clusterCrds ?? [])].sort();
    for (const source of this.clusterCrdSources) this.useCrdSource(source);
    if (rook) this.useCrdSource(ROOK_PROFILES[rook.line].crdSource);
    if (topolvm) this.useCrdSource(TOPOLVM_PROFILES[topolvm.version].crdSource);
    this.node.addValidation({ validate: () => this.checkDefaultClasses() });
  }

  /**
   * cdk8s's own `App.synth()` calls this and would write one unvalidated `<site>.k8s.yaml`, without waves, gitops/
   * or host/ files. A Site renders only through the pipeline (`StorageApp`, `synthApp`, `gitops-storage synth`).
   */
  public override toJson(): any[] {
    throw new ConfigError({
      path: this.node.path,
      problem: 'this Site is in a plain cdk8s App, whose synth() would write unvalidated manifests without GitOps waves, gitops/ or host/ files',
      value: this.node.root.constructor.name,
      allowed: 'StorageApp from gitops-storage',
      fix: "build sites in `new StorageApp()` (import { StorageApp } from 'gitops-storage') and call app.synth()",
    });
  }

  /** At most one default StorageClass and one default VolumeSnapshotClass per site. */
  private checkDefaultClasses(): string[] {
    const out: string[] = [];
    const rules: [string, string][] = [
      ['StorageClass', 'storageclass.kubernetes.io/is-default-class'],
      ['VolumeSnapshotClass', 'snapshot.storage.kubernetes.io/is-default-class'],
    ];
    for (const [kind, annotation] of rules) {
      const defaults = this.allApiObjects().filter((o) => o.kind === kind && o.metadata.toJson().annotations?.[annotation] === 'true');
      if (defaults.length > 1) {
        out.push(new ConfigError({
          path: `${this.node.path}: isDefault`,
          problem: `${defaults.length} ${kind}s are marked default (${defaults.map((d) => d.name).join(', ')}); PVCs without a class then get an arbitrary one`,
          allowed: `at most one default ${kind}`,
          fix: 'set isDefault on one class only',
        }).message);
      }
    }
    return out;
  }

  /** The pinned Rook version; throws a clear error if a Rook construct is used without one. */
  public requireRook(forPath: string): RookVersion {
    if (!this.versions.rook) {
      throw new ConfigError({
        path: forPath,
        problem: `site "${this.siteName}" pins no Rook version, but this construct is Rook's`,
        allowed: Object.keys(ROOK_PROFILES).map((v) => `"${v}"`).join(', '),
        fix: 'set rookVersion on the Site',
      });
    }
    return this.versions.rook;
  }

  public requireTopolvm(forPath: string): TopoLVMVersion {
    if (!this.versions.topolvm) {
      throw new ConfigError({
        path: forPath,
        problem: `site "${this.siteName}" pins no TopoLVM version, but this construct is TopoLVM's`,
        allowed: `a TopoLVM version 0.X.Y of a line v${TOPOLVM_LINES[0].minor}–v${NEWEST_TOPOLVM_LINE.minor}, e.g. "${NEWEST_TOPOLVM_LINE.version}"`,
        fix: 'set topolvmVersion on the Site',
      });
    }
    return this.versions.topolvm;
  }

  /** Adds a schema source (pinned name like `cert-manager@v1.21.1`) used to validate this site's objects. */
  public useCrdSource(source: string): void {
    this.crdSources.add(source);
  }

  /** The CRD sources the target cluster has from elsewhere (the `clusterCrds` prop), sorted. */
  public get clusterCrds(): readonly string[] {
    return this.clusterCrdSources;
  }

  /**
   * Throws a ConfigError unless the site declares a CRD source of this project (`prometheus-operator`, the part before
   * `@`) in `clusterCrds`. Returns the declared source name.
   * @param project e.g. 'prometheus-operator'
   * @param forPath the field that needs the CRDs, for the message
   * @param what the kinds that need them, e.g. 'ServiceMonitor and PrometheusRule'
   */
  public requireClusterCrds(project: string, forPath: string, what: string): string {
    const found = this.clusterCrdSources.find((s) => s.split('@')[0] === project);
    if (found) return found;
    throw new ConfigError({
      path: forPath,
      problem: `${what} need the ${project} CRDs, which site "${this.siteName}" does not declare: without them the sync fails with "no matches for kind"`,
      value: this.clusterCrdSources.length ? this.clusterCrdSources.join(', ') : '(no clusterCrds)',
      allowed: `a "${project}@<version>" entry in the Site's clusterCrds`,
      fix: `install the ${project} CRDs in the cluster and add clusterCrds: ['${project}@<version>'] to the Site (pinned: ${Object.keys(PINNED_CRD_SOURCES).filter((k) => k.startsWith(`${project}@`)).join(', ') || 'none'})`,
    });
  }

  /**
   * Declares objects the target cluster has from elsewhere (another team, another tool, the platform), so the
   * closure check at synth resolves references to them, and so the site does not create (and own) a declared
   * namespace. Namespaced entries are "namespace/name". May be called more than once; the lists add up.
   */
  public clusterProvides(props: ClusterProvidesProps): void {
    const p = parseProps(`${this.siteName}: clusterProvides`, clusterProvidesSchema, props);
    for (const [k, list] of Object.entries(p) as [keyof ClusterProvided, string[] | undefined][]) for (const x of list ?? []) this.provided[k].add(x);
  }

  /** What `clusterProvides` declared, sorted. */
  public get clusterProvided(): ClusterProvided {
    return Object.fromEntries(Object.entries(this.provided).map(([k, set]) => [k, [...set].sort()])) as unknown as ClusterProvided;
  }

  /** Records a component the site installs that creates objects at run time (used by the cluster model's closure check). */
  public addInstalledComponent(c: InstalledComponent): void {
    this.installed.push(c);
  }

  /**
   * Records an object that exists at run time without being an object of the site: a Secret from a SOPS file or
   * `SecretRef.existing()`, a StorageClass of `BlockStorageClass.fromExisting` (`by` says who provides it).
   */
  public addProvidedObject(ref: ObjectRef, by: string): void {
    this.providedObjects.push({ ref, by });
  }

  /** See {@link addProvidedObject}. */
  public get providedObjectList(): readonly { ref: ObjectRef; by: string }[] {
    return this.providedObjects;
  }

  /** The components the site installs (see {@link addInstalledComponent}). */
  public get installedComponents(): readonly InstalledComponent[] {
    return this.installed;
  }

  public get schemaSources(): string[] {
    return [...this.crdSources].sort();
  }

  /**
   * Older API versions the site's engine line writes that no pinned CRD serves, validated with the schema of the
   * version the pinned CRDs serve (see `fluxSchemaAliases`): `"<apiVersion>|<kind>"` → apiVersion.
   */
  public get schemaAliases(): Record<string, string> {
    return this.versions.flux ? fluxSchemaAliases(this.versions) : {};
  }

  /**
   * Adds a non-Kubernetes file next to the manifests (under dist/<site>/). `content` may be a function,
   * called at render time, for notes that summarize the whole site.
   */
  public addArtifact(path: string, content: string | (() => string)): void {
    checkRelativePath(path, `${this.node.path}: addArtifact(path)`);
    const prev = this.artifacts.get(path);
    if (prev && (typeof content === 'function' || typeof prev.content === 'function' || normalizeText(prev.content) !== normalizeText(content))) {
      throw new ConfigError({ path: `${this.siteName}: ${path}`, problem: 'two constructs write different content to the same artifact path', fix: 'give one of them another path' });
    }
    this.artifacts.set(path, { path, content });
  }

  /**
   * Records a warning: the site is valid and is written, but something will likely not work as meant
   * (the message says what and how to fix it). `synthApp` returns warnings and the CLI prints them.
   */
  public addWarning(message: string): void {
    if (!this.warningList.includes(message)) this.warningList.push(message);
  }

  /**
   * Acknowledges one destructive or immutable change for `gitops-storage plan` (which otherwise exits 2), with the
   * reason the reviewer reads in the plan; for immutable fields also how the change reaches the cluster
   * (`strategy`: `new-name`, `argocd-replace` or `flux-force`, see `src/site/allow-change.ts`). Remove it once synced.
   */
  public allowChange(props: AllowChangeProps): void {
    this.allowList.push(parseAllowChange(this.node.path, props));
  }

  /** The acknowledged changes, in the order they were given. */
  public get allowedChanges(): readonly AllowedChange[] {
    return [...this.allowList];
  }

  /**
   * Declares that this commit upgrades the cluster from the versions given (the ones it runs now) to the site's
   * pinned ones. Synth then writes `UPGRADE.md` (pre-flight checks, apply order, what to watch, rollback) and
   * `gitops-storage plan` checks the upgrade path. Remove it after the upgrade, with the next change.
   */
  public upgradingFrom(props: SiteUpgradeFromProps): void {
    this.upgradeFromVersions = parseProps(`${this.node.path}: upgradingFrom`, upgradeFromSchema, props);
  }

  /** The versions declared by {@link upgradingFrom}, if any. */
  public get upgradeFrom(): SiteUpgradeFromProps | undefined {
    return this.upgradeFromVersions;
  }

  /** Warnings recorded by the constructs of this site, in the order they were added. */
  public get warnings(): readonly string[] {
    return [...this.warningList];
  }

  /** The artifacts with their content resolved, sorted by path. */
  public get siteArtifacts(): Artifact[] {
    return [...this.artifacts.values()]
      .map((a) => ({ path: a.path, content: normalizeText(typeof a.content === 'function' ? a.content() : a.content) }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /**
   * Asks the GitOps engine to decrypt SOPS-encrypted files of this site (Flux Kustomization
   * `spec.decryption`). Called by secret references of kind SOPS.
   * @param secretName Secret in the Flux namespace holding the age/PGP private key
   */
  public enableSopsDecryption(secretName: string): void {
    if (this.sops && this.sops.secretName !== secretName) {
      throw new ConfigError({ path: `${this.node.path}: sops`, problem: 'two different SOPS key secrets requested for one site', value: secretName, allowed: `"${this.sops.secretName}"`, fix: 'use one decryption key secret per site' });
    }
    this.sops = { secretName };
  }

  /** SOPS decryption the engine must configure, if any. */
  public get sopsDecryption(): { secretName: string } | undefined {
    return this.sops;
  }

  /**
   * Lets the garbage collector take this site's constructs once it is written (a streamed synth): its children
   * leave the tree and its artifacts (whose render-time closures hold constructs) are dropped. The Site keeps its
   * name, versions, engine and warnings; it cannot be rendered again.
   */
  public releaseConstructs(): void {
    this.artifacts.clear();
    for (const c of [...this.node.children]) this.node.tryRemoveChild(c.node.id);
  }

  /** All constructs of a type in this site, in construct-tree order. */
  public findAll<T>(ctor: abstract new (...args: any[]) => T): T[] {
    return this.node.findAll().filter((c): c is any => c instanceof ctor) as T[];
  }

  /** Every ApiObject anywhere under this site (Chart.apiObjects only lists direct children). */
  public allApiObjects(): ApiObject[] {
    return this.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
  }
}
