// Describes one collection (secrets, keys, certificates) to the generic object store.

/** How a collection's version payload and object metadata go into and out of a backup blob. */
export interface Codec<T> {
  encode(value: T): unknown;
  decode(json: unknown): T;
}

export interface CollectionSpec<P, M = undefined> {
  /** The collection's path segment: 'secrets', 'keys', 'certificates' (deleted ones live under 'deleted' + name). */
  readonly name: string;
  /** Singular, capitalised: 'Secret', 'Key', 'Certificate' — used in error codes (`SecretNotFound`) and messages. */
  readonly label: string;
  /** Payload codec for backups; JSON as is when absent. */
  readonly payloadCodec?: Codec<P>;
  /** Metadata codec for backups (e.g. a key's rotation policy); JSON as is when absent. */
  readonly metaCodec?: Codec<M>;
}

export function defineCollection<P, M = undefined>(spec: CollectionSpec<P, M>): CollectionSpec<P, M> {
  return spec;
}
