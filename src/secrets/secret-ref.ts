/**
 * Secret references: how a Secret that a consumer (Rook, ceph-csi) reads reaches the cluster
 * without its key material ever being written to git in plain text.
 *
 * A consumer describes the Secret it needs as a {@link SecretTarget}: its fixed name and namespace,
 * the non-secret keys with their values (user names, fsid, placeholders — these come from typed props),
 * and the names of the secret keys. A `SecretRef` supplies the secret keys:
 *
 * - `SecretRef.existing()` — a Secret created outside this repository; nothing is emitted.
 * - `SecretRef.externalSecret(...)` — an External Secrets `ExternalSecret` (external-secrets v2.9.0 CRD):
 *   each secret key from a remote key + property of a `SecretStore`/`ClusterSecretStore`; the
 *   non-secret keys are literal template data.
 * - `SecretRef.sealedSecret(...)` — a Sealed Secrets `SealedSecret` (v0.36.6 CRD): ciphertext only
 *   (made with `kubeseal`); the non-secret keys are literal template data.
 * - `SecretRef.sops(...)` — a SOPS-encrypted Secret manifest the user maintains at a path outside
 *   dist/; it is copied verbatim into the site and Flux decrypts it (the site's `decryption` block).
 * - `SecretRef.unsafePlaintext(...)` — the only way to put key material in git in plain text. The
 *   emitted Secret carries the {@link UNSAFE_PLAINTEXT_ANNOTATION} annotation so scans can name it.
 */
import { UNSAFE_PLAINTEXT_KEY } from './output-scan';
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { KubeSecret } from '../../imports/k8s';
import { ExternalSecret, ExternalSecretSpecSecretStoreRefKind, ExternalSecretSpecTargetTemplateEngineVersion } from '../../imports/external-secrets.io';
import { SealedSecret } from '../../imports/bitnami.com';
import { Construct } from 'constructs';
import * as YAML from 'yaml';
import { z } from 'zod';
import { ConfigError, ConfigProblem, parseProps } from '../foundation/errors';
import { layerInfo, LayerId, place } from '../site/layers';
import { dnsName } from '../foundation/props';
import { Site } from '../site/site';
import { keyMaterialReason, maskValue } from './key-material';
import { PropsMatch } from '../foundation/props-check';

/** Annotation on every Secret emitted with plaintext values (only through `SecretRef.unsafePlaintext`). */
export const UNSAFE_PLAINTEXT_ANNOTATION = UNSAFE_PLAINTEXT_KEY;

/** The pinned CRD sources of the secret tools. */
export const EXTERNAL_SECRETS_SOURCE = 'external-secrets@v2.9.0';
export const SEALED_SECRETS_SOURCE = 'sealed-secrets@v0.36.6';

/** A Secret a consumer reads, as the consumer describes it. */
export interface SecretTarget {
  /** Secret name (fixed by the consumer, e.g. `rook-csi-rbd-node`). */
  readonly name: string;
  readonly namespace: string;
  /** Secret type. @default 'Opaque' */
  readonly type?: string;
  /** Non-secret keys and their values (user names, fsid, placeholders). */
  readonly plain: Readonly<Record<string, string>>;
  /** Keys whose values are secret and come from the SecretRef. */
  readonly secretKeys: readonly string[];
  /** Layer the emitted object goes into. */
  readonly layer: LayerId;
  /** Who reads the Secret, for messages, e.g. `Rook v1.20.6 (external cluster)`. */
  readonly consumer: string;
  /**
   * Hints for keys the consumer does not read on this version, e.g.
   * `{ adminKey: 'the CephFS CSI shape of Rook <= 1.17' }`.
   */
  readonly otherShapes?: Readonly<Record<string, string>>;
}

/** Where one secret key lives in an external secret store. */
export interface RemoteRef {
  /** Remote key (path) in the store, e.g. `ceph/dc2/rook-csi-rbd-node`. */
  readonly key: string;
  /** Property of the remote secret (for stores with structured secrets, e.g. Vault KV). @default - the whole value */
  readonly property?: string;
  /** Version of the remote secret. @default - latest */
  readonly version?: string;
}

