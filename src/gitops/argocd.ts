/**
 * Argo CD rendering of the ordering model.
 *
 * - `argocd.argoproj.io/sync-wave` = layer order, so CRDs -> operator -> CSI -> clusters -> pools -> classes -> tools.
 * - `ServerSideApply=true` on CRDs (the Rook CRDs exceed the client-side last-applied annotation limit).
 * - `SkipDryRunOnMissingResource=true` on custom resources whose CRD arrives in the same sync (dry run would
 *   fail with "no matches for kind").
 * - `Prune=false,Delete=false` on data-bearing objects (CRDs, namespaces, CephCluster, pools, filesystems),
 *   so removing them from Git or deleting the Application never deletes storage.
 * - one `Application` for the site in `gitops/` (excluded from its own source, like `host/`), and health
 *   checks as Lua files for Argo CD versions without built-in Ceph health.
 */
import { ApplicationSpec, ApplicationSpecIgnoreDifferences, ApplicationSpecSyncPolicy, toJson_ApplicationSpec } from '../../imports/argoproj.io';
import { ArgoCdConfig, EngineFile, FLEET_DIR, GITOPS_DIR, HOST_DIR, RenderedObject, EngineSite, liveOwnedFields } from '../site/gitops-config';
import { apiGroupOf, declaredCrdGroups, LAYERS } from '../site/layers';
import { stringifyKubeYaml } from '../foundation/kube-yaml';
import { hasFeature, requireFeature, VersionSet } from '../versions';

/** Folder of dist/<site>/ with the per-layer Applications of a hub-and-spoke site (synced by the hub, never the spoke). */
export const ARGO_APPS_DIR = `${GITOPS_DIR}/apps`;
/** The Argo CD API server's own address: the cluster Argo CD runs in. */
export const IN_CLUSTER = 'https://kubernetes.default.svc';

export const ARGO_WAVE = 'argocd.argoproj.io/sync-wave';
export const ARGO_SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';

/** API groups whose CRDs reach the cluster in the same sync as the site's objects. */
export function sameSyncCrdGroups(site: EngineSite, objects: readonly RenderedObject[]): Set<string> {
  const groups = new Set<string>(declaredCrdGroups(site));
  for (const o of objects) if (o.manifest.kind === 'CustomResourceDefinition' && o.manifest.spec?.group) groups.add(o.manifest.spec.group);
  return groups;
}

function setAnnotations(manifest: any, add: Record<string, string>): void {
  const md = manifest.metadata ?? (manifest.metadata = {});
  const merged: Record<string, string> = { ...(md.annotations ?? {}), ...add };
  md.annotations = Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]]));
  // keep metadata keys sorted like cdk8s does
  manifest.metadata = Object.fromEntries(Object.keys(md).sort().map((k) => [k, md[k]]));
}

/**
 * How the site's Argo CD line applies objects too large for client-side apply (the last-applied annotation): server-side
 * apply from 2.5, `kubectl replace` (`Replace=true`, which writes no annotation) before.
 */
function largeObjectOption(v: VersionSet): string {
  return hasFeature(v, 'argocdServerSideApply') ? 'ServerSideApply=true' : 'Replace=true';
}

/** The sync options one object gets. */
export function argoSyncOptions(o: RenderedObject, crdGroups: ReadonlySet<string>, allowPrune: boolean, v?: VersionSet): string[] {
  const opts: string[] = [];
  const kind = String(o.manifest.kind);
  // Delete=false first in Argo CD 2.7: before, the Applications carry no resources finalizer, so deleting one leaves its objects
  if (o.placement.dataBearing && !allowPrune) opts.push('Prune=false', ...(!v || hasFeature(v, 'argocdDeleteFalse') ? ['Delete=false'] : []));
  if (kind === 'CustomResourceDefinition') opts.push(v ? largeObjectOption(v) : 'ServerSideApply=true');
  else if (crdGroups.has(apiGroupOf(String(o.manifest.apiVersion)))) opts.push('SkipDryRunOnMissingResource=true');
  return opts;
}

/**
 * Writes the site's own Argo CD Applications (Helm charts: the Rook operator's, the CSI drivers') in the form the
 * site's Argo CD line reads: the Helm values as the `values` string before 2.8 (no `valuesObject`), `Replace=true`
 * instead of `ServerSideApply=true` before 2.5, no `RespectIgnoreDifferences=true` before 2.3.
 */
