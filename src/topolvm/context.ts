/**
 * What the parts of a TopoLVM installation share: names, domain-driven strings, image, kubelet paths.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { LayerId, place } from '../site/layers';
import { Site } from '../site/site';
import { hasFeature, TopoLVMVersion, VersionSet } from '../versions';

export type TopoLVMDomain = 'topolvm.io' | 'topolvm.cybozu.com';

/** Kubelet root directories of common distributions. */
export const KUBELET_ROOTS = {
  default: '/var/lib/kubelet',
  rke1: '/opt/rke/var/lib/kubelet',
  k3s: '/var/lib/rancher/k3s/agent/kubelet',
  microk8s: '/var/snap/microk8s/common/var/lib/kubelet',
} as const;

export interface TopoLVMContext {
  readonly site: Site;
  readonly version: TopoLVMVersion;
  readonly versions: VersionSet;
  readonly namespace: string;
  readonly domain: TopoLVMDomain;
  readonly image: string;
  readonly kubeletRoot: string;
  /** Releases before v0.9.0 used the kustomize layout (socket paths, flags) rather than the chart's. */
  readonly legacyLayout: boolean;
}

/** Strings driven by the plugin domain. */
export function domainStrings(domain: TopoLVMDomain) {
  return {
    provisioner: domain,
    capacityResource: `${domain}/capacity`,
    deviceClassParameter: `${domain}/device-class`,
    webhookLabel: `${domain}/webhook`,
    topologyKey: `topology.${domain}/node`,
  };
}

/** Directory of the CSI socket on the host. */
export function pluginDir(ctx: TopoLVMContext): string {
  return `${ctx.kubeletRoot}/plugins/${ctx.domain}/node`;
}

export function labelsOf(component: string): Record<string, string> {
  return { 'app.kubernetes.io/name': 'topolvm', 'app.kubernetes.io/component': component };
}

/** Creates an ApiObject with id `id` under scope and places it: for CRD kinds only (core kinds use the classes of imports/k8s.ts). */
export function emit(scope: Construct, id: string, layer: LayerId, body: Record<string, any>, opts: { dataBearing?: boolean } = {}): ApiObject {
  const { apiVersion, kind, metadata, ...rest } = body;
  const obj = new ApiObject(scope, id, { apiVersion, kind, metadata, ...rest });
  return place(obj, layer, opts);
}

/** The CSI socket path as seen by the TopoLVM containers. */
export function csiSocket(ctx: TopoLVMContext): string {
  return ctx.legacyLayout ? '/run/topolvm/csi-topolvm.sock' : `${pluginDir(ctx)}/csi-topolvm.sock`;
}

export function isLegacyLayout(v: VersionSet): boolean {
  return !hasFeature(v, 'topolvmCapacityTracking');
}