/** The External Secrets store an ExternalSecret reads from. */
export interface SecretStoreRef {
  /** A cluster-wide `ClusterSecretStore`, or a namespaced `SecretStore` (in the consumer's namespace). */
  readonly kind: 'ClusterSecretStore' | 'SecretStore';
  /** Name of the store. */
  readonly name: string;
}

/** Props of {@link SecretRef.externalSecret}. */
export interface ExternalSecretRefProps {
  /** The store the values come from. A `SecretStore` must live in the consumer's namespace. */
  readonly store: SecretStoreRef;
  /** One remote reference per secret key of the consumer's Secret. */
  readonly data: Readonly<Record<string, RemoteRef>>;
  /** How often External Secrets re-reads the store. @default - the operator default (1h) */
  readonly refreshInterval?: string;
}

/** Props of {@link SecretRef.sealedSecret}. */
export interface SealedSecretRefProps {
  /** Ciphertext per secret key, as printed by `kubeseal --raw` (strict scope: bound to the Secret's name and namespace). */
  readonly encryptedData: Readonly<Record<string, string>>;
}

/** Props of {@link SecretRef.sops}. */
export interface SopsRefProps {
  /**
   * Path of a SOPS-encrypted Secret manifest, relative to the directory synth runs in (the project root)
   * or absolute. It must live outside dist/ (dist/<site>/ is replaced on every synth).
   */
  readonly file: string;
  /** Secret in the Flux namespace holding the age/PGP private key (Kustomization `spec.decryption.secretRef`). @default 'sops-age' */
  readonly decryptionSecret?: string;
}

type Kind = 'existing' | 'externalSecret' | 'sealedSecret' | 'sops' | 'unsafePlaintext';

const remoteRefSchema = z.strictObject({
  key: z.string().min(1),
  property: z.string().min(1).optional(),
  version: z.string().min(1).optional(),
});
const secretKeyName = z.string().regex(/^[-._a-zA-Z0-9]+$/, { message: 'not a Secret key (letters, digits, "-", "_", ".")' });
const externalSchema = z.strictObject({
  store: z.strictObject({ kind: z.enum(['ClusterSecretStore', 'SecretStore']), name: dnsName }),
  data: z.record(secretKeyName, remoteRefSchema),
  refreshInterval: z.string().regex(/^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/, { message: 'not a Go duration like "1h" or "15m"' }).optional(),
});
const sealedSchema = z.strictObject({ encryptedData: z.record(secretKeyName, z.string()) });
const sopsSchema = z.strictObject({ file: z.string().min(1), decryptionSecret: dnsName.default('sops-age') });
const _externalSecretRefProps: PropsMatch<ExternalSecretRefProps, z.input<typeof externalSchema>> = true;
const _sealedSecretRefProps: PropsMatch<SealedSecretRefProps, z.input<typeof sealedSchema>> = true;
const _sopsRefProps: PropsMatch<SopsRefProps, z.input<typeof sopsSchema>> = true;
const _remoteRef: PropsMatch<RemoteRef, z.input<typeof remoteRefSchema>> = true;

