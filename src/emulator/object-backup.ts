/**
 * The backup blob of one stored object: every version and the metadata as gzipped JSON in
 * base64url. Kept apart from the store so the blob format can be read and changed in one
 * place; the collection's codecs turn payloads that hold KeyObjects into JSON and back.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { CollectionSpec } from './collection-spec.js';
import type { ServiceError } from './errors.js';
import { badParameter } from './errors.js';
import type { StoredObject, VersionAttributes } from './stored-object.js';
import { checkObjectName } from './request-validation.js';

const BACKUP_FORMAT = 'kvx-backup-1';

/** An opaque blob with every version and the metadata; it restores into any vault where the name is free. */
export function encodeBackup<P, M>(spec: CollectionSpec<P, M>, object: StoredObject<P, M>): string {
  const payloadCodec = spec.payloadCodec;
  const metaCodec = spec.metaCodec;
  const doc = {
    format: BACKUP_FORMAT,
    collection: spec.name,
    name: object.name,
    meta: object.meta === undefined ? null : metaCodec ? metaCodec.encode(object.meta) : object.meta,
    versions: object.versions.map((v) => ({
      version: v.version,
      attributes: v.attributes,
      tags: v.tags,
      payload: payloadCodec ? payloadCodec.encode(v.payload) : v.payload,
    })),
  };
  return gzipSync(Buffer.from(JSON.stringify(doc), 'utf8')).toString('base64url');
}

/** The object in a blob; 400 when the blob is corrupt or was made by another collection. */
export function decodeBackup<P, M>(spec: CollectionSpec<P, M>, blob: string): StoredObject<P, M> {
  const invalid = (): ServiceError =>
    badParameter(`The backup blob is not a valid ${spec.label.toLowerCase()} backup (it is corrupt, or from another collection).`);
  let doc: {
    format?: unknown;
    collection?: unknown;
    name?: unknown;
    meta?: unknown;
    versions?: { version: string; attributes: VersionAttributes; tags: Record<string, string>; payload: unknown }[];
  };
  try {
    doc = JSON.parse(gunzipSync(Buffer.from(blob, 'base64url')).toString('utf8'));
  } catch {
    throw invalid();
  }
  if (
    doc === null ||
    typeof doc !== 'object' ||
    doc.format !== BACKUP_FORMAT ||
    doc.collection !== spec.name ||
    typeof doc.name !== 'string' ||
    !Array.isArray(doc.versions) ||
    doc.versions.length === 0
  ) {
    throw invalid();
  }
  const name = checkObjectName(doc.name, spec.label);
  const payloadCodec = spec.payloadCodec;
  const metaCodec = spec.metaCodec;
  try {
    const versions = doc.versions.map((v) => ({
      version: v.version,
      attributes: { ...v.attributes },
      tags: { ...v.tags },
      payload: payloadCodec ? payloadCodec.decode(v.payload) : (v.payload as P),
    }));
    const meta = doc.meta === null || doc.meta === undefined ? undefined : metaCodec ? metaCodec.decode(doc.meta) : (doc.meta as M);
    return { name, versions, meta };
  } catch {
    throw invalid();
  }
}
