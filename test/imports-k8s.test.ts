/**
 * imports/k8s.ts is generated from the pinned Kubernetes _definitions.json (src/tools/import-k8s.ts, `npm run import`):
 * it must be current, carry no upstream prose, and have every apiVersion the constructs pick per Kubernetes version.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as k8s from '../imports/k8s';
import { generateK8sBindings, k8sDefinitionsFile, K8S_BINDING_VERSION } from '../src/tools/import-k8s';
import { testWithUpstream } from './upstream';

describe('GIVEN the generated core bindings imports/k8s.ts', () => {
  const file = path.resolve(__dirname, '..', 'imports', 'k8s.ts');

  testWithUpstream(`THEN it equals a fresh generation from Kubernetes ${K8S_BINDING_VERSION} (run \`npm run import\` when this fails)`, async () => {
    expect(await generateK8sBindings(k8sDefinitionsFile())).toBe(fs.readFileSync(file, 'utf8'));
  });

  test('THEN it carries no doc comments (no upstream descriptions)', () => {
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toMatch(/\/\*\*/);
    expect(text).not.toMatch(/^\s*\*\s+[A-Z][a-z]+( [a-z]+){5,}/m);
  });

  test('THEN both the old (1.16-1.20) and the v1 apiVersions exist', () => {
    expect(k8s.KubePodDisruptionBudget.GVK.apiVersion).toBe('policy/v1');
    expect(k8s.KubePodDisruptionBudgetV1Beta1.GVK.apiVersion).toBe('policy/v1beta1');
    expect(k8s.KubeCsiDriver.GVK.apiVersion).toBe('storage.k8s.io/v1');
    expect(k8s.KubeCsiDriverV1Beta1.GVK.apiVersion).toBe('storage.k8s.io/v1beta1');
    expect(k8s.KubeMutatingWebhookConfiguration.GVK.apiVersion).toBe('admissionregistration.k8s.io/v1');
    expect(k8s.KubeMutatingWebhookConfigurationV1Beta1.GVK.apiVersion).toBe('admissionregistration.k8s.io/v1beta1');
    expect(k8s.KubePodSecurityPolicyV1Beta1.GVK.apiVersion).toBe('policy/v1beta1');
  });
});
