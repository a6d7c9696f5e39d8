/**
 * No key material in dist/: every Secret of every site has no data/stringData, unless it is SOPS-encrypted
 * or carries the explicit plaintext opt-in annotation (which this scan names).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { ExternalCluster, SecretRef, synthApp } from '../src';
import { UNSAFE_PLAINTEXT_ANNOTATION } from '../src/secrets/secret-ref';
import { keyMaterialReason } from '../src/secrets/key-material';
import { fakeCephxKey, props120 } from './external-helpers';
import { newSite, UPSTREAM } from './helpers';

const DIST = path.resolve(__dirname, '..', 'dist');

interface Finding { file: string; name: string; why: string }

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? files(p) : [p];
  }).sort();
}

/** Scans a dist-like tree. `violations`: Secrets with values and no opt-in; `optedIn`: plaintext Secrets named by their annotation. */
export function scanSecrets(root: string): { violations: Finding[]; optedIn: Finding[]; keyLike: Finding[] } {
  const violations: Finding[] = [];
  const optedIn: Finding[] = [];
  const keyLike: Finding[] = [];
  for (const f of files(root)) {
    const rel = path.relative(root, f);
    const text = fs.readFileSync(f, 'utf8');
    if (!/\.ya?ml$/.test(f)) {
      if (keyMaterialReason(text)) keyLike.push({ file: rel, name: '', why: keyMaterialReason(text)! });
      continue;
    }
    for (const doc of YAML.parseAllDocuments(text).map((d) => d.toJS())) {
      if (!doc || doc.kind !== 'Secret') continue;
      const values = { ...(doc.data ?? {}), ...(doc.stringData ?? {}) };
      const name = `${doc.metadata?.namespace ?? ''}/${doc.metadata?.name ?? ''}`;
      if (Object.keys(values).length === 0) continue;
      const sops = doc.sops?.mac && Object.values(values).every((v) => typeof v === 'string' && v.startsWith('ENC['));
      if (sops) continue;
      if (doc.metadata?.annotations?.[UNSAFE_PLAINTEXT_ANNOTATION]) optedIn.push({ file: rel, name, why: doc.metadata.annotations[UNSAFE_PLAINTEXT_ANNOTATION] });
      else violations.push({ file: rel, name, why: `Secret with ${Object.keys(values).sort().join(', ')} and no ${UNSAFE_PLAINTEXT_ANNOTATION} annotation` });
    }
    const stripped = text.split('\n').filter((l) => !/^\s*(encryptedData|[A-Za-z0-9_.-]+: Ag[A-Za-z0-9+/=]{200,})/.test(l)).join('\n');
    const why = keyMaterialReason(stripped);
    if (why && !optedIn.some((o) => o.file === rel)) keyLike.push({ file: rel, name: '', why });
  }
  return { violations, optedIn, keyLike };
}

describe('GIVEN every site in dist/', () => {
  const r = scanSecrets(DIST);

  test('THEN no Secret has data or stringData (no plaintext opt-in is committed either)', () => {
    expect(r.violations).toEqual([]);
    expect(r.optedIn).toEqual([]);
  });

  test('THEN no file contains anything that looks like a cephx key', () => {
    expect(r.keyLike).toEqual([]);
  });

  test('THEN the external-ceph site is part of the scan', () => {
    expect(fs.existsSync(path.join(DIST, 'external-ceph', '30-cluster', 'externalsecret_rook-ceph-external_rook-ceph-mon.yaml'))).toBe(true);
  });
});

describe('GIVEN the scan itself', () => {
  test('WHEN a site opts into plaintext THEN the scan names that Secret, and a hand-added Secret with data is a violation', () => {
    const { app, site } = newSite({}, 'plain-site');
    new ExternalCluster(site, 'ext', props120({ secrets: { mon: SecretRef.unsafePlaintext({ 'ceph-secret': fakeCephxKey() }) } as any }));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-scan-'));
    synthApp(app, { outdir: out, upstreamDir: UPSTREAM });
    fs.writeFileSync(path.join(out, 'plain-site', 'stray.yaml'), YAML.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'stray', namespace: 'x' }, data: { k: 'dmFsdWU=' } }));
    const r = scanSecrets(out);
    expect(r.optedIn).toEqual([{ file: 'plain-site/30-cluster/secret_rook-ceph-external_rook-ceph-mon.yaml', name: 'rook-ceph-external/rook-ceph-mon', why: expect.stringMatching(/unsafePlaintext/) }]);
    expect(r.violations).toEqual([{ file: 'plain-site/stray.yaml', name: 'x/stray', why: expect.stringMatching(/no gitops-storage\/unsafe-plaintext annotation/) }]);
  });
});