export function argoApplicationsForLine(v: VersionSet, objects: readonly RenderedObject[]): void {
  for (const o of objects) {
    const m = o.manifest;
    if (!isArgoApplication(m)) continue;
    for (const src of [m.spec?.source, ...(m.spec?.sources ?? [])]) {
      const helm = src?.helm;
      if (helm?.valuesObject !== undefined && !hasFeature(v, 'argocdHelmValuesObject')) {
        const { valuesObject, ...rest } = helm;
        src.helm = { ...rest, values: stringifyKubeYaml(valuesObject, { lineWidth: 0 }) };
      }
    }
    const sp = m.spec?.syncPolicy;
    if (Array.isArray(sp?.syncOptions)) sp.syncOptions = lineSyncOptions(v, sp.syncOptions);
  }
}

/** Sync options of an Application for the site's Argo CD line. */
function lineSyncOptions(v: VersionSet, opts: readonly string[]): string[] {
  return opts
    .map((o) => (o === 'ServerSideApply=true' ? largeObjectOption(v) : o))
    .filter((o) => o !== 'RespectIgnoreDifferences=true' || hasFeature(v, 'argocdRespectIgnoreDifferences'));
}

export function argocdEngine(site: EngineSite, g: ArgoCdConfig, objects: RenderedObject[]): EngineFile[] {
  const crdGroups = sameSyncCrdGroups(site, objects);
  argoApplicationsForLine(site.versions, objects);
  for (const o of objects) {
    const add: Record<string, string> = { [ARGO_WAVE]: String(o.layer.order) };
    const opts = argoSyncOptions(o, crdGroups, g.allowPruneOfDataBearing, site.versions);
    if (opts.length > 0) add[ARGO_SYNC_OPTIONS] = opts.join(',');
    setAnnotations(o.manifest, add);
  }
  const appName = g.applicationName ?? `${site.siteName}-storage`;
  const path = g.path ?? `dist/${site.siteName}`;
  if (g.destination) return argoSpokeFiles(site, g, objects, appName, path);
  const ignore = argoIgnoreDifferences(objects);
  const spec: ApplicationSpec = {
    project: g.project,
    source: {
      repoUrl: g.repoURL,
      targetRevision: g.targetRevision,
      path,
      directory: { recurse: true, exclude: `{${GITOPS_DIR}/**,${HOST_DIR}/**}` },
    },
    destination: { server: IN_CLUSTER },
    ignoreDifferences: ignore.length > 0 ? ignore : undefined,
    syncPolicy: syncPolicyOf(g, ignore, site.versions),
  };
  // plain JSON in the CRD's field names (the binding's toJson maps repoUrl back to repoURL)
  const app = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: appName, namespace: g.argocdNamespace }, spec: toJson_ApplicationSpec(spec) };
  const files: EngineFile[] = [{ path: `${GITOPS_DIR}/application_${appName}.yaml`, manifests: [app] }];
  for (const [key, lua] of Object.entries(HEALTH_CHECKS)) files.push({ path: `${GITOPS_DIR}/argocd-health/${key}.lua`, text: lua });
  files.push({ path: `${GITOPS_DIR}/BOOTSTRAP.md`, text: bootstrapNote(site, g, appName, path, objects) });
  return files;
}

function syncPolicyOf(g: ArgoCdConfig, ignore: readonly unknown[], v: VersionSet): ApplicationSpecSyncPolicy {
  return {
    automated: g.automated ? { prune: true, selfHeal: true } : undefined,
    // RespectIgnoreDifferences: a sync keeps the live value of an ignored field instead of resetting it
    syncOptions: lineSyncOptions(v, ['PruneLast=true', ...(ignore.length > 0 ? ['RespectIgnoreDifferences=true'] : [])]),
    retry: { limit: 10, backoff: { duration: '30s', factor: 2, maxDuration: '10m' } },
  };
}

/** Whether an object is an Argo CD Application (a child the hub must hold, like the operator's Helm Application). */
function isArgoApplication(m: any): boolean {
  return m?.kind === 'Application' && apiGroupOf(String(m?.apiVersion)) === 'argoproj.io';
}

/**
 * Hub-and-spoke: the site's objects stay in their layer folders, and `gitops/apps/` holds what the hub syncs for
 * the site (the ApplicationSet's Application for the site points there): one Application per layer aimed at the
 * spoke, in the layer's sync wave, so the hub applies layer after layer and waits for each to be healthy (the
 * `argoproj.io_Application` health check). Argo CD Applications among the site's objects (the operator's Helm
 * chart) must live in the hub too: they move to `gitops/apps/` with the spoke as destination.
 */
