/**
 * Regressions found by property tests of the build (issue 20, part 6): each input used to crash at serialization or
 * be accepted although the API server (or the kubelet, or the GitOps engine) refuses it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RookCluster, RookOperator, synthApp } from '../src';
import { chartImageValues } from '../src/rook/rook-operator';
import { imageProblem } from '../src/foundation/k8s-rules';
import { configError, expectHelpful, findManifest, newSite, UPSTREAM } from './helpers';

const HEX = 'a'.repeat(40) + '0123456789abcdef0123456789ab'.slice(0, 24);
const DIGEST_ONLY = `registry.example.com/ceph@sha256:${HEX}`;

/** The chart's operator image as its template writes it: `<repository>:<tag>` (rook-ceph templates/deployment.yaml). */
const rendered = (v: { repository?: string; tag?: string }) => `${v.repository}:${v.tag}`;

describe('GIVEN an operator image pinned by digest in Helm mode', () => {
  test('WHEN the site is synthesized THEN it is written, and the chart renders exactly the pinned reference', () => {
    expect(HEX).toMatch(/^[0-9a-f]{64}$/);
    const { app, site } = newSite();
    const op = new RookOperator(site, 'operator', { image: DIGEST_ONLY });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-digest-'));
    expect(() => synthApp(app, { outdir: out, upstreamDir: UPSTREAM })).not.toThrow();
    const values = op.helmValues();
    expect(values.image).toEqual({ repository: 'registry.example.com/ceph@sha256', tag: HEX });
    expect(rendered(values.image)).toBe(DIGEST_ONLY);
    // the committed values carry the same split
    const files = fs.readdirSync(path.join(out, 'test-site'), { recursive: true }).map(String).filter((f) => f.endsWith('.yaml'));
    const texts = files.map((f) => fs.readFileSync(path.join(out, 'test-site', f), 'utf8'));
    expect(texts.some((t) => t.includes(`tag: ${HEX}`) || t.includes(`"tag":"${HEX}"`))).toBe(true);
  });

  test.each([
    ['tag and digest', `registry.example.com/ceph:v1.20.6@sha256:${HEX}`, { repository: 'registry.example.com/ceph', tag: `v1.20.6@sha256:${HEX}` }],
    ['registry with a port, tag only', 'registry.example.com:5000/rook/ceph:v1.20.6', { repository: 'registry.example.com:5000/rook/ceph', tag: 'v1.20.6' }],
    ['registry with a port, digest only', `registry.example.com:5000/rook/ceph@sha256:${HEX}`, { repository: 'registry.example.com:5000/rook/ceph@sha256', tag: HEX }],
  ])('WHEN the reference has %s THEN repository and tag joined by the chart give it back', (_what, ref, expected) => {
    expect(imageProblem(ref)).toBeUndefined();
    const v = chartImageValues(ref);
    expect(v).toEqual(expected);
    expect(rendered(v)).toBe(ref);
    const { site } = newSite();
    expect(new RookOperator(site, 'operator', { image: ref }).helmValues().image).toEqual(expected);
  });

  test('WHEN a CSI image is pinned by digest THEN the chart values split it the same way', () => {
    const { site } = newSite();
    const op = new RookOperator(site, 'operator', {});
    op.setCsiImage('plugin', `quay.io/cephcsi/cephcsi@sha256:${HEX}`);
    expect(op.helmValues().csi.cephcsi).toEqual({ repository: 'quay.io/cephcsi/cephcsi@sha256', tag: HEX });
  });

  test('WHEN the digest is malformed THEN it is a ConfigError at the prop, not a crash at serialization', () => {
    const { site } = newSite();
    const e = configError(() => new RookOperator(site, 'operator', { image: 'registry.example.com/ceph@sha256:abc' }));
    expectHelpful(e.message, { path: /operator.*image/, allowed: /container image reference/, fix: /correct the image reference/ });
    expect(e.message).toMatch(/invalid digest/);
  });
});

const affinity = (operator: string, values?: string[]) => ({
  requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'role', operator, ...(values ? { values } : {}) }] }] },
});

describe('GIVEN a node affinity in a Ceph placement', () => {
  test.each(['Equals', 'in', 'Exist', ''])('WHEN its operator is %j THEN it is refused with the six operators the API server knows', (operator) => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { placement: { mon: { nodeAffinity: affinity(operator, ['storage']) } } }));
    expectHelpful(e.message, { path: /placement.*mon.*nodeAffinity.*matchExpressions.*operator/, allowed: /In, NotIn, Exists, DoesNotExist, Gt, Lt/, fix: /In or NotIn/ });
  });

  test('WHEN a preferred term has an unknown operator THEN it is refused too', () => {
    const { site } = newSite();
    const nodeAffinity = { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'role', operator: 'Like', values: ['x'] }] } }] };
    const e = configError(() => new RookCluster(site, 'cluster', { placement: { all: { nodeAffinity } } }));
    expectHelpful(e.message, { path: /preferredDuringSchedulingIgnoredDuringExecution.*preference.*operator/, allowed: /DoesNotExist/ });
  });

  test.each([
    ['In without values', affinity('In'), /needs at least one value/],
    ['Exists with values', affinity('Exists', ['x']), /takes no values/],
    ['Gt with a word', affinity('Gt', ['many']), /exactly one value, an integer/],
  ])('WHEN %s THEN the API server\'s rule is applied', (_what, nodeAffinity, message) => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { placement: { osd: { nodeAffinity } } }));
    expect(e.message).toMatch(message);
  });

  test('WHEN every operator is used as the API server allows THEN the cluster is accepted and the affinity written as given', () => {
    const { site } = newSite();
    const ops = [['In', ['a']], ['NotIn', ['b']], ['Exists'], ['DoesNotExist'], ['Gt', ['3']], ['Lt', ['10']]] as const;
    const nodeAffinity = { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: ops.map(([operator, values]) => ({ key: 'k', operator, ...(values ? { values: [...values] } : {}) })) }] } };
    new RookCluster(site, 'cluster', { name: 'c', placement: { mon: { nodeAffinity } } });
    expect(findManifest(site, 'CephCluster', 'c').spec.placement.mon.nodeAffinity).toEqual(nodeAffinity);
  });
});

describe('GIVEN invisible Unicode pasted into a URL', () => {
  test.each([
    ['argocd repoURL', { engine: 'argocd' as const, repoURL: 'https://git.example.com/storage\u200b.git' }],
    ['flux url', { engine: 'flux' as const, url: 'https://git.example.com/storage.git\u200e', branch: 'main', path: './dist/test-site' }],
  ])('WHEN the %s carries one THEN the Site refuses it, naming the character', (_what, gitops) => {
    const e = configError(() => newSite({ gitops } as any));
    expectHelpful(e.message, { path: /gitops/, allowed: /visible characters/, fix: /remove the character/ });
    expect(e.message).toMatch(/invisible character/);
  });

  test('WHEN the operator chart repoURL carries one THEN the RookOperator refuses it', () => {
    const { site } = newSite();
    const e = configError(() => new RookOperator(site, 'operator', { install: { mode: 'helm', repoURL: 'https://charts.rook.io/\u200brelease' } }));
    expectHelpful(e.message, { path: /install.*repoURL/, allowed: /visible characters/, fix: /"https:\/\/charts.rook.io\/release"/ });
  });
});
