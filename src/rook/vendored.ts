/**
 * Reading a user-given folder of upstream Rook example manifests (crds.yaml, common.yaml, csi-operator.yaml,
 * operator.yaml). Files are parsed once per path and size, and handed out as deep copies.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { ConfigError } from '../foundation/errors';
import { kubeYamlParseOptions, toKubernetesJsonKeys } from '../foundation/kube-yaml';
import { RookProfile } from '../versions';

const cache = new Map<string, any[]>();

/** Parses every non-empty document of a YAML file. */
export function readManifests(file: string): any[] {
  const st = fs.statSync(file);
  const key = `${path.resolve(file)}:${st.size}:${st.mtimeMs}`;
  let docs = cache.get(key);
  if (!docs) {
    // read as kubectl reads the upstream file (go-yaml v2 scalars: an unquoted `on` is a boolean), so what we
    // re-emit means what applying the upstream file would have meant
    docs = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'), kubeYamlParseOptions(false))
      .map((d) => {
        toKubernetesJsonKeys(d);
        return d.toJS({ maxAliasCount: -1 });
      })
      .filter((d) => d && typeof d === 'object' && d.kind);
    cache.set(key, docs);
  }
  return structuredClone(docs);
}

/** Rook version (x.y.z) of the operator Deployment image in operator.yaml, if found. */
export function vendoredRookVersion(operatorDocs: readonly any[]): string | undefined {
  for (const d of operatorDocs) {
    if (d.kind !== 'Deployment') continue;
    for (const c of d.spec?.template?.spec?.containers ?? []) {
      const m = /rook\/ceph:v(\d+\.\d+\.\d+)$/.exec(String(c.image ?? ''));
      if (m) return m[1];
    }
  }
  return undefined;
}

export interface VendoredFile {
  readonly name: string;
  readonly docs: any[];
}

/** Loads and checks a vendored folder for a Rook profile: every expected file exists, and it is that version. */
export function loadVendored(dir: string, profile: RookProfile, forPath: string, release: string = profile.version): VendoredFile[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new ConfigError({
      path: `${forPath}: install.dir`,
      problem: 'the vendored manifest folder does not exist',
      value: dir,
      allowed: `a folder holding ${profile.vendoredFiles.join(', ')} of Rook v${release}`,
      fix: `copy deploy/examples (Rook >= 1.8) or cluster/examples/kubernetes/ceph (older) of tag v${release} there, or fix the path`,
    });
  }
  const missing = profile.vendoredFiles.filter((f) => !fs.existsSync(path.join(dir, f)));
  if (missing.length > 0) {
    throw new ConfigError({
      path: `${forPath}: install.dir`,
      problem: `the vendored folder misses ${missing.join(', ')}; Rook v${release} cannot be installed without ${missing.length === 1 ? 'it' : 'them'}`,
      value: dir,
      allowed: `a folder holding all of ${profile.vendoredFiles.join(', ')} from Rook v${release}`,
      fix: `copy ${missing.join(', ')} of tag v${release} into the folder`,
    });
  }
  const files = profile.vendoredFiles.map((name) => ({ name, docs: readManifests(path.join(dir, name)) }));
  const op = files.find((f) => f.name === 'operator.yaml');
  const found = op ? vendoredRookVersion(op.docs) : undefined;
  if (found !== release) {
    throw new ConfigError({
      path: `${forPath}: install.dir`,
      problem: found
        ? `the vendored folder holds Rook v${found} (operator image in operator.yaml), but the site pins v${release}; mixing them installs CRDs and an operator of another release`
        : 'operator.yaml has no rook/ceph operator image, so the folder\'s Rook version is unknown',
      value: found ? `v${found}` : dir,
      allowed: `the example manifests of Rook v${release}`,
      fix: `replace the folder's files with those of tag v${release}, or pin rookVersion "${found ?? release}" on the Site`,
    });
  }
  return files;
}