function argoSpokeFiles(site: EngineSite, g: ArgoCdConfig, objects: RenderedObject[], appName: string, path: string): EngineFile[] {
  const dest = g.destination!;
  const files: EngineFile[] = [];
  for (let i = objects.length - 1; i >= 0; i--) {
    const o = objects[i];
    if (!isArgoApplication(o.manifest)) continue;
    objects.splice(i, 1);
    const m = o.manifest;
    m.metadata.namespace = g.argocdNamespace;
    m.spec.destination = { ...dest, namespace: m.spec.destination?.namespace };
    files.push({ path: `${ARGO_APPS_DIR}/application_${m.metadata.name}.yaml`, manifests: [m] });
  }
  const used = LAYERS.filter((l) => objects.some((o) => o.layer.id === l.id));
  for (const l of used) {
    const inLayer = objects.filter((o) => o.layer.id === l.id);
    const ignore = argoIgnoreDifferences(inLayer);
    const name = `${site.siteName}-${l.id}`;
    files.push({
      path: `${ARGO_APPS_DIR}/application_${name}.yaml`,
      manifests: [{
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name, namespace: g.argocdNamespace, annotations: { [ARGO_WAVE]: String(l.order) } },
        spec: toJson_ApplicationSpec({
          project: g.project,
          source: { repoUrl: g.repoURL, targetRevision: g.targetRevision, path: `${path}/${l.dir}`, directory: { recurse: true } },
          // no namespace: every namespaced object carries its own
          destination: { ...dest },
          ignoreDifferences: ignore.length > 0 ? ignore : undefined,
          syncPolicy: syncPolicyOf(g, ignore, site.versions),
        }),
      }],
    });
  }
  for (const [key, lua] of Object.entries(HEALTH_CHECKS)) files.push({ path: `${GITOPS_DIR}/argocd-health/${key}.lua`, text: lua });
  const where = 'name' in dest ? `cluster "${dest.name}"` : `server ${dest.server}`;
  files.push({
    path: `${GITOPS_DIR}/BOOTSTRAP.md`,
    text: [
      `# Site ${site.siteName}: synced by the hub Argo CD to ${where}`,
      '',
      `The fleet's ApplicationSet (\`dist/${FLEET_DIR}/argocd/\`) creates the Application \`${appName}\` in the hub; it syncs`,
      `\`${path}/${ARGO_APPS_DIR}\` into namespace \`${g.argocdNamespace}\` of the hub: one Application per layer, aimed at ${where}, in sync waves:`,
      '',
      ...used.map((l) => `- wave ${l.order}: \`${site.siteName}-${l.id}\` syncs \`${l.dir}/\` (${l.title})`),
      '',
      `1. Register ${where} in the hub (\`argocd cluster add\`) and let project \`${g.project}\` deploy to it and to the hub's \`${g.argocdNamespace}\` namespace.`,
      '2. Add the health checks of `argocd-health/` to the hub\'s `argocd-cm` (the `argoproj.io_Application` one lets each wave wait for the previous).',
      ...healthCheckNote(site.versions),
      `3. Apply the ApplicationSet once: \`kubectl apply -f dist/${FLEET_DIR}/argocd/\`.`,
    ].join('\n'),
  });
  return files;
}

/** One list-generator element of the fleet ApplicationSet for a hub-and-spoke site (see {@link argoFleetApplicationSet}). */
export function argoFleetElement(site: EngineSite): Record<string, string> | undefined {
  const g = site.gitops;
  if (g.engine !== 'argocd' || !g.destination) return undefined;
  // the hub's ApplicationSet uses goTemplate with goTemplateOptions
  requireFeature(site.versions, 'argocdApplicationSetGoTemplateOptions', `${site.node.path}: gitops.version`, 'a hub Argo CD of 2.8 or later: set gitops.version to the version the hub runs, or leave it unset');
  const path = g.path ?? `dist/${site.siteName}`;
  return { site: site.siteName, appName: g.applicationName ?? `${site.siteName}-storage`, project: g.project, repoURL: g.repoURL, targetRevision: g.targetRevision, path: `${path}/${ARGO_APPS_DIR}` };
}

