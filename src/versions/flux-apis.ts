/**
 * Flux API versions per Flux line: what the site's Flux objects are written as, and the GA schema each older
 * version is validated with. Facts of the engine lines (versions/), used by the Site (schema aliases) and the Flux
 * renderer (gitops/flux.ts).
 */
import { hasFeature, VersionSet } from './index';

/**
 * The API versions the site's Flux line serves (fluxcd/flux2 at the line's tag: the API packages `cmd/flux` imports):
 * GitRepository and Kustomization v1 from 2.0 (v1beta2 before), HelmRepository v1 and HelmRelease v2 from 2.3
 * (HelmRelease v2beta2 on 2.2, v2beta1 before; HelmRepository v1beta2).
 */
export function fluxApiVersions(v: VersionSet): Record<'GitRepository' | 'Kustomization' | 'HelmRepository' | 'HelmRelease', string> {
  const v1 = hasFeature(v, 'fluxV1Apis');
  const helm2 = hasFeature(v, 'fluxHelmV2');
  return {
    GitRepository: `source.toolkit.fluxcd.io/${v1 ? 'v1' : 'v1beta2'}`,
    Kustomization: `kustomize.toolkit.fluxcd.io/${v1 ? 'v1' : 'v1beta2'}`,
    HelmRepository: `source.toolkit.fluxcd.io/${helm2 ? 'v1' : 'v1beta2'}`,
    HelmRelease: `helm.toolkit.fluxcd.io/${helm2 ? 'v2' : hasFeature(v, 'fluxHelmReleaseV2beta2') ? 'v2beta2' : 'v2beta1'}`,
  };
}

/**
 * The pinned Flux CRDs (2.9) serve only GitRepository/Kustomization/HelmRepository v1 and HelmRelease v2. An older
 * line's objects are validated with the schema of that GA version of the kind (`schemaAliases` of the validator and
 * of the exported kubeconform folders): every field the engine writes for them (Kustomization interval, path, prune,
 * sourceRef, dependsOn, wait, timeout, decryption, kubeConfig, serviceAccountName; GitRepository url, ref.branch,
 * secretRef, interval; HelmRepository url, interval; HelmRelease interval, chart.spec, install/upgrade.crds, values,
 * releaseName, targetNamespace, storageNamespace, kubeConfig, serviceAccountName) has the same name and shape in the
 * older version, so misspelt or mistyped fields are still caught; a field only the GA version has is kept out by the
 * version gates (tested), not by this schema.
 */
export function fluxSchemaAliases(v: VersionSet): Record<string, string> {
  const out: Record<string, string> = {};
  const ga: Record<string, string> = { GitRepository: 'source.toolkit.fluxcd.io/v1', Kustomization: 'kustomize.toolkit.fluxcd.io/v1', HelmRepository: 'source.toolkit.fluxcd.io/v1', HelmRelease: 'helm.toolkit.fluxcd.io/v2' };
  for (const [kind, api] of Object.entries(fluxApiVersions(v))) if (api !== ga[kind]) out[`${api}|${kind}`] = ga[kind];
  return out;
}

