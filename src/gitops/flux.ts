import * as path from 'path';
/**
 * Flux rendering of the ordering model: a `GitRepository` for the site and one `Kustomization` per
 * non-empty layer, each `dependsOn` the previous one, with `wait`, CEL health checks on Ceph status, and
 * `prune: false` on layers that hold data-bearing objects (which also carry
 * `kustomize.toolkit.fluxcd.io/prune: disabled`).
 */
import { HelmReleaseSpec } from '../../imports/helm.toolkit.fluxcd.io';
import { KustomizationSpecDecryptionProvider, KustomizationSpecHealthCheckExprs, KustomizationSpecSourceRefKind, toJson_KustomizationSpec } from '../../imports/kustomize.toolkit.fluxcd.io';
import { toJson_GitRepositorySpec } from '../../imports/source.toolkit.fluxcd.io';
import { ConfigError, ConfigProblem } from '../foundation/errors';
import { EngineFile, FLEET_DIR, FluxConfig, GITOPS_DIR, RenderedObject, EngineSite } from '../site/gitops-config';
import { apiGroupOf, LayerId, LayerInfo, LAYERS } from '../site/layers';
import { hasFeature, VersionSet } from '../versions';
import { fluxApiVersions } from '../versions/flux-apis';

/** Writes the site's own Flux objects (the HelmRepositories and HelmReleases of its charts) in the API versions its Flux line serves. */
export function fluxObjectsForLine(v: VersionSet, objects: readonly RenderedObject[]): void {
  const apis = fluxApiVersions(v) as Record<string, string>;
  for (const o of objects) {
    const m = o.manifest;
    if (!apiGroupOf(String(m?.apiVersion)).endsWith('.toolkit.fluxcd.io')) continue;
    const want = apis[String(m.kind)];
    if (want && apiGroupOf(want) === apiGroupOf(String(m.apiVersion))) m.apiVersion = want;
  }
}

/** Folder of dist/<site>/ with the Flux objects a management cluster applies for a remote site (HelmReleases…). */
export const FLUX_HUB_DIR = `${GITOPS_DIR}/hub`;

/** Whether a site's Kustomizations are applied from a management cluster (dist/_fleet/flux/<site>/). */
export function isFluxFleetSite(g: FluxConfig): boolean {
  return g.kubeConfigSecretRef !== undefined || g.serviceAccountName !== undefined;
}

/**
 * A remote site's Flux objects (the operator's HelmRepository and HelmRelease) cannot live in the remote cluster,
 * which runs no Flux: they move to the management cluster's Flux namespace, site-prefixed, and the HelmRelease
 * installs into the remote cluster through the same kubeconfig (`spec.kubeConfig`, `targetNamespace`,
 * `storageNamespace`, `releaseName` keep the release where and what it was).
 */
function toHub(site: EngineSite, g: FluxConfig, hub: RenderedObject[]): void {
  const renamed = new Map<string, string>();
  for (const o of hub) {
    const md = o.manifest.metadata;
    const key = `${o.manifest.kind}/${md.namespace ?? ''}/${md.name}`;
    renamed.set(key, `${site.siteName}-${md.name}`);
  }
  for (const o of hub) {
    const m = o.manifest;
    const ns = m.metadata.namespace;
    const name = m.metadata.name;
    m.metadata = { ...m.metadata, name: renamed.get(`${m.kind}/${ns ?? ''}/${name}`), namespace: g.fluxNamespace };
    if (m.kind === 'HelmRelease') {
      const ref = m.spec?.chart?.spec?.sourceRef;
      if (ref) {
        const moved = renamed.get(`${ref.kind}/${ref.namespace ?? ns ?? ''}/${ref.name}`);
        if (moved) m.spec.chart.spec.sourceRef = { ...ref, name: moved, namespace: undefined };
      }
      // these fields have the same names in the CRD and in the binding
      const remote: Pick<HelmReleaseSpec, 'releaseName' | 'targetNamespace' | 'storageNamespace' | 'kubeConfig' | 'serviceAccountName'> = {
        releaseName: m.spec.releaseName ?? name,
        targetNamespace: m.spec.targetNamespace ?? ns,
        storageNamespace: m.spec.storageNamespace ?? ns,
        kubeConfig: { secretRef: { name: g.kubeConfigSecretRef! } },
        serviceAccountName: g.serviceAccountName,
      };
      m.spec = { ...m.spec, ...remote };
    }
  }
}

