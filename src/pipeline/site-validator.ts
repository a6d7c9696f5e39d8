/**
 * The one place a Validator is built for a site and for the fleet hub (dist/_fleet/): synth, the streamed synth,
 * plan, synth's immutable-field warning, `check-dist` and `site-schemas` all read a site's schemas from here, so
 * what synth validates with and what the CLI checks or exports are the same schemas.
 *
 * Light on purpose (the validator and nothing else): the CLI's validation commands import it without loading the
 * constructs.
 */
import { Validator, ValidatorOptions } from '../validation/validator';

/** What the validator reads of a site (a `Site`, or anything with its versions and schema sources). */
export interface SchemaSite {
  readonly versions: { readonly kubernetes: string };
  readonly schemaSources: readonly string[];
  readonly schemaAliases: Readonly<Record<string, string>>;
}

/** The schemas of one validator: Kubernetes version, CRD sources, schema aliases. */
export interface SchemaOptions {
  readonly kubernetesVersion: string;
  readonly crdSources: string[];
  readonly schemaAliases: Record<string, string>;
}

export interface SiteValidatorOptions {
  /** Upstream mirror for schema sources the bundle lacks. @default - resolved by the validator */
  readonly upstreamDir?: string;
  /** The API server's checks beyond the schemas. @default true */
  readonly apiServerChecks?: boolean;
  /**
   * One validator per process and combination of schemas (compiled schemas and validation results reused across
   * sites). `false` builds a new one, whose `skippedRules()` then name only what it validated (`check-dist`).
   * @default true
   */
  readonly shared?: boolean;
}

/** The schemas a site's objects are validated with: its Kubernetes version, its CRD sources, its schema aliases. */
export function siteSchemaOptions(site: SchemaSite): SchemaOptions {
  return { kubernetesVersion: site.versions.kubernetes, crdSources: site.schemaSources as string[], schemaAliases: site.schemaAliases as Record<string, string> };
}

/** Whether a CRD source is a GitOps engine's (the kinds dist/_fleet/ holds). */
const isEngineSource = (s: string) => /^(argo-cd|flux)@/.test(s);

/**
 * The schemas dist/_fleet/ is checked with (by synth, `check-dist` and the kubeconform command of `site-schemas`):
 * the CRDs of the engines the fleet's sites run, with the core schemas of the newest Kubernetes among them (the hub's
 * own version is not declared; these objects are custom resources either way).
 */
export function fleetSchemaOptions(sites: readonly SchemaSite[]): SchemaOptions {
  const versions = sites.map((s) => s.versions.kubernetes).sort((a, b) => {
    const pa = a.split('.').map(Number);
    const pb = b.split('.').map(Number);
    return pa[0] - pb[0] || pa[1] - pb[1] || pa[2] - pb[2];
  });
  const sources = [...new Set(sites.flatMap((s) => s.schemaSources.filter(isEngineSource)))].sort();
  return { kubernetesVersion: versions[versions.length - 1], crdSources: sources, schemaAliases: Object.assign({}, ...sites.map((s) => s.schemaAliases)) };
}

const validators = new Map<string, Validator>();

function validatorFor(o: SchemaOptions, opts: SiteValidatorOptions): Validator {
  const options: ValidatorOptions = { kubernetesVersion: o.kubernetesVersion, crdSources: o.crdSources, upstreamDir: opts.upstreamDir, apiServerChecks: opts.apiServerChecks, schemaAliases: o.schemaAliases };
  if (opts.shared === false) return new Validator(options);
  const key = JSON.stringify([o.kubernetesVersion, o.crdSources, opts.upstreamDir, o.schemaAliases, opts.apiServerChecks]);
  let validator = validators.get(key);
  if (!validator) {
    validator = new Validator(options);
    validators.set(key, validator);
  }
  return validator;
}

/** The validator of a site's objects ({@link siteSchemaOptions}); one per process and combination unless `shared: false`. */
export function siteValidator(site: SchemaSite, opts: SiteValidatorOptions = {}): Validator {
  return validatorFor(siteSchemaOptions(site), opts);
}

/** The validator of dist/_fleet/ ({@link fleetSchemaOptions}); one per process and combination unless `shared: false`. */
export function fleetValidator(sites: readonly SchemaSite[], opts: SiteValidatorOptions = {}): Validator {
  return validatorFor(fleetSchemaOptions(sites), opts);
}
