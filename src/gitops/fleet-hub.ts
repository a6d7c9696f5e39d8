/**
 * What a fleet's hub or management cluster reads, under dist/_fleet/: the one Argo CD `ApplicationSet` of the
 * hub-and-spoke sites (`argocd/`), and the Kustomizations of the sites a Flux management cluster reconciles
 * (`flux/<site>/`, rendered by the Flux engine). Also the check that two sites never aim at the same cluster and
 * namespace (their engines would fight over the same objects).
 */
import { ConfigError, ConfigProblem } from '../foundation/errors';
import { argoFleetApplicationSet, argoFleetElement, FLEET_APPLICATIONSET } from './argocd';
import { EngineFile, EngineSite, FLEET_DIR } from '../site/gitops-config';

/** One rendered site as the fleet sees it. */
export interface FleetMember {
  readonly site: EngineSite;
  /** Namespaces the site's objects live in (and the Namespaces it creates). */
  readonly namespaces: readonly string[];
  /** Files the site's engine wrote for the fleet (relative to dist/_fleet/). */
  readonly fleetFiles: readonly EngineFile[];
}

/** The cluster a site's engine applies to when it is driven from a hub, as a comparable key and a description. */
export function fleetDestination(site: EngineSite): { key: string; text: string; field: string } | undefined {
  const g = site.gitops;
  if (g.engine === 'argocd' && g.destination) {
    return 'name' in g.destination
      ? { key: `argocd name ${g.destination.name}`, text: `Argo CD cluster "${g.destination.name}"`, field: 'gitops.destination.name' }
      : { key: `argocd server ${g.destination.server}`, text: `Argo CD server ${g.destination.server}`, field: 'gitops.destination.server' };
  }
  if (g.engine === 'flux' && g.kubeConfigSecretRef) {
    return { key: `flux kubeconfig ${g.fluxNamespace}/${g.kubeConfigSecretRef}`, text: `the cluster of kubeconfig Secret ${g.fluxNamespace}/${g.kubeConfigSecretRef}`, field: 'gitops.kubeConfigSecretRef' };
  }
  return undefined;
}

/** Whether dist/_fleet/ holds files of this site (an Argo CD site with a destination, a Flux site of a management cluster). */
export function isHubDriven(site: EngineSite): boolean {
  const g = site.gitops;
  return (g.engine === 'argocd' && g.destination !== undefined) || (g.engine === 'flux' && (g.kubeConfigSecretRef !== undefined || g.serviceAccountName !== undefined));
}

/** Two sites aimed at the same cluster that share a namespace. */
export function destinationConflicts(members: readonly FleetMember[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const byKey = new Map<string, FleetMember[]>();
  for (const m of members) {
    const d = fleetDestination(m.site);
    if (!d) continue;
    const list = byKey.get(d.key) ?? [];
    for (const other of list) {
      const shared = m.namespaces.filter((n) => other.namespaces.includes(n));
      if (shared.length === 0) continue;
      problems.push({
        path: `${m.site.node.path}: ${d.field}`,
        problem: `site "${m.site.siteName}" and site "${other.site.siteName}" both sync to ${d.text} and both own namespace${shared.length > 1 ? 's' : ''} ${shared.map((n) => `"${n}"`).join(', ')}: their engines would overwrite each other's objects (and prune them)`,
        value: d.text,
        allowed: 'one site per cluster and namespace',
        fix: `give site "${m.site.siteName}" the destination of its own cluster, or move its objects to namespaces of their own (e.g. another RookCluster/RookOperator namespace)`,
      });
    }
    list.push(m);
    byKey.set(d.key, list);
  }
  return problems;
}

/** The files of dist/_fleet/ (paths relative to it). Throws ConfigError. */
export function renderFleet(members: readonly FleetMember[]): EngineFile[] {
  const problems = destinationConflicts(members);
  const argo = members.filter((m) => argoFleetElement(m.site) !== undefined);
  const namespaces = [...new Set(argo.map((m) => (m.site.gitops as { argocdNamespace: string }).argocdNamespace))];
  if (namespaces.length > 1) {
    const first = (argo[0].site.gitops as { argocdNamespace: string }).argocdNamespace;
    const odd = argo.find((m) => (m.site.gitops as { argocdNamespace: string }).argocdNamespace !== first)!;
    problems.push({
      path: `${odd.site.node.path}: gitops.argocdNamespace`,
      problem: `the fleet's one ApplicationSet lives in one hub namespace, but the hub-and-spoke sites name ${namespaces.map((n) => `"${n}"`).join(' and ')}`,
      value: (odd.site.gitops as { argocdNamespace: string }).argocdNamespace,
      allowed: `"${first}" (the namespace of site "${argo[0].site.siteName}")`,
      fix: 'give every site with a destination the same argocdNamespace (the hub\'s Argo CD namespace)',
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const files: EngineFile[] = members.flatMap((m) => m.fleetFiles);
  if (argo.length > 0) {
    const elements = argo.map((m) => argoFleetElement(m.site)!).sort((a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : 0));
    files.push({ path: `argocd/applicationset_${FLEET_APPLICATIONSET}.yaml`, manifests: [argoFleetApplicationSet(namespaces[0], elements)] });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export { FLEET_DIR };