/** What BOOTSTRAP.md says about a Flux line without CEL health checks (before 2.5). */
function lineNote(v: VersionSet): string[] {
  if (hasFeature(v, 'fluxHealthCheckExprs')) return [];
  return ['', `Flux ${(v.flux ?? '').replace(/\.0$/, '')} has no \`healthCheckExprs\` (2.5 added them): each Kustomization waits for its objects with kstatus only, so the pools`, 'layer does not wait for the CephCluster to report Ready and a Ceph health; watch `kubectl -n <cluster namespace> get cephcluster` during the first sync.'];
}

export const FLUX_PRUNE = 'kustomize.toolkit.fluxcd.io/prune';
/**
 * Server-side apply policy of one object. `IfNotPresent`: create it, never update it — Flux's way to leave a field
 * that someone changes in the cluster on purpose alone (Flux has no per-field ignore).
 */
export const FLUX_SSA = 'kustomize.toolkit.fluxcd.io/ssa';

/**
 * CEL health checks per layer: Ceph status fields the operator sets. kustomize-controller evaluates `inProgress`
 * (unset here), then `failed`, then `current`; the first that is true decides, and none true means in progress
 * until the Kustomization's timeout. So `failed` must catch every state the operator will not leave by itself:
 * a CephCluster in phase `Failure` has no `status.ceph` yet (the operator never reached the mons), and a
 * `status.ceph`-only check would wait out the timeout. `current` matches the Argo CD Lua checks (argocd.ts):
 * phase Ready (Connected for an external cluster) and Ceph HEALTH_OK or HEALTH_WARN. Every expression guards each
 * field with `has()`, so a status the operator has only begun to fill never is an evaluation error.
 * test/health-checks.test.ts evaluates them with a CEL library on status samples.
 */
export const FLUX_HEALTH_EXPRS: Partial<Record<LayerId, { kind: string; current: string; failed: string }[]>> = {
  cluster: [{
    kind: 'CephCluster',
    current: "has(status.phase) && status.phase in ['Ready', 'Connected'] && has(status.ceph) && has(status.ceph.health) && status.ceph.health in ['HEALTH_OK', 'HEALTH_WARN']",
    failed: "(has(status.phase) && status.phase == 'Failure') || (has(status.ceph) && has(status.ceph.health) && status.ceph.health == 'HEALTH_ERR')",
  }],
  pools: [
    { kind: 'CephBlockPool', current: "has(status.phase) && status.phase == 'Ready'", failed: "has(status.phase) && status.phase == 'Failure'" },
    { kind: 'CephFilesystem', current: "has(status.phase) && status.phase == 'Ready'", failed: "has(status.phase) && status.phase == 'Failure'" },
  ],
};
const HEALTH_EXPRS = FLUX_HEALTH_EXPRS;

export function fluxKustomizationName(site: EngineSite, layer: LayerId): string {
  return `${site.siteName}-${layer}`;
}

