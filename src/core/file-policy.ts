/** The admin's file-type policy. Implementation in progress. */
export interface FileTypePolicyOptions {
  /** Extensions without dots, lower case. Default: the seed's gif, heic, jpeg, jpg, png. */
  allowed?: string[];
  /** Largest file in bytes. Default 10 MiB. */
  maxBytes?: number;
}
