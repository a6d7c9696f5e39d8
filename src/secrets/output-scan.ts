/**
 * The output scan: every file synth writes (every kind, every field, artifacts, BOOTSTRAP.md and other notes) and
 * every file `check-dist` reads is searched for key material — cephx keys and keyring lines, PEM private keys, tokens,
 * credentials in URLs — so no channel (raw Helm values, config overrides, parameters, annotations, JSON patches,
 * artifacts) can carry a key into git unseen. The only exceptions: ciphertext (SealedSecret `spec.encryptedData`,
 * SOPS `data` / `stringData` and its `sops` stanza) and Secrets made by `SecretRef.unsafePlaintext` (a warning).
 */
import { ConfigProblem } from '../foundation/errors';
import * as YAML from 'yaml';
import { yamlAliasProblem, yamlDepthProblem } from '../foundation/kube-yaml';
import { keyMaterialReason, maskValue } from './key-material';

/** Annotation of the Secrets `SecretRef.unsafePlaintext` renders (the user's explicit opt-in). */
export const UNSAFE_PLAINTEXT_KEY = 'gitops-storage/unsafe-plaintext';

const PEM_PRIVATE = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/;
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@'"]+:[^\s/@'"]+@/i;
const TOKENS: [RegExp, string][] = [
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'a GitHub token'],
  [/\bglpat-[A-Za-z0-9_-]{20,}\b/, 'a GitLab token'],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, 'a JSON Web Token (a service account or API token)'],
];

/** Why a string of the output looks like key material, or undefined. */
export function outputKeyReason(s: string): string | undefined {
  if (PEM_PRIVATE.test(s)) return 'it contains a PEM private key block';
  if (URL_CREDENTIALS.test(s)) return 'it contains a URL with a user and password ("scheme://user:password@host")';
  for (const [re, what] of TOKENS) if (re.test(s)) return `it contains ${what}`;
  return keyMaterialReason(s);
}

/** One file of the output, as synth renders it or check-dist reads it. */
export interface ScannedFile {
  /** `<site>/<path>` */
  readonly path: string;
  readonly content: string;
  /** The parsed objects, or empty for text files. */
  readonly objects: readonly unknown[];
}

export interface ScanResult {
  readonly problems: ConfigProblem[];
  /** Files with key material the user opted into (SecretRef.unsafePlaintext). */
  readonly optedIn: string[];
}

const FIX = 'keep the key out of the source and reference it: a SecretRef (SecretRef.externalSecret(...), SecretRef.sealedSecret(...), SecretRef.sops(...) or SecretRef.existing(...)) and the construct prop that takes it; if you really want this key committed in plain text, pass it through SecretRef.unsafePlaintext(...) (synth then warns)';

function problem(file: string, field: string, why: string, value: string): ConfigProblem {
  return {
    path: `${file}: ${field}`,
    problem: `this output looks like key material (${why}); it would be committed to git in plain text`,
    value: maskValue(value),
    allowed: 'no keys, tokens or passwords in the written files; references to them (SecretRef) only',
    fix: FIX,
  };
}

