import * as fs from 'fs';
import * as path from 'path';
import { readRookLines, renderRookLines } from '../src/tools/rook-lines';
import { ROOK_LINES_GENERATED } from '../src/versions/rook-lines.generated';
import { describeWithUpstream, upstreamPath } from './upstream';

describeWithUpstream('the generated Rook line table', () => {
  test('GIVEN the pinned rook-lines mirror WHEN the generator runs THEN it writes exactly the committed table (run npm run rook-lines if not)', () => {
    const committed = fs.readFileSync(path.join(__dirname, '..', 'src', 'versions', 'rook-lines.generated.ts'), 'utf8');
    expect(renderRookLines(upstreamPath())).toBe(committed);
  });

  test('GIVEN the mirror WHEN read THEN every minor v1.0 to v1.20 is there once, each with CRDs, an operator image and a Ceph image', () => {
    const lines = readRookLines(upstreamPath());
    expect(lines.map((l) => l.version.split('.')[1])).toEqual(Array.from({ length: 21 }, (_, i) => String(i)));
    for (const l of lines) {
      expect(l.crdKinds).toContain('CephCluster');
      expect(l.operatorImage).toMatch(new RegExp(`rook/ceph:v${l.version.replace(/\./g, '\\.')}$`));
      expect(l.defaultCephImage).toMatch(/ceph\/ceph:v[12]\d\./);
    }
  });
});

describe('facts of the generated table', () => {
  test('GIVEN the table THEN CSI settings move from operator env to the operator ConfigMap to ceph-csi-operator, and FlexVolume ends with v1.7', () => {
    const byMinor = new Map(ROOK_LINES_GENERATED.map((l) => [l.version.split('.').slice(0, 2).join('.'), l]));
    expect(byMinor.get('1.0')!.csiConfig).toBe('none');
    expect(byMinor.get('1.2')!.csiConfig).toBe('operator-env');
    expect(byMinor.get('1.7')!.csiConfig).toBe('operator-configmap');
    expect(byMinor.get('1.20')!.csiConfig).toBe('csi-operator');
    expect(byMinor.get('1.7')!.flexVolume).toBe(true);
    expect(byMinor.get('1.8')!.flexVolume).toBe(false);
    expect(byMinor.get('1.4')!.crdApiVersion).toBe('apiextensions.k8s.io/v1beta1');
    expect(byMinor.get('1.5')!.crdApiVersion).toBe('apiextensions.k8s.io/v1');
  });
});
