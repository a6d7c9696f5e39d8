/**
 * GitOps engines: how the layered objects of a site reach the cluster.
 *
 * - plain: ordered folders for `kubectl apply --server-side`, with an APPLY-ORDER.md artifact.
 * - argocd / flux: rendered by their own modules (annotations, Application / Kustomizations).
 */
import { z } from 'zod';
import { LayerInfo, Placement } from './layers';

export const gitopsSchema = z.discriminatedUnion('engine', [
  z.strictObject({ engine: z.literal('plain') }),
  z.strictObject({
    engine: z.literal('argocd'),
    /** Git repository Argo CD reads the site from. */
    repoURL: z.string().optional(),
    /** Branch, tag or commit. @default 'main' */
    targetRevision: z.string().optional(),
    /** Path of dist/<site> in the repository. @default 'dist/<site>' */
    path: z.string().optional(),
    /** Namespace Argo CD runs in. @default 'argocd' */
    argocdNamespace: z.string().optional(),
    /** Argo CD project. @default 'default' */
    project: z.string().optional(),
    /** Turn off Prune=false/Delete=false on data-bearing objects. @default false */
    allowPruneOfDataBearing: z.boolean().optional(),
  }),
  z.strictObject({
    engine: z.literal('flux'),
    url: z.string().optional(),
    branch: z.string().optional(),
    path: z.string().optional(),
    fluxNamespace: z.string().optional(),
    allowPruneOfDataBearing: z.boolean().optional(),
  }),
]);

export type GitOpsProps = z.input<typeof gitopsSchema>;

/** One object as it will be written. `manifest` may be decorated by the engine. */
export interface RenderedObject {
  readonly layer: LayerInfo;
  readonly placement: Placement;
  readonly manifest: any;
  /** construct path, for messages */
  readonly path: string;
}

/** A file the engine adds (bootstrap objects, notes). Objects are schema-validated like the rest. */
export interface EngineFile {
  /** relative to dist/<site>/ */
  readonly path: string;
  readonly manifests?: any[];
  readonly text?: string;
}