/** Name of the fleet's ApplicationSet. */
export const FLEET_APPLICATIONSET = 'storage-fleet';

/**
 * The fleet's one ApplicationSet: a list generator with one element per hub-and-spoke site (explicit, reviewable
 * in a pull request, and no site appears or disappears because a folder did), creating each site's Application in
 * the hub; that Application syncs the site's `gitops/apps/` (the per-layer Applications aimed at the spoke).
 */
export function argoFleetApplicationSet(namespace: string, elements: readonly Record<string, string>[]): any {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: FLEET_APPLICATIONSET, namespace },
    spec: {
      goTemplate: true,
      // a misspelt parameter fails the generation instead of rendering "<no value>"
      goTemplateOptions: ['missingkey=error'],
      generators: [{ list: { elements: [...elements] } }],
      template: {
        metadata: { name: '{{.appName}}' },
        // the Application template, typed by the Application binding (no ApplicationSet binding: it would be 2 MB)
        spec: toJson_ApplicationSpec({
          project: '{{.project}}',
          source: { repoUrl: '{{.repoURL}}', targetRevision: '{{.targetRevision}}', path: '{{.path}}', directory: { recurse: true } },
          // the hub itself: these Applications only create the per-layer Applications of the site
          destination: { server: IN_CLUSTER, namespace },
          syncPolicy: {
            automated: { prune: true, selfHeal: true },
            retry: { limit: 10, backoff: { duration: '30s', factor: 2, maxDuration: '10m' } },
          },
        }),
      },
      // a site dropped from the list keeps its Application (and so its storage) until removed on purpose
      syncPolicy: { preserveResourcesOnDeletion: true },
    },
  };
}

/**
 * `ignoreDifferences` of the site's Application: exactly the fields another actor owns in the cluster, per object
 * (`liveOwnedFields`: `/rules` of aggregated ClusterRoles, fields declared with `ignoreLiveChanges`), so Argo CD
 * neither shows them OutOfSync nor, with `RespectIgnoreDifferences=true`, resets them on the next sync.
 */
