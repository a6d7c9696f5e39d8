/**
 * Upgrades across the Rook lines: one minor at a time with the path printed, the Ceph release the target supports,
 * and CRD fields the site sets that the target line's CRDs no longer declare (refused), from the bundled CRDs.
 */
import { App } from 'cdk8s';
import { planApp, rookCrdSchema } from '../src/pipeline/plan';
import { rookCrdFindings, versionFindings } from '../src/plan/upgrade-rules';
import { kubesprayFlex } from '../src/sites/kubespray-flex';
import { ROOK_MINOR_LINES, rookUpgradePath } from '../src/versions';

const cluster = (spec: Record<string, unknown>) => ({ apiVersion: 'ceph.rook.io/v1', kind: 'CephCluster', metadata: { name: 'rook-ceph', namespace: 'rook-ceph' }, spec });

describe('GIVEN the upgrade table', () => {
  test('THEN it has every line v1.0 to v1.20, each with Kubernetes, Ceph and its source', () => {
    expect(ROOK_MINOR_LINES.map((l) => l.minor)).toEqual(Array.from({ length: 21 }, (_, i) => `1.${i}`));
    for (const l of ROOK_MINOR_LINES) expect([l.minor, l.ceph.length > 0, l.kubernetes.length > 0, l.source]).toEqual([l.minor, true, true, expect.stringMatching(/rook\/rook Documentation\//)]);
  });

  test('WHEN Rook 1.0.6 goes to 1.5.3 THEN the path passes every minor at its newest patch and ends at the release asked for', () => {
    expect(rookUpgradePath('1.0.6', '1.5.3')).toEqual(['1.1.9', '1.2.7', '1.3.11', '1.4.9', '1.5.3']);
  });

  test('WHEN a Rook 1.4 site on Ceph Nautilus jumps to 1.9 THEN it is refused with the path and the Ceph step before 1.8', () => {
    const f = versionFindings({ rook: '1.4.9', cephImages: { 'rook-ceph/rook-ceph': 'ceph/ceph:v14.2.10' } }, { rook: '1.9.13', cephImages: { 'rook-ceph/rook-ceph': 'ceph/ceph:v14.2.10' } }, { kubernetes: '1.20.0', flexClassesBefore: [], siteName: 's' });
    const refused = f.find((x) => x.kind === 'refused' && /skips 4 minor releases/.test(x.title))!;
    expect(refused.detail.join('\n')).toMatch(/path: v1\.4\.9 → v1\.5\.12 → v1\.6\.11 → v1\.7\.11 → v1\.8\.10 → v1\.9\.13/);
    expect(refused.detail.join('\n')).toMatch(/before Rook 1\.8: upgrade Ceph to Octopus/);
  });
});

describe('GIVEN a site that sets a CephCluster field its next Rook line removed', () => {
  test('WHEN it goes from Rook 1.8 to 1.9 with spec.monitoring.rulesNamespace set THEN the field is refused, and the CRD changes are listed', () => {
    const f = rookCrdFindings('1.8.10', '1.9.13', [cluster({ mon: { count: 3 }, monitoring: { enabled: true, rulesNamespace: 'rook-ceph' } })], rookCrdSchema);
    const refused = f.find((x) => x.kind === 'refused')!;
    expect(refused.detail).toContain('CephCluster rook-ceph/rook-ceph: spec.monitoring.rulesNamespace');
    expect(refused.detail.join('\n')).toMatch(/fix: remove these settings/);
    expect(f.find((x) => x.kind === 'note')!.detail.join('\n')).toMatch(/CephCluster removed: .*spec\.monitoring\.rulesNamespace/);
  });

  test('WHEN it sets only fields both lines declare THEN nothing is refused', () => {
    const f = rookCrdFindings('1.7.11', '1.8.10', [cluster({ mon: { count: 3 }, storage: { useAllNodes: true, deviceFilter: '^sd[b-c]$' } })], rookCrdSchema);
    expect(f.filter((x) => x.kind === 'refused')).toEqual([]);
    expect(f.find((x) => x.kind === 'note')?.title).toMatch(/CRD changes from Rook v1\.7\.11 to v1\.8\.10/);
  });
});

describe('GIVEN kubespray-flex on Rook 1.7.11 WHEN rookVersion becomes 1.8.10 (one minor)', () => {
  test('THEN the plan keeps the one step, refuses until the flex classes are migrated, and lists the CRD changes', () => {
    const app = new App();
    kubesprayFlex(app, { rookVersion: '1.8.10', kubernetesVersion: '1.19.0' });
    const s = planApp(app, { distDir: 'dist' }).sites[0];
    expect(s.findings.some((f) => /skips/.test(f.title))).toBe(false);
    expect(s.findings.find((f) => f.kind === 'refused' && /FlexVolume classes must be migrated/.test(f.title))).toBeDefined();
    expect(s.findings.find((f) => f.kind === 'note' && /CRD changes from Rook v1\.7\.11 to v1\.8\.10/.test(f.title))).toBeDefined();
  });
});
