import * as path from 'path';
/**
 * Flux rendering of the ordering model: a `GitRepository` for the site and one `Kustomization` per
 * non-empty layer, each `dependsOn` the previous one, with `wait`, CEL health checks on Ceph status, and
 * `prune: false` on layers that hold data-bearing objects (which also carry
 * `kustomize.toolkit.fluxcd.io/prune: disabled`).
 */
import { ConfigError, ConfigProblem } from '../core/errors';
import { EngineFile, FluxConfig, GITOPS_DIR, RenderedObject, EngineSite } from './engine';
import { LayerId, LAYERS } from './layers';

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
  const repo = {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name: site.siteName, namespace: g.fluxNamespace },
    spec: { interval: g.interval, url: g.url, ref: { branch: g.branch }, secretRef: g.secretRef ? { name: g.secretRef } : undefined },
  };
  const files: EngineFile[] = [{ path: `${GITOPS_DIR}/gitrepository_${site.siteName}.yaml`, manifests: [repo] }];
  const sops = site.sopsDecryption;
  used.forEach((l, i) => {
    const dataBearing = objects.some((o) => o.layer.id === l.id && o.placement.dataBearing);
    const deps = [
      ...(i > 0 ? [{ name: fluxKustomizationName(site, used[i - 1].id) }] : []),
      ...((g.dependsOn?.[l.id] ?? []).map((d) => (d.includes('/') ? { namespace: d.split('/')[0], name: d.split('/')[1] } : { name: fluxKustomizationName(site, d as LayerId) }))),
    ];
    const kinds = new Set(objects.filter((o) => o.layer.id === l.id).map((o) => String(o.manifest.kind)));
    const exprs = (HEALTH_EXPRS[l.id] ?? []).filter((h) => kinds.has(h.kind)).map((h) => ({ apiVersion: 'ceph.rook.io/v1', kind: h.kind, current: h.current, failed: h.failed }));
    const name = fluxKustomizationName(site, l.id);
    files.push({
      path: `${GITOPS_DIR}/kustomization_${name}.yaml`,
      manifests: [{
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata: { name, namespace: g.fluxNamespace },
        spec: {
          interval: g.interval,
          path: `./${base}/${l.dir}`,
          prune: dataBearing ? g.allowPruneOfDataBearing : true,
          sourceRef: { kind: 'GitRepository', name: site.siteName },
          dependsOn: deps.length > 0 ? deps : undefined,
          wait: true,
          timeout: g.timeout,
          healthCheckExprs: exprs.length > 0 ? exprs : undefined,
          decryption: sops ? { provider: 'sops', secretRef: { name: sops.secretName } } : undefined,
        },
      }],
    });
  });
  files.push({
    path: `${GITOPS_DIR}/BOOTSTRAP.md`,
    text: [
      `# Bootstrapping site ${site.siteName} with Flux`,
      '',
      `1. Install Flux (\`flux install\` or \`flux bootstrap\`) so that it runs in namespace \`${g.fluxNamespace}\`${g.secretRef ? ` and create the Git credentials Secret \`${g.secretRef}\` there` : ''}.`,
      ...(sops ? [`2. Create the SOPS key Secret \`${sops.secretName}\` in \`${g.fluxNamespace}\`.`] : []),
      `${sops ? 3 : 2}. \`kubectl apply -f ${base}/${GITOPS_DIR}/\``,
      '',
      'Kustomizations, each waiting for the previous one to be healthy:',
      '',
      ...used.map((l) => `- \`${fluxKustomizationName(site, l.id)}\`: \`${l.dir}/\` (${l.title})${objects.some((o) => o.layer.id === l.id && o.placement.dataBearing) && !g.allowPruneOfDataBearing ? ', prune: false' : ''}`),
    ].join('\n'),
  });
  return files;
}