export function argoIgnoreDifferences(objects: readonly RenderedObject[]): ApplicationSpecIgnoreDifferences[] {
  const out: ApplicationSpecIgnoreDifferences[] = [];
  for (const o of objects) {
    const jsonPointers = liveOwnedFields(o);
    if (jsonPointers.length === 0) continue;
    const md = o.manifest.metadata ?? {};
    out.push({ group: apiGroupOf(String(o.manifest.apiVersion)) || undefined, kind: String(o.manifest.kind), namespace: md.namespace, name: md.name, jsonPointers });
  }
  const key = (e: ApplicationSpecIgnoreDifferences) => [e.group ?? '', e.kind, e.namespace ?? '', e.name].join('/');
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Lua health checks keyed as in argocd-cm (`resource.customizations.health.<key>`). */
export const HEALTH_CHECKS: Record<string, string> = {
  'ceph.rook.io_CephCluster': [
    '-- Healthy when the operator reports the cluster Ready (or Connected, for external clusters)',
    '-- and Ceph is HEALTH_OK or HEALTH_WARN; Degraded on HEALTH_ERR or a failed phase.',
    'local hs = { status = "Progressing", message = "waiting for the Rook operator to report status" }',
    'if obj.status == nil then return hs end',
    'local phase = obj.status.phase or ""',
    'local health = ""',
    'if obj.status.ceph ~= nil and obj.status.ceph.health ~= nil then health = obj.status.ceph.health end',
    'if obj.status.message ~= nil then hs.message = obj.status.message end',
    'if phase == "Failure" or phase == "Error" or health == "HEALTH_ERR" then',
    '  hs.status = "Degraded"',
    '  if health ~= "" then hs.message = "Ceph " .. health .. ": " .. hs.message end',
    '  return hs',
    'end',
    'if (phase == "Ready" or phase == "Connected") and (health == "HEALTH_OK" or health == "HEALTH_WARN") then',
    '  hs.status = "Healthy"',
    '  hs.message = "Ceph " .. health',
    'end',
    'return hs',
  ].join('\n'),
  'ceph.rook.io_CephBlockPool': phaseCheck('pool'),
  'ceph.rook.io_CephFilesystem': phaseCheck('filesystem'),
  'argoproj.io_Application': [
    '-- Lets a parent Application wait for the child (Helm) Application of the operator to be healthy.',
    'local hs = { status = "Progressing", message = "" }',
    '-- a child whose health has no status yet stays Progressing (Argo CD refuses a result without a status)',
    'if obj.status ~= nil and obj.status.health ~= nil and obj.status.health.status ~= nil then',
    '  hs.status = obj.status.health.status',
    '  if obj.status.health.message ~= nil then hs.message = obj.status.health.message end',
    'end',
    'return hs',
  ].join('\n'),
};

function phaseCheck(what: string): string {
  return [
    `-- Healthy when the operator reports the ${what} Ready; Degraded on Failure.`,
    `local hs = { status = "Progressing", message = "waiting for the ${what} to be created" }`,
    'if obj.status == nil or obj.status.phase == nil then return hs end',
    'if obj.status.phase == "Ready" then hs.status = "Healthy"; hs.message = "Ready"',
    'elseif obj.status.phase == "Failure" then hs.status = "Degraded"; hs.message = "Failure"',
    'else hs.message = obj.status.phase end',
    'return hs',
  ].join('\n');
}

/**
 * What BOOTSTRAP.md says about the health checks, for the site's Argo CD line. Every line gets every check: Argo CD
 * before 3.3 has no Ceph health of its own; 3.3 added built-in checks for CephCluster, CephObjectStore and
 * ObjectBucketClaim (argo-cd PR #24111) where HEALTH_WARN is Degraded, and a check configured in argocd-cm takes
 * precedence over a built-in one, so ours keeps CephCluster's HEALTH_WARN Healthy, as the Flux checks do
 * (docs/gitops.md, "Health"). CephBlockPool and CephFilesystem have no built-in check on any line.
 */
export function healthCheckNote(v: VersionSet): string[] {
  const line = (v.argocd ?? '').replace(/\.0$/, '');
  if (hasFeature(v, 'argocdCephHealth')) {
    return [
      `   Argo CD ${line} has built-in health for CephCluster, CephObjectStore and ObjectBucketClaim, which marks a cluster in HEALTH_WARN`,
      '   Degraded; the `ceph.rook.io_CephCluster` check above takes precedence over it and keeps HEALTH_WARN Healthy, as the Flux',
      '   checks do (a warning does not stop I/O; HEALTH_ERR and a failed phase are Degraded). CephBlockPool and CephFilesystem have no',
      '   built-in check, and the `argoproj.io_Application` one lets each wave wait for the Helm Applications: add all of them.',
    ];
  }
  return [`   Argo CD ${line} has no built-in Ceph health (it came with 3.3): add all of them.`];
}

/** What BOOTSTRAP.md says about deleting Applications, on Argo CD lines without `Delete=false` (before 2.7). */
function deleteNote(v: VersionSet): string[] {
  if (hasFeature(v, 'argocdDeleteFalse')) return [];
  const line = (v.argocd ?? '').replace(/\.0$/, '');
  return [
    '',
    `Argo CD ${line} has no \`Delete=false\` sync option (2.7 added it): the data-bearing objects carry \`Prune=false\` only, and deleting`,
    'an Application leaves its objects because none carries the `resources-finalizer.argocd.argoproj.io` finalizer. Never add it.',
  ];
}

function bootstrapNote(site: EngineSite, g: ArgoCdConfig, appName: string, path: string, objects: readonly RenderedObject[]): string {
  const used = LAYERS.filter((l) => objects.some((o) => o.layer.id === l.id));
  return [
    `# Bootstrapping site ${site.siteName} with Argo CD ${(site.versions.argocd ?? '').replace(/\.0$/, '')}`,
    '',
    `1. Make sure Argo CD runs in namespace \`${g.argocdNamespace}\` and can read ${g.repoURL}.`,
    '2. Add the health checks of `argocd-health/` to the `argocd-cm` ConfigMap, one key per file:',
    ...Object.keys(HEALTH_CHECKS).map((k) => `   \`resource.customizations.health.${k}\` = contents of \`argocd-health/${k}.lua\``),
    ...healthCheckNote(site.versions),
    `3. \`kubectl apply -f ${path}/${GITOPS_DIR}/application_${appName}.yaml\``,
    '',
    `The Application syncs \`${path}\` recursively, except \`${GITOPS_DIR}/\` and \`${HOST_DIR}/\`, in sync waves:`,
    '',
    ...used.map((l) => `- wave ${l.order}: \`${l.dir}/\` (${l.title})`),
    ...deleteNote(site.versions),
  ].join('\n');
}