/** Escapes Go-template delimiters so literal template data renders as itself. */
export function literalForTemplate(v: string): string {
  return v.includes('{{') ? v.replace(/\{\{/g, '{{ "{{" }}') : v;
}

/**
 * How the secret values of a consumer's Secret reach the cluster. Create one with the static methods.
 */
export class SecretRef {
  /** A Secret created outside this repository (by hand, by another tool). Nothing is emitted. */
  public static existing(): SecretRef {
    return new SecretRef('existing', {});
  }

  /** An External Secrets `ExternalSecret` that builds the Secret from a secret store. */
  public static externalSecret(props: ExternalSecretRefProps): SecretRef {
    const p = parseProps('SecretRef.externalSecret', externalSchema, props);
    return new SecretRef('externalSecret', p);
  }

  /** A Sealed Secrets `SealedSecret`: ciphertext only, made with `kubeseal` for the target name and namespace. */
  public static sealedSecret(props: SealedSecretRefProps): SecretRef {
    const p = parseProps('SecretRef.sealedSecret', sealedSchema, props);
    const problems: ConfigProblem[] = [];
    for (const [k, v] of Object.entries(p.encryptedData)) {
      const plain = keyMaterialReason(v) && /AQ[A-Za-z0-9+/]{36}==/.test(v);
      if (plain || v.length < 300 || !/^[A-Za-z0-9+/]+={0,2}$/.test(v)) {
        problems.push({
          path: `SecretRef.sealedSecret: encryptedData.${k}`,
          problem: plain
            ? 'this is a plain cephx key, not Sealed Secrets ciphertext'
            : 'this is not Sealed Secrets ciphertext (kubeseal prints several hundred base64 characters per value)',
          value: maskValue(v),
          allowed: 'the output of `kubeseal --raw --namespace <ns> --name <secret> --from-file=/dev/stdin`',
          fix: 'seal the value with kubeseal for this Secret name and namespace and paste the ciphertext',
        });
      }
    }
    if (problems.length) throw new ConfigError(problems);
    return new SecretRef('sealedSecret', p);
  }

  /** A SOPS-encrypted Secret manifest maintained by the user; Flux decrypts it. */
  public static sops(props: SopsRefProps): SecretRef {
    const p = parseProps('SecretRef.sops', sopsSchema, props);
    return new SecretRef('sops', p);
  }

  /**
   * UNSAFE: commits the given values in plain text. The Secret is annotated with
   * `gitops-storage/unsafe-plaintext` so a scan of dist/ names it. Use for throw-away test clusters only.
   */
  public static unsafePlaintext(values: Readonly<Record<string, string>>): SecretRef {
    const p = parseProps('SecretRef.unsafePlaintext', z.record(secretKeyName, z.string()), values);
    return new SecretRef('unsafePlaintext', { values: p });
  }

  public static isSecretRef(x: unknown): x is SecretRef {
    return x instanceof SecretRef;
  }

  private constructor(public readonly kind: Kind, private readonly props: any) {}

  /** Secret keys this reference provides, or undefined when it cannot know (existing Secrets, SOPS files). */
  public providedKeys(): string[] | undefined {
    switch (this.kind) {
      case 'externalSecret': return Object.keys(this.props.data).sort();
      case 'sealedSecret': return Object.keys(this.props.encryptedData).sort();
      case 'unsafePlaintext': return Object.keys(this.props.values).sort();
      default: return undefined;
    }
  }

  /** One-line description of where the values come from, for notes and messages. */
  public describe(key?: string): string {
    switch (this.kind) {
      case 'existing': return 'an existing Secret (created outside this repository)';
      case 'externalSecret': {
        const s = `${this.props.store.kind} "${this.props.store.name}"`;
        if (!key) return `ExternalSecret from ${s}`;
        const r = this.props.data[key] as RemoteRef;
        return `${s}, remote key "${r.key}"${r.property ? `, property "${r.property}"` : ''}`;
      }
      case 'sealedSecret': return 'SealedSecret ciphertext';
      case 'sops': return `SOPS file ${this.props.file}`;
      case 'unsafePlaintext': return 'PLAIN TEXT in git (SecretRef.unsafePlaintext)';
    }
  }

  /**
   * Checks that this reference provides exactly the secret keys the consumer reads.
   * Returns problems; never throws.
   */
  public checkKeys(path: string, target: SecretTarget): ConfigProblem[] {
    const provided = this.providedKeys();
    if (!provided) return [];
    const want = [...target.secretKeys].sort();
    const out: ConfigProblem[] = [];
    const missing = want.filter((k) => !provided.includes(k));
    const extra = provided.filter((k) => !want.includes(k));
    if (missing.length) {
      out.push({
        path,
        problem: `the reference for Secret "${target.name}" does not provide ${missing.map((k) => `"${k}"`).join(', ')}, which ${target.consumer} reads; the Secret would be incomplete and the consumer would fail to authenticate`,
        value: provided,
        allowed: `exactly the secret keys ${want.map((k) => `"${k}"`).join(', ')}`,
        fix: `add ${missing.map((k) => `"${k}"`).join(', ')} to the reference`,
      });
    }
    for (const k of extra) {
      const plain = k in target.plain;
      const other = target.otherShapes?.[k];
      out.push({
        path,
        problem: plain
          ? `"${k}" of Secret "${target.name}" is not secret: it is set from typed props (value "${target.plain[k]}"), not from the reference`
          : other
            ? `"${k}" is ${other}; ${target.consumer} does not read it`
            : `${target.consumer} does not read a key "${k}" in Secret "${target.name}"`,
        value: k,
        allowed: `secret keys ${want.map((x) => `"${x}"`).join(', ')}`,
        fix: plain ? `remove "${k}" from the reference (set it in the construct's props if it differs)` : `rename "${k}" to the key ${target.consumer} reads, or remove it`,
      });
    }
    return out;
  }

  /** Emits what materialises the Secret (nothing for `existing`). */
  public render(scope: Construct, id: string, target: SecretTarget): ApiObject | undefined {
    const site = Site.of(scope);
    const type = target.type ?? 'Opaque';
    const plain: Record<string, string> = {};
    for (const k of Object.keys(target.plain).sort()) plain[k] = target.plain[k];
    switch (this.kind) {
      case 'existing':
        site.addProvidedObject({ kind: 'Secret', namespace: target.namespace, name: target.name }, `the cluster (declared by SecretRef.existing() at ${scope.node.path})`);
        return undefined;
      case 'externalSecret': {
        site.useCrdSource(EXTERNAL_SECRETS_SOURCE);
        const p = this.props as z.output<typeof externalSchema>;
        // The Secret is built from the template only (mergePolicy Replace, the default): non-secret keys as
        // literals, each secret key from the value fetched under a Go-identifier-safe secretKey.
        const fetched = (k: string) => k.replace(/[^A-Za-z0-9_]/g, '_');
        const templData: Record<string, string> = {};
        for (const [k, v] of Object.entries(plain)) templData[k] = literalForTemplate(v);
        for (const k of Object.keys(p.data).sort()) templData[k] = `{{ .${fetched(k)} }}`;
        const obj = new ExternalSecret(scope, id, {
          metadata: { name: target.name, namespace: target.namespace },
          spec: {
            secretStoreRef: { kind: p.store.kind as ExternalSecretSpecSecretStoreRefKind, name: p.store.name },
            refreshInterval: p.refreshInterval,
            target: {
              name: target.name,
              template: { type, engineVersion: ExternalSecretSpecTargetTemplateEngineVersion.V2, data: templData },
            },
            data: Object.keys(p.data).sort().map((k) => ({
              secretKey: fetched(k),
              remoteRef: { key: p.data[k].key, property: p.data[k].property, version: p.data[k].version },
            })),
          },
        });
        return place(obj, target.layer);
      }
      case 'sealedSecret': {
        site.useCrdSource(SEALED_SECRETS_SOURCE);
        const enc: Record<string, string> = {};
        for (const k of Object.keys(this.props.encryptedData).sort()) enc[k] = this.props.encryptedData[k];
        const templData: Record<string, string> = {};
        for (const [k, v] of Object.entries(plain)) templData[k] = literalForTemplate(v);
        const obj = new SealedSecret(scope, id, {
          metadata: { name: target.name, namespace: target.namespace },
          spec: {
            encryptedData: enc,
            template: { type, data: Object.keys(templData).length ? templData : undefined },
          },
        });
        return place(obj, target.layer);
      }
      case 'sops': {
        this.renderSops(site, scope, target);
        return undefined;
      }
      case 'unsafePlaintext': {
        const obj = new KubeSecret(scope, id, {
          type,
          metadata: {
            name: target.name,
            namespace: target.namespace,
            annotations: { [UNSAFE_PLAINTEXT_ANNOTATION]: 'key material committed in plain text by SecretRef.unsafePlaintext' },
          },
          stringData: { ...plain, ...this.props.values },
        });
        return place(obj, target.layer);
      }
    }
  }

  private renderSops(site: Site, scope: Construct, target: SecretTarget): void {
    const p = this.props as z.output<typeof sopsSchema>;
    const where = `${scope.node.path}: secrets (SOPS file for "${target.name}")`;
    if (site.gitops.engine !== 'flux') {
      throw new ConfigError({
        path: where,
        problem: `SOPS files are decrypted by Flux's kustomize-controller, but site "${site.siteName}" uses the "${site.gitops.engine}" engine; the encrypted Secret would be applied as is`,
        value: site.gitops.engine,
        allowed: 'gitops.engine "flux" for SecretRef.sops',
        fix: 'set gitops: { engine: "flux", ... } on the Site, or use SecretRef.externalSecret / sealedSecret',
      });
    }
    const abs = path.resolve(p.file);
    const rel = path.relative(process.cwd(), abs);
    if (/^dist([\\/]|$)/.test(rel)) {
      throw new ConfigError({ path: where, problem: 'the SOPS file is inside dist/, which synth replaces on every run', value: p.file, allowed: 'a path outside dist/, e.g. "secrets/<site>/<name>.sops.yaml"', fix: 'move the file out of dist/' });
    }
    const skeleton = [
      'apiVersion: v1', 'kind: Secret', `type: ${target.type ?? 'Opaque'}`,
      'metadata:', `  name: ${target.name}`, `  namespace: ${target.namespace}`, 'stringData:',
      ...Object.keys(target.plain).sort().map((k) => `  ${k}: "${target.plain[k]}"`),
      ...[...target.secretKeys].sort().map((k) => `  ${k}: <value of ${k}>`),
    ].join('\n');
    const encrypt = `sops --encrypt --encrypted-regex '^(data|stringData)$' --age <recipient> --in-place ${p.file}`;
    if (!fs.existsSync(abs)) {
      throw new ConfigError({
        path: where,
        problem: 'the SOPS file does not exist; this project never writes key material, so you create and encrypt it',
        value: p.file,
        allowed: `an encrypted Secret manifest of this shape:\n${skeleton}`,
        fix: `write that manifest with the real values (in memory or on an encrypted disk), then run: ${encrypt}`,
      });
    }
    let doc: any;
    try {
      doc = YAML.parse(fs.readFileSync(abs, 'utf8'));
    } catch (e) {
      throw new ConfigError({ path: where, problem: `the SOPS file is not YAML: ${(e as Error).message}`, value: p.file, fix: 'encrypt a Secret manifest with sops (YAML output)' });
    }
    const values = { ...(doc?.data ?? {}), ...(doc?.stringData ?? {}) } as Record<string, unknown>;
    const problems: string[] = [];
    if (doc?.kind !== 'Secret' || doc?.apiVersion !== 'v1') problems.push(`it is a ${doc?.apiVersion ?? '?'} ${doc?.kind ?? '?'}, not a v1 Secret`);
    if (doc?.metadata?.name !== target.name || doc?.metadata?.namespace !== target.namespace) problems.push(`it names ${doc?.metadata?.namespace ?? '?'}/${doc?.metadata?.name ?? '?'}, not ${target.namespace}/${target.name}`);
    if (!doc?.sops?.mac) problems.push('it has no sops metadata (not encrypted with sops)');
    const unencrypted = Object.entries(values).filter(([, v]) => typeof v !== 'string' || !v.startsWith('ENC[')).map(([k]) => k);
    if (unencrypted.length) problems.push(`keys ${unencrypted.join(', ')} are not encrypted (values must be ENC[...])`);
    const want = [...Object.keys(target.plain), ...target.secretKeys].sort();
    const missing = want.filter((k) => !(k in values));
    if (missing.length) problems.push(`keys ${missing.join(', ')} that ${target.consumer} reads are missing`);
    if (problems.length) {
      throw new ConfigError({
        path: where,
        problem: `the SOPS file is not a usable encrypted Secret: ${problems.join('; ')}`,
        value: p.file,
        allowed: `an encrypted Secret manifest of this shape:\n${skeleton}`,
        fix: `fix the manifest, then run: ${encrypt}`,
      });
    }
    site.enableSopsDecryption(p.decryptionSecret);
    site.addProvidedObject({ kind: 'Secret', namespace: target.namespace, name: target.name }, `the SOPS file ${p.file} (decrypted by Flux)`);
    site.addArtifact(`${layerInfo(target.layer).dir}/secret_${target.namespace}_${target.name}.sops.yaml`, fs.readFileSync(abs, 'utf8'));
  }
}

export const secretRefSchema = z.custom<SecretRef>((x) => x instanceof SecretRef, {
  message: 'not a SecretRef (use SecretRef.externalSecret(...), sealedSecret(...), sops(...), existing() or unsafePlaintext(...))',
});