/** Scans files for key material; see the module comment. */
export function scanOutput(files: readonly ScannedFile[]): ScanResult {
  const problems: ConfigProblem[] = [];
  const optedIn: string[] = [];
  for (const file of files) {
    const sops = /\.sops\.ya?ml$/.test(file.path);
    let f = file;
    if (sops && f.objects.length === 0) {
      // a SOPS file is an artifact (text): read its documents; a key in a comment is caught line by line
      f.content.split('\n').forEach((line, i) => {
        const why = /^\s*#/.test(line) ? outputKeyReason(line) : undefined;
        if (why) problems.push(problem(f.path, `line ${i + 1} (a comment)`, why, line));
      });
      const docs = parseBounded(f.content);
      f = { ...f, objects: docs.length > 0 ? docs : [null] };
    }
    if (!sops && f.objects.length === 0 && /\.ya?ml$/.test(f.path)) {
      // an artifact that is YAML (host/, helm/ files): read as documents, so a finding names its field; comments by line
      const docs = parseBounded(f.content);
      if (docs.length > 0) {
        f.content.split('\n').forEach((line, i) => {
          const why = /^\s*#/.test(line) ? outputKeyReason(line) : undefined;
          if (why) problems.push(problem(f.path, `line ${i + 1} (a comment)`, why, line));
        });
        f = { ...f, objects: docs };
      }
    }
    if (f.objects.length === 0) {
      f.content.split('\n').forEach((line, i) => {
        const why = outputKeyReason(line);
        if (why) problems.push(problem(f.path, `line ${i + 1}`, why, line));
      });
      continue;
    }
    f.objects.forEach((o, i) => {
      const obj = o as { kind?: unknown; metadata?: { annotations?: Record<string, unknown> } } | null;
      if (optedInSecret(o)) {
        optedIn.push(f.path);
        return;
      }
      if (!sops && isSecretWithValues(o)) problems.push(plainSecret(f.path, o));
      if (sops) {
        const stanza = (o as { sops?: { mac?: unknown } } | null)?.sops;
        if (!stanza || typeof stanza !== 'object' || typeof stanza.mac !== 'string' || !/^ENC\[/.test(stanza.mac)) {
          problems.push({
            path: `${f.path}: sops.mac`,
            problem: 'the SOPS file carries no valid sops stanza with a MAC ("sops.mac: ENC[...]"): it is not encrypted, or was edited after encryption',
            value: stanza && typeof stanza === 'object' ? 'a sops stanza without mac' : 'no sops stanza',
            allowed: 'a file encrypted by sops (its sops stanza with mac, lastmodified and the recipients)',
            fix: 'encrypt the file with sops --encrypt --in-place (see the error of SecretRef.sops for the command), never by hand',
          });
        }
      }
      const prefix = f.objects.length > 1 ? `[document ${i + 1}] ` : '';
      walk(o, '', (field, s) => {
        if (sops && /^(data|stringData|sops)(\.|$)/.test(field)) return;
        if (obj?.kind === 'SealedSecret' && /^spec\.encryptedData\./.test(field)) return;
        const why = outputKeyReason(s);
        if (why) problems.push(problem(f.path, `${prefix}${field || '(document)'}`, why, s));
      });
    });
  }
  return { problems, optedIn };
}

function optedInSecret(o: unknown): boolean {
  const obj = o as { kind?: unknown; metadata?: { annotations?: Record<string, unknown> } } | null;
  return !!obj && obj.kind === 'Secret' && obj.metadata?.annotations?.[UNSAFE_PLAINTEXT_KEY] !== undefined;
}

function isSecretWithValues(o: unknown): boolean {
  const obj = o as { kind?: unknown; apiVersion?: unknown; data?: unknown; stringData?: unknown } | null;
  const some = (x: unknown) => !!x && typeof x === 'object' && Object.keys(x).length > 0;
  return !!obj && obj.kind === 'Secret' && obj.apiVersion === 'v1' && (some(obj.data) || some(obj.stringData));
}

function plainSecret(file: string, o: unknown): ConfigProblem {
  const m = (o as { metadata?: { name?: unknown; namespace?: unknown } }).metadata;
  return {
    path: `${file}: Secret ${String(m?.namespace ?? '')}/${String(m?.name ?? '')}: data`,
    problem: 'a Secret with values in plain text would be committed to git',
    value: '<the values are not shown>',
    allowed: 'Secrets rendered from a SecretRef (ExternalSecret, SealedSecret, SOPS) or by SecretRef.unsafePlaintext',
    fix: FIX,
  };
}

/** The documents of a YAML text, or none when it is not plain bounded YAML. */
function parseBounded(text: string): unknown[] {
  if (yamlDepthProblem(text)) return [];
  try {
    const docs = YAML.parseAllDocuments(text);
    if (docs.some((d) => d.errors.length > 0 || yamlAliasProblem(d))) return [];
    return docs.map((d) => d.toJS({ maxAliasCount: -1 }) as unknown).filter((x) => x !== null && x !== undefined);
  } catch {
    return [];
  }
}

function walk(v: unknown, at: string, visit: (field: string, s: string) => void): void {
  if (typeof v === 'string') {
    visit(at, v);
  } else if (Array.isArray(v)) {
    v.forEach((x, i) => walk(x, `${at}[${i}]`, visit));
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const field = at ? `${at}.${k}` : k;
      const why = outputKeyReason(k);
      if (why) visit(field, k);
      walk(x, field, visit);
    }
  }
}
