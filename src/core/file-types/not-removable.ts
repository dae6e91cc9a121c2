/** Metadata could not be removed from a file; the message says why, in words for the agent. */
export class MetadataNotRemovable extends Error {
  override readonly name = 'MetadataNotRemovable';
}
