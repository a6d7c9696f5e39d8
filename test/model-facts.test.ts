/**
 * The derived half of the cluster model (src/model/rook-facts.generated.ts) is what src/tools/model-facts.ts makes
 * from the pinned upstream files, and its facts are the ones the incidents turn on.
 */
import * as fs from 'fs';
import * as path from 'path';
import { MODEL_ROOK_LINES, renderRookFacts, ROOK_FACTS_FILE } from '../src/tools/model-facts';
import { csiDriverServiceAccounts, MODEL_ROOK_VERSIONS, rookLineFacts } from '../src/model/rook-facts';
import { ROOK_PROFILES } from '../src/versions';
import { describeWithUpstream, upstreamPath } from './helpers';

describeWithUpstream('GIVEN the pinned upstream mirror', () => {
  test('WHEN the model facts are regenerated THEN the committed file is byte-identical (run npm run model:facts)', () => {
    const committed = fs.readFileSync(path.join(__dirname, '..', ROOK_FACTS_FILE), 'utf8');
    expect(renderRookFacts(upstreamPath())).toBe(committed);
  });
});

describe('GIVEN the model facts', () => {
  test('THEN every pinned Rook line of the version table has facts (a line added to the version table is regenerated into the facts)', () => {
    const lines = Object.keys(ROOK_PROFILES).sort();
    expect(lines.length).toBeGreaterThan(0);
    expect([...MODEL_ROOK_LINES].sort()).toEqual(lines);
    expect([...MODEL_ROOK_VERSIONS].sort()).toEqual(lines);
    for (const l of lines) {
      const f = rookLineFacts(l)!;
      expect(f.installServiceAccounts).toContain('rook-ceph-system');
      expect(f.clusterServiceAccounts).toEqual(expect.arrayContaining(['rook-ceph-mgr', 'rook-ceph-osd']));
    }
  });

  test('THEN Rook 1.20.6: csi-operator.yaml names the plugin accounts with prefix "ceph-csi-", the rook-ceph chart runs its operator with "" (rook/rook#18040)', () => {
    const csi = rookLineFacts('1.20.6')!.csiOperator!;
    expect(csi.vendoredServiceAccountPrefix).toBe('ceph-csi-');
    expect(csi.chartServiceAccountPrefix).toBe('');
    expect(csi.chartSubchartVersion).toBe('1.0.4');
    expect(Object.keys(csi.driverRbac).sort()).toEqual(['cephfs', 'nfs', 'nvmeof', 'rbd']);
    expect(csi.driverRbac.rbd.filter((o) => o.kind === 'ServiceAccount').map((o) => o.name).sort()).toEqual(['ceph-csi-rbd-ctrlplugin-sa', 'ceph-csi-rbd-nodeplugin-sa']);
    // the operator's naming rule: what the chart's operator would look for without an explicit name
    expect(csiDriverServiceAccounts('rook-ceph.rbd.csi.ceph.com', csi.chartServiceAccountPrefix, {})).toEqual({ type: 'rbd', controller: 'rbd-ctrlplugin-sa', node: 'rbd-nodeplugin-sa' });
    expect(rookLineFacts('1.7.11')!.csiOperator).toBeUndefined();
  });
});
