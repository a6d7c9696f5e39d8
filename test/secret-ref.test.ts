/** SecretRef (src/secrets/secret-ref.ts): the kinds of Secret reference (ExternalSecret, SealedSecret, existing, SOPS, plaintext). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { ExternalCluster, SecretRef, synthApp } from '../src';
import { UNSAFE_PLAINTEXT_ANNOTATION } from '../src/secrets/secret-ref';
import { renderSite } from '../src/pipeline/synth';
import { fakeCephxKey, fakeCiphertext, FSID, props120 } from './external-helpers';
import { configError, expectHelpful, findManifest, manifests, newSite, UPSTREAM } from './helpers';

function validate(app: App) {
  return synthApp(app, { write: false, upstreamDir: UPSTREAM });
}

describe('GIVEN the SecretRef kinds', () => {
  test('WHEN a SealedSecret is used THEN only ciphertext is emitted, non-secret keys as template data, and it validates', () => {
    const { app, site } = newSite();
    const ct = fakeCiphertext();
    new ExternalCluster(site, 'ext', props120({ secrets: { mon: SecretRef.sealedSecret({ encryptedData: { 'ceph-secret': ct } }) } as any }));
    const ss = findManifest(site, 'SealedSecret', 'rook-ceph-mon');
    expect(ss.apiVersion).toBe('bitnami.com/v1alpha1');
    expect(ss.spec.encryptedData).toEqual({ 'ceph-secret': ct });
    expect(ss.spec.template).toMatchObject({ type: 'kubernetes.io/rook', data: { 'fsid': FSID, 'ceph-username': 'client.healthchecker' } });
    expect(validate(app).results.filter((x) => x.status !== 'statusValid')).toEqual([]);
  });

  test('WHEN an existing Secret is referenced THEN nothing is emitted for it and the note says how to create it without a key on disk', () => {
    const { site } = newSite();
    new ExternalCluster(site, 'ext', props120({ secrets: { mon: SecretRef.existing() } as any }));
    expect(manifests(site).filter((m) => m.metadata.name === 'rook-ceph-mon')).toEqual([]);
    const note = renderSite(site).files.find((f) => f.path.startsWith('EXTERNAL-CLUSTER-'))!.content;
    expect(note).toMatch(/read -rs ceph_secret/);
    expect(note).toMatch(/create secret generic rook-ceph-mon --type=kubernetes\.io\/rook .*--from-literal=fsid=3f1c9a52/);
  });

  test('WHEN SecretRef.unsafePlaintext is used THEN the Secret carries the plaintext annotation', () => {
    const { site } = newSite();
    const key = fakeCephxKey();
    new ExternalCluster(site, 'ext', props120({ secrets: { mon: SecretRef.unsafePlaintext({ 'ceph-secret': key }) } as any }));
    const s = findManifest(site, 'Secret', 'rook-ceph-mon');
    expect(s.metadata.annotations[UNSAFE_PLAINTEXT_ANNOTATION]).toMatch(/unsafePlaintext/);
    expect(s.stringData['ceph-secret']).toBe(key);
  });

  describe('WHEN a SOPS file is referenced', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-sops-'));
    const file = path.join(dir, 'rook-ceph-mon.sops.yaml');
    const enc = (v: string) => `ENC[AES256_GCM,data:${Buffer.from(v).toString('base64')},iv:x,tag:y,type:str]`;
    const sopsDoc = (keys: string[], extra = '') => [
      'apiVersion: v1', 'kind: Secret', 'type: kubernetes.io/rook', 'metadata:', '  name: rook-ceph-mon', '  namespace: rook-ceph-external', 'stringData:',
      ...keys.map((k) => `  ${k}: ${enc('x')}`), extra,
      'sops:', '  mac: ENC[AES256_GCM,data:abc,type:str]', '  version: 3.9.0', '',
    ].join('\n');
    const allKeys = ['admin-secret', 'ceph-secret', 'ceph-username', 'cluster-name', 'fsid', 'mon-secret'];
    const flux = { gitops: { engine: 'flux' as const, url: 'https://git.example.com/x.git', branch: 'main', path: './dist/test-site' } };

    test('THEN the encrypted file is copied into the cluster layer and Flux decryption is requested', () => {
      fs.writeFileSync(file, sopsDoc(allKeys));
      const { site } = newSite(flux);
      new ExternalCluster(site, 'ext', props120({ secrets: { mon: SecretRef.sops({ file, decryptionSecret: 'sops-age' }) } as any }));
      expect(site.sopsDecryption).toEqual({ secretName: 'sops-age' });
      const f = renderSite(site).files.find((x) => x.path === '30-cluster/secret_rook-ceph-external_rook-ceph-mon.sops.yaml');
      expect(f?.content).toBe(fs.readFileSync(file, 'utf8'));
    });

    test('THEN a missing file is an error that shows the manifest to encrypt (keys named, no values)', () => {
      const { site } = newSite(flux);
      const e = configError(() => new ExternalCluster(site, 'ext', props120({ secrets: { mon: SecretRef.sops({ file: path.join(dir, 'nope.yaml') }) } as any })));
      expectHelpful(e.message, { path: /ext: secrets \(SOPS file for "rook-ceph-mon"\)/, value: /nope\.yaml/, allowed: /ceph-secret: <value of ceph-secret>/, fix: /sops --encrypt --encrypted-regex/ });
    });

    test('THEN an unencrypted value or a missing key is refused', () => {
      fs.writeFileSync(file, sopsDoc(allKeys.filter((k) => k !== 'fsid'), '  ceph-secret-plain: hello'));
      const { site } = newSite(flux);
      const e = configError(() => new ExternalCluster(site, 'ext', props120({ secrets: { mon: SecretRef.sops({ file }) } as any })));
      expect(e.message).toMatch(/ceph-secret-plain are not encrypted/);
      expect(e.message).toMatch(/keys fsid that .* reads are missing/);
    });

    test('THEN a site whose engine is not Flux is refused (nothing would decrypt the file)', () => {
      fs.writeFileSync(file, sopsDoc(allKeys));
      const { site } = newSite();
      const e = configError(() => new ExternalCluster(site, 'ext', props120({ secrets: { mon: SecretRef.sops({ file }) } as any })));
      expectHelpful(e.message, { path: /SOPS file/, value: /plain/, allowed: /flux/, fix: /engine: "flux"/ });
    });
  });
});
