/**
 * Generates imports/k8s.ts: typed L1 bindings (`Kube*` classes) for the core Kubernetes kinds our constructs emit,
 * from the pinned upstream `_definitions.json`, offline, with every description stripped.
 *
 * `cdk8s import k8s@x.y.z` always downloads the schema from GitHub, so this drives cdk8s-cli's own k8s importer
 * with its download step pointed at the local file (internal API of cdk8s-cli 2.207.x; pinned in package.json).
 *
 * Version: one Kubernetes minor that serves every apiVersion we pick per site version (see versions/index.ts), the old
 * ones (policy/v1beta1 PodDisruptionBudget and PodSecurityPolicy, storage.k8s.io/v1beta1 CSIDriver,
 * admissionregistration.k8s.io/v1beta1 webhooks, for Kubernetes 1.16–1.20) and the v1 ones (1.21+). 1.21.0 is the
 * only minor with all of them. The binding only types our input; each object is still validated against the schema
 * of its site's own Kubernetes version at synth.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stripDescriptions } from '../foundation/manifest-util';
import { resolveUpstreamDir } from '../validation/sources';
import { defaultToolMirror } from './schemas-bundle';

export const K8S_BINDING_VERSION = '1.21.0';

/** Definitions (by fully qualified name) of the kinds we emit through L1 classes. */
export const K8S_KINDS: readonly string[] = [
  'io.k8s.api.core.v1.Namespace',
  'io.k8s.api.core.v1.ServiceAccount',
  'io.k8s.api.core.v1.ConfigMap',
  'io.k8s.api.core.v1.Secret',
  'io.k8s.api.core.v1.Service',
  'io.k8s.api.apps.v1.Deployment',
  'io.k8s.api.apps.v1.DaemonSet',
  'io.k8s.api.batch.v1.Job',
  'io.k8s.api.core.v1.PersistentVolumeClaim',
  'io.k8s.api.core.v1.PersistentVolume',
  'io.k8s.api.rbac.v1.Role',
  'io.k8s.api.rbac.v1.RoleBinding',
  'io.k8s.api.rbac.v1.ClusterRole',
  'io.k8s.api.rbac.v1.ClusterRoleBinding',
  'io.k8s.api.storage.v1.StorageClass',
  'io.k8s.api.storage.v1.CSIDriver',
  'io.k8s.api.storage.v1beta1.CSIDriver',
  'io.k8s.api.scheduling.v1.PriorityClass',
  'io.k8s.api.policy.v1.PodDisruptionBudget',
  'io.k8s.api.policy.v1beta1.PodDisruptionBudget',
  'io.k8s.api.policy.v1beta1.PodSecurityPolicy',
  'io.k8s.api.admissionregistration.v1.MutatingWebhookConfiguration',
  'io.k8s.api.admissionregistration.v1beta1.MutatingWebhookConfiguration',
];

/** The upstream definitions, descriptions stripped, with every manifest kind we do not emit removed. */
export function selectK8sDefinitions(definitions: Record<string, any>, kinds: readonly string[] = K8S_KINDS): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [name, def] of Object.entries(definitions)) {
    const isKind = Array.isArray(def['x-kubernetes-group-version-kind']) && def.properties?.metadata !== undefined;
    if (isKind && !kinds.includes(name)) continue;
    out[name] = stripDescriptions(def);
  }
  const missing = kinds.filter((k) => !(k in out));
  if (missing.length) throw new Error(`Kubernetes ${K8S_BINDING_VERSION} has no definition for ${missing.join(', ')}`);
  return out;
}

/** Drops every JSDoc block of generated code: the types are the binding; prose stays upstream. */
export function stripDocComments(ts: string): string {
  return ts.replace(/^[ \t]*\/\*\*[\s\S]*?\*\/[ \t]*\n/gm, '');
}

/** Returns the text of imports/k8s.ts for the given `_definitions.json` file. */
export async function generateK8sBindings(definitionsFile: string): Promise<string> {
  const schema = JSON.parse(fs.readFileSync(definitionsFile, 'utf8'));
  const filtered = JSON.stringify({ definitions: selectK8sDefinitions(schema.definitions) });
  const cliDir = path.dirname(require.resolve('cdk8s-cli/package.json'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const util = require(path.join(cliDir, 'lib', 'util.js'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ImportKubernetesApi } = require(path.join(cliDir, 'lib', 'import', 'k8s.js'));
  const original = util.download;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-k8s-'));
  const log = console.log;
  const err = console.error;
  try {
    util.download = async (url: string) => {
      if (!url.endsWith(`/v${K8S_BINDING_VERSION}/_definitions.json`)) throw new Error(`unexpected download ${url}`);
      return filtered;
    };
    console.log = () => undefined;
    console.error = () => undefined;
    const importer = new ImportKubernetesApi({ apiVersion: K8S_BINDING_VERSION });
    await importer.import({ outdir: tmp, targetLanguage: 'typescript' });
  } finally {
    util.download = original;
    console.log = log;
    console.error = err;
  }
  const text = fs.readFileSync(path.join(tmp, 'k8s.ts'), 'utf8');
  fs.rmSync(tmp, { recursive: true, force: true });
  return stripDocComments(text);
}

/** `<upstream>/kubernetes/<version>/_definitions.json` of the local mirror. */
export function k8sDefinitionsFile(): string {
  const root = resolveUpstreamDir() ?? defaultToolMirror();
  if (!root) throw new Error('no upstream mirror found (set $GITOPS_STORAGE_UPSTREAM or put it at ../shared/upstream beside the repo)');
  return path.join(root, 'kubernetes', K8S_BINDING_VERSION, '_definitions.json');
}

if (require.main === module) {
  const out = path.resolve(__dirname, '..', '..', '..', 'imports', 'k8s.ts');
  generateK8sBindings(k8sDefinitionsFile()).then((t) => fs.writeFileSync(out, t)).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
