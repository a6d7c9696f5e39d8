/**
 * Detection of Ceph key material in props, so a key can never reach git by accident.
 *
 * A cephx key is the base64 of 28 bytes (40 characters, starting `AQ`, ending `==`). Keyring
 * snippets (`key = AQ...`) and other long base64 strings are refused too: a typed prop never needs one.
 */
import { IConstruct } from 'constructs';
import { ConfigProblem } from '../foundation/errors';

const CEPHX_KEY = /AQ[A-Za-z0-9+/]{36}==/;
const KEYRING_LINE = /\bkey\s*=\s*[A-Za-z0-9+/]{16,}/;
/** Runs of base64 characters (with optional padding). */
const BASE64_RUN = /[A-Za-z0-9+/]{28,}={0,2}/g;

/** Why a string looks like key material, or undefined. */
export function keyMaterialReason(s: string): string | undefined {
  if (CEPHX_KEY.test(s)) return 'it contains a cephx key (base64 "AQ...==", 40 characters)';
  if (KEYRING_LINE.test(s)) return 'it contains a keyring line ("key = ...")';
  for (const m of s.match(BASE64_RUN) ?? []) {
    const run = m.replace(/=+$/, '');
    if (/^[0-9a-fA-F]+$/.test(run)) continue; // hex: image digests, ids
    if (m.endsWith('=') || run.length >= 60) return 'it contains a long base64 string, which is what keys and tokens look like';
  }
  return undefined;
}

/** Masks a value for printing: never shows any character of it. */
export function maskValue(s: string): string {
  return `<redacted, ${s.length} characters>`;
}

function isOpaque(v: any): boolean {
  // SecretRefs carry ciphertext or store paths and are checked by themselves; constructs are not props.
  return typeof v === 'object' && v !== null && (typeof v.providedKeys === 'function' || typeof (v as IConstruct).node === 'object');
}

/**
 * Walks props and returns a problem for every string that looks like key material.
 * @param optIn the name of the explicit opt-in that is the only way to put such a value in git
 */
export function findKeyMaterial(constructPath: string, props: unknown, optIn: string): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  // the objects being walked: a cycle (refused by parseProps with its own message) is not followed again
  const open = new Set<unknown>();
  const walk = (v: unknown, p: string) => {
    if (typeof v === 'string') {
      const why = keyMaterialReason(v);
      if (why) {
        out.push({
          path: `${constructPath}: ${p || '(props)'}`,
          problem: `this value looks like Ceph key material (${why}); a key in props ends up in git in plain text`,
          value: maskValue(v),
          allowed: 'non-secret values only (fsid, mon endpoints, user and pool names); keys only through a SecretRef',
          fix: `remove the key from props and reference it: SecretRef.externalSecret(...), SecretRef.sealedSecret(...), SecretRef.sops(...) or SecretRef.existing(); if you really want the key committed in plain text, pass it through the explicit opt-in ${optIn}`,
        });
      }
      return;
    }
    if (open.has(v)) return;
    if (Array.isArray(v)) {
      open.add(v);
      v.forEach((x, i) => walk(x, `${p}[${i}]`));
      open.delete(v);
      return;
    }
    if (v && typeof v === 'object' && !isOpaque(v)) {
      open.add(v);
      for (const [k, x] of Object.entries(v)) walk(x, p ? `${p}.${k}` : k);
      open.delete(v);
    }
  };
  walk(props, '');
  return out;
}