export function fluxEngine(site: EngineSite, g: FluxConfig, objects: RenderedObject[]): EngineFile[] {
  const used = LAYERS.filter((l) => objects.some((o) => o.layer.id === l.id));
  const usedIds = used.map((l) => l.id);
  const problems: ConfigProblem[] = [];
  for (const [layer, deps] of Object.entries(g.dependsOn ?? {}) as [LayerId, string[]][]) {
    const order = LAYERS.find((l) => l.id === layer)!.order;
    if (!usedIds.includes(layer)) {
      problems.push({
        path: `${site.node.path}: gitops.dependsOn.${layer}`,
        problem: `layer "${layer}" has no objects in this site, so there is no Kustomization to attach the dependency to`,
        value: layer,
        allowed: usedIds.map((x) => `"${x}"`).join(', '),
        fix: 'attach the dependency to one of the layers the site uses',
      });
      continue;
    }
    for (const d of deps) {
      if (d.includes('/')) {
        if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(d)) {
          problems.push({ path: `${site.node.path}: gitops.dependsOn.${layer}`, problem: 'not a Kustomization reference "<namespace>/<name>"', value: d, allowed: 'a layer id of this site or "<namespace>/<name>"', fix: 'e.g. "flux-system/snapshot-controller"' });
        }
        continue;
      }
      const target = LAYERS.find((l) => l.id === d);
      if (!target || !usedIds.includes(target.id)) {
        problems.push({
          path: `${site.node.path}: gitops.dependsOn.${layer}`,
          problem: target
            ? `layer "${d}" has no objects in this site, so no Kustomization "${fluxKustomizationName(site, target.id)}" exists and "${layer}" would wait forever`
            : `"${d}" is not a layer; Flux would wait forever for a Kustomization that does not exist`,
          value: d,
          allowed: `a layer of this site (${usedIds.map((x) => `"${x}"`).join(', ')}) or "<namespace>/<name>" of a Kustomization outside it`,
          fix: 'name an existing layer, or the namespace/name of the external Kustomization',
        });
      } else if (target.order >= order) {
        problems.push({
          path: `${site.node.path}: gitops.dependsOn.${layer}`,
          problem: `layer "${layer}" may not depend on "${d}", which comes ${target.order === order ? 'at the same place' : 'later'} in the order; the Kustomizations would wait for each other`,
          value: d,
          allowed: usedIds.filter((x) => LAYERS.find((l) => l.id === x)!.order < order).map((x) => `"${x}"`).join(', ') || '(no earlier layer)',
          fix: 'depend only on earlier layers',
        });
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  fluxObjectsForLine(site.versions, objects);
  const apis = fluxApiVersions(site.versions);
  // CEL health checks first in Flux 2.5; before, a Kustomization waits on kstatus only (wait: true)
  const celHealth = hasFeature(site.versions, 'fluxHealthCheckExprs');

  for (const o of objects) {
    // declared live-owned fields (an aggregated ClusterRole's rules need nothing: they are not in the manifest)
    const add: Record<string, string> = (o.placement.ignoreDifferences ?? []).length > 0 ? { [FLUX_SSA]: 'IfNotPresent' } : {};
    if (o.placement.dataBearing && !g.allowPruneOfDataBearing) add[FLUX_PRUNE] = 'disabled';
    if (Object.keys(add).length > 0) {
      const md = o.manifest.metadata;
      const merged = { ...(md.annotations ?? {}), ...add };
      md.annotations = Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]]));
      o.manifest.metadata = Object.fromEntries(Object.keys(md).sort().map((k) => [k, md[k]]));
    }
  }

  // Flux paths are relative to the repository root; accept 'dist/x', './dist/x' and '/dist/x' alike
  const base = path.posix.normalize(g.path ?? `dist/${site.siteName}`).replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
  const fleet = isFluxFleetSite(g);
  const hub: RenderedObject[] = [];
  if (g.kubeConfigSecretRef) {
    for (let i = objects.length - 1; i >= 0; i--) {
      if (apiGroupOf(String(objects[i].manifest.apiVersion)).endsWith('.toolkit.fluxcd.io')) hub.unshift(...objects.splice(i, 1));
    }
    toHub(site, g, hub);
  }
  const hubFile = (o: RenderedObject) => `${FLUX_HUB_DIR}/${o.layer.dir}/${String(o.manifest.kind).toLowerCase()}_${o.manifest.metadata.name}.yaml`;
  /** The Kustomizations in order: per layer, the hub part (if any) before the part for the site's cluster. */
  const chain: { layer: LayerInfo; name: string; path: string; remote: boolean; objs: RenderedObject[] }[] = [];
  for (const l of used) {
    const h = hub.filter((o) => o.layer.id === l.id);
    const own = objects.filter((o) => o.layer.id === l.id);
    if (h.length > 0) chain.push({ layer: l, name: `${fluxKustomizationName(site, l.id)}${own.length > 0 ? '-hub' : ''}`, path: `./${base}/${FLUX_HUB_DIR}/${l.dir}`, remote: false, objs: h });
    if (own.length > 0) chain.push({ layer: l, name: fluxKustomizationName(site, l.id), path: `./${base}/${l.dir}`, remote: true, objs: own });
  }
  /** The Kustomization another layer's dependsOn waits for: the last of the layer. */
  const lastOf = (id: LayerId) => [...chain].reverse().find((c) => c.layer.id === id)!.name;
  const gitopsFile = (name: string) => (fleet ? `flux/${site.siteName}/${name}` : `${GITOPS_DIR}/${name}`);
  const repo = {
    apiVersion: apis.GitRepository,
    kind: 'GitRepository',
    metadata: { name: site.siteName, namespace: g.fluxNamespace },
    spec: toJson_GitRepositorySpec({ interval: g.interval, url: g.url, ref: { branch: g.branch }, secretRef: g.secretRef ? { name: g.secretRef } : undefined }),
  };
  const files: EngineFile[] = [{ path: gitopsFile(`gitrepository_${site.siteName}.yaml`), fleet, manifests: [repo] }];
  for (const o of hub) files.push({ path: hubFile(o), manifests: [o.manifest] });
  const sops = site.sopsDecryption;
  chain.forEach((c, i) => {
    const l = c.layer;
    const name = c.name;
    const dataBearing = c.objs.some((o) => o.placement.dataBearing);
    const first = chain.findIndex((x) => x.layer.id === l.id) === i;
    const deps = [
      ...(i > 0 ? [{ name: chain[i - 1].name }] : []),
      ...(first ? (g.dependsOn?.[l.id] ?? []).map((d) => (d.includes('/') ? { namespace: d.split('/')[0], name: d.split('/')[1] } : { name: lastOf(d as LayerId) })) : []),
    ];
    const kinds = new Set(c.objs.map((o) => String(o.manifest.kind)));
    const exprs: KustomizationSpecHealthCheckExprs[] = (celHealth ? HEALTH_EXPRS[l.id] ?? [] : []).filter((h) => kinds.has(h.kind)).map((h) => ({ apiVersion: 'ceph.rook.io/v1', kind: h.kind, current: h.current, failed: h.failed }));
    files.push({
      path: gitopsFile(`kustomization_${name}.yaml`),
      fleet,
      manifests: [{
        apiVersion: apis.Kustomization,
        kind: 'Kustomization',
        metadata: { name, namespace: g.fluxNamespace },
        spec: toJson_KustomizationSpec({
          interval: g.interval,
          path: c.path,
          prune: dataBearing ? g.allowPruneOfDataBearing : true,
          sourceRef: { kind: KustomizationSpecSourceRefKind.GIT_REPOSITORY, name: site.siteName },
          dependsOn: deps.length > 0 ? deps : undefined,
          wait: true,
          timeout: g.timeout,
          healthCheckExprs: exprs.length > 0 ? exprs : undefined,
          decryption: sops ? { provider: KustomizationSpecDecryptionProvider.SOPS, secretRef: { name: sops.secretName } } : undefined,
          // no targetNamespace: it would move every object of the layer into one namespace; each carries its own
          kubeConfig: c.remote && g.kubeConfigSecretRef ? { secretRef: { name: g.kubeConfigSecretRef } } : undefined,
          serviceAccountName: c.remote ? g.serviceAccountName : undefined,
        }),
      }],
    });
  });
  if (fleet) {
    files.push({
      path: `${GITOPS_DIR}/BOOTSTRAP.md`,
      text: [
        `# Site ${site.siteName}: reconciled from the Flux management cluster`,
        '',
        `The GitRepository and Kustomizations of this site are in \`dist/${FLEET_DIR}/flux/${site.siteName}/\`; apply them to the management cluster`,
        `(\`kubectl apply -f dist/${FLEET_DIR}/flux/${site.siteName}/\`, or a Kustomization there over \`./dist/${FLEET_DIR}/flux\`).`,
        ...(g.kubeConfigSecretRef ? [`Create the Secret \`${g.kubeConfigSecretRef}\` in \`${g.fluxNamespace}\` of the management cluster with the site cluster's kubeconfig under the key \`value\`.`] : []),
        ...(g.serviceAccountName ? [`The Kustomizations act as the ServiceAccount \`${g.serviceAccountName}\` (\`${g.fluxNamespace}\`${g.kubeConfigSecretRef ? ' in the site cluster' : ''}); give it the RBAC the site's objects need.`] : []),
        '',
        'Kustomizations, each waiting for the previous one to be healthy:',
        '',
        ...chain.map((c) => `- \`${c.name}\`: \`${c.remote ? c.layer.dir : `${FLUX_HUB_DIR}/${c.layer.dir}`}/\` (${c.remote ? c.layer.title : 'Flux objects the management cluster holds for the site'})`),
      ].join('\n'),
    });
    return files;
  }
  files.push({
    path: `${GITOPS_DIR}/BOOTSTRAP.md`,
    text: [
      `# Bootstrapping site ${site.siteName} with Flux ${(site.versions.flux ?? '').replace(/\.0$/, '')}`,
      '',
      `1. Install Flux (\`flux install\` or \`flux bootstrap\`) so that it runs in namespace \`${g.fluxNamespace}\`${g.secretRef ? ` and create the Git credentials Secret \`${g.secretRef}\` there` : ''}.`,
      ...(sops ? [`2. Create the SOPS key Secret \`${sops.secretName}\` in \`${g.fluxNamespace}\`.`] : []),
      `${sops ? 3 : 2}. \`kubectl apply -f ${base}/${GITOPS_DIR}/\``,
      '',
      'Kustomizations, each waiting for the previous one to be healthy:',
      '',
      ...chain.map((c) => `- \`${c.name}\`: \`${c.layer.dir}/\` (${c.layer.title})${c.objs.some((o) => o.placement.dataBearing) && !g.allowPruneOfDataBearing ? ', prune: false' : ''}`),
      ...lineNote(site.versions),
    ].join('\n'),
  });
  return files;
}
