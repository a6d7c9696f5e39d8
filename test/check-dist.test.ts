/**
 * `check-dist` validates the files on disk (what Argo CD / Flux will apply), each site with its own schemas.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkDist } from '../src/cli/cli';
import { buildApp } from '../src/main';
import { UPSTREAM } from './helpers';

const DIST = path.resolve(__dirname, '..', 'dist');

describe('GIVEN the committed dist/', () => {
  test('WHEN checked THEN every manifest of every site is valid against its own Kubernetes version and CRDs', () => {
    const r = checkDist(buildApp(), DIST, UPSTREAM);
    expect(r.filter((x) => x.status !== 'statusValid')).toEqual([]);
    expect(new Set(r.map((x) => x.filename.split(path.sep).slice(-3)[0])).size).toBeGreaterThanOrEqual(6);
  });

  test('WHEN a file was edited by hand with a typo THEN check-dist reports it with its path', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-dist-copy-'));
    fs.cpSync(DIST, copy, { recursive: true });
    const f = path.join(copy, 'dc1-local', '40-pools', 'cephblockpool_rook-ceph_replicapool.yaml');
    fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace('failureDomain: host', 'failureDomian: host'));
    const bad = checkDist(buildApp(), copy, UPSTREAM).filter((x) => x.status !== 'statusValid');
    expect(bad).toHaveLength(1);
    expect(bad[0].filename).toBe(f);
    expect(JSON.stringify(bad[0])).toMatch(/failureDomian/);
  });
});
