/**
 * The import helper: exporter JSON in, non-secret props and a placement table out; no key is ever printed or written.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildProgram } from '../src/cli/cli';
import { runImport } from '../src/cli/import';
import * as ts from 'typescript';
import { ExternalCluster, SecretRef } from '../src';
import { importExporterJson, renderImport, renderSnippet } from '../src/rook/external-import';
import { fakeCephxKey, FSID } from './external-helpers';
import { configError, expectHelpful, newSite } from './helpers';

function fixture() {
  const keys = { hc: fakeCephxKey(), rbdNode: fakeCephxKey(), rbdProv: fakeCephxKey(), fsProv: fakeCephxKey(), fsNode: fakeCephxKey(), access: 'ACCESSKEY0123456789AB', secret: fakeCephxKey().slice(0, 40), dash: 'https://10.0.0.11:8443/' };
  const json = [
    { name: 'external-cluster-user-command', kind: 'ConfigMap', data: { args: '[Configurations]\nnamespace = rook-ceph-external\nrbd-data-pool-name = replicapool\nformat = json\n' } },
    { name: 'rook-ceph-mon-endpoints', kind: 'ConfigMap', data: { data: 'a=10.0.0.11:6789', maxMonId: '0', mapping: '{}' } },
    { name: 'rook-ceph-mon', kind: 'Secret', data: { 'admin-secret': 'admin-secret', 'fsid': FSID, 'mon-secret': 'mon-secret' } },
    { name: 'rook-ceph-operator-creds', kind: 'Secret', data: { userID: 'client.healthchecker', userKey: keys.hc } },
    { name: 'monitoring-endpoint', kind: 'CephCluster', data: { MonitoringEndpoint: '10.0.0.11', MonitoringPort: '9283' } },
    { name: 'rook-csi-rbd-node', kind: 'Secret', data: { userID: 'csi-rbd-node', userKey: keys.rbdNode } },
    { name: 'rook-csi-rbd-provisioner', kind: 'Secret', data: { userID: 'csi-rbd-provisioner', userKey: keys.rbdProv } },
    { name: 'rook-csi-cephfs-provisioner', kind: 'Secret', data: { adminID: 'csi-cephfs-provisioner', adminKey: keys.fsProv } },
    { name: 'rook-csi-cephfs-node', kind: 'Secret', data: { adminID: 'csi-cephfs-node', adminKey: keys.fsNode } },
    { name: 'rook-ceph-dashboard-link', kind: 'Secret', data: { userID: 'ceph-dashboard-link', userKey: keys.dash } },
    { name: 'ceph-rbd', kind: 'StorageClass', data: { pool: 'replicapool' } },
    { name: 'cephfs', kind: 'StorageClass', data: { fsName: 'myfs', pool: 'myfs-data0' } },
    { name: 'rgw-admin-ops-user', kind: 'Secret', data: { accessKey: keys.access, secretKey: keys.secret } },
    { name: 'ceph-rgw', kind: 'StorageClass', data: { endpoint: '10.0.0.11:8080', poolPrefix: 'default' } },
  ];
  return { keys, json };
}

describe('GIVEN the JSON output of create-external-cluster-resources.py', () => {
  const { keys, json } = fixture();
  const out = runImport(JSON.stringify(json));

  test('THEN no key value (nor the dashboard URL kept in a Secret) appears anywhere in the output', () => {
    for (const v of Object.values(keys)) expect(out).not.toContain(v);
    expect(out).toMatch(/<redacted, 40 characters>/);
  });

  test('THEN the snippet carries the non-secret props: fsid, mons, users, pools, filesystems, monitoring', () => {
    expect(out).toContain(`fsid: '${FSID}'`);
    expect(out).toContain("monEndpoints: ['a=10.0.0.11:6789']");
    expect(out).toContain("healthCheckUser: 'client.healthchecker'");
    expect(out).toContain("csiUsers: { cephfsNode: 'csi-cephfs-node', cephfsProvisioner: 'csi-cephfs-provisioner', rbdNode: 'csi-rbd-node', rbdProvisioner: 'csi-rbd-provisioner' }");
    expect(out).toContain("rbdPools: ['replicapool']");
    expect(out).toContain("filesystems: [{ name: 'myfs', dataPools: ['myfs-data0'] }]");
    expect(out).toContain("monitoring: { endpoints: ['10.0.0.11'], port: 9283 }");
    expect(out).toContain("namespace: 'rook-ceph-external'");
  });

  test('THEN every secret value has a row: Secret, key, remote key, property, exporter field, masked value', () => {
    expect(out).toMatch(/\| rook-ceph-mon \| ceph-secret \| ceph\/rook-ceph-external\/rook-ceph-mon \| ceph-secret \| rook-ceph-operator-creds\.userKey \| <redacted, 40 characters> \|/);
    expect(out).toMatch(/\| rook-csi-cephfs-node \| userKey \| ceph\/rook-ceph-external\/rook-csi-cephfs-node \| userKey \| rook-csi-cephfs-node\.adminKey \|/);
    expect(out).toMatch(/\| rgw-admin-ops-user \| secretKey \|/);
    expect(out).toMatch(/jq -j '.*"rook-csi-rbd-node".*\.data\["userKey"\]' exporter\.json \| vault kv put ceph\/rook-ceph-external\/rook-csi-rbd-node userKey=-/);
    expect(out).toMatch(/vault kv patch ceph\/rook-ceph-external\/rgw-admin-ops-user secretKey=-/);
  });

  test('THEN the notes say what Rook 1.20 renames, that only the quorum leader was exported, and what was not imported', () => {
    expect(out).toMatch(/rook-csi-cephfs-node: the exporter wrote adminKey; Rook v1\.20\.6 reads userKey/);
    expect(out).toMatch(/lists only the quorum leader/);
    expect(out).toMatch(/StorageClass ceph-rgw is not imported/);
  });

  test('THEN the imported props plus references build an ExternalCluster that Rook v1.20.6 accepts', () => {
    const r = importExporterJson(json);
    const secrets: Record<string, SecretRef> = {};
    for (const slot of new Set(r.placements.map((p) => p.slot))) {
      const data: Record<string, { key: string; property: string }> = {};
      for (const p of r.placements.filter((x) => x.slot === slot)) data[p.secretKey] = { key: p.remoteKey, property: p.property };
      secrets[slot] = SecretRef.externalSecret({ store: { kind: 'ClusterSecretStore', name: 'vault' }, data });
    }
    const { site } = newSite();
    const { fsid, ...rest } = r.props;
    expect(() => new ExternalCluster(site, 'ext', { ...rest, fsid: fsid!, secrets: secrets as any })).not.toThrow();
  });

  test('THEN the printed snippet itself compiles and runs into an ExternalCluster', () => {
    const r = importExporterJson(json);
    const snippet = renderSnippet(r);
    const js = ts.transpileModule(snippet, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
    const { site } = newSite();
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    new Function('site', 'ExternalCluster', 'SecretRef', js)(site, ExternalCluster, SecretRef);
    expect(site.findAll(ExternalCluster)).toHaveLength(1);
    expect(site.findAll(ExternalCluster)[0].secretTargets.map((t) => t.target.name)).toEqual(['rook-ceph-mon', 'rook-csi-rbd-node', 'rook-csi-rbd-provisioner', 'rook-csi-cephfs-node', 'rook-csi-cephfs-provisioner', 'rgw-admin-ops-user', 'rook-ceph-dashboard-link']);
  });

  test('WHEN the site pins Rook v1.7.11 THEN CephFS keys are placed as adminKey', () => {
    const r = importExporterJson(json, { rookVersion: '1.7.11' });
    expect(r.placements.filter((p) => p.secret.startsWith('rook-csi-cephfs')).map((p) => p.secretKey)).toEqual(['adminKey', 'adminKey']);
  });

  test('WHEN run through the CLI THEN it prints the report, writes nothing next to the input, and prints no key', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-import-'));
    const file = path.join(dir, 'exporter.json');
    fs.writeFileSync(file, JSON.stringify(json));
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((s: any) => { written.push(String(s)); return true; });
    try {
      await buildProgram().parseAsync(['node', 'gitops-storage', 'import-external', file, '--store-name', 'openbao', '--remote-prefix', 'kv/ceph']);
    } finally {
      spy.mockRestore();
    }
    const text = written.join('');
    expect(text).toContain("const store = { kind: 'ClusterSecretStore' as const, name: 'openbao' };");
    expect(text).toContain("key: 'kv/ceph/rook-csi-rbd-node'");
    for (const v of Object.values(keys)) expect(text).not.toContain(v);
    expect(fs.readdirSync(dir)).toEqual(['exporter.json']);
  });
});

describe('GIVEN bad exporter input', () => {
  test('WHEN the input is not JSON (e.g. the bash format) THEN the error does not echo it', () => {
    const key = fakeCephxKey();
    const e = configError(() => runImport(`export ROOK_EXTERNAL_USER_SECRET=${key}`));
    expectHelpful(e.message, { path: 'import', allowed: /--format json/, fix: /not bash/ });
    expect(e.message).not.toContain(key);
  });

  test('WHEN the JSON is not an array of { name, kind, data } THEN the entry is named', () => {
    const e = configError(() => renderImport(importExporterJson([{ name: 'x', kind: 'Secret' }])));
    expectHelpful(e.message, { path: 'import: [0]', allowed: /"name": string, "kind": string, "data": object/ });
    const e2 = configError(() => importExporterJson({ name: 'x' }));
    expectHelpful(e2.message, { path: 'import', value: /object/, fix: /--format json/ });
  });
});

describe('GIVEN an exporter that writes the health-check identity into rook-ceph-mon', () => {
  test('THEN ceph-username/ceph-secret are taken from there, once, masked', () => {
    const key = fakeCephxKey();
    const r = importExporterJson([
      { name: 'rook-ceph-mon', kind: 'Secret', data: { 'fsid': FSID, 'mon-secret': 'mon-secret', 'ceph-username': 'client.healthchecker', 'ceph-secret': key } },
      { name: 'rook-ceph-operator-creds', kind: 'Secret', data: { userID: 'client.healthchecker', userKey: key } },
    ]);
    expect(r.props.healthCheckUser).toBe('client.healthchecker');
    expect(r.placements.filter((p) => p.secret === 'rook-ceph-mon')).toEqual([expect.objectContaining({ secretKey: 'ceph-secret', source: 'rook-ceph-mon.ceph-secret', masked: '<redacted, 40 characters>' })]);
    expect(renderImport(r)).not.toContain(key);
  });
});
