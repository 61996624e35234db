/**
 * Container image references (`[registry[:port]/]path[:tag][@sha256:digest]`), parsed the way
 * the Docker reference grammar does: a `:` after the last `/` starts the tag, so
 * `localhost:5000/orders` has no tag and `orders:5000` has tag `5000`.
 */
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const IMAGE_REFERENCE = new RegExp(
  "^(?<repository>(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?" +
    `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)` +
    "(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?" +
    "(?:@(?<digest>sha256:[a-f0-9]{64}))?$",
);

export interface ImageReference {
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** Returns undefined when `reference` is not a valid image reference. */
export function parseImageReference(reference: string): ImageReference | undefined {
  const groups = IMAGE_REFERENCE.exec(reference)?.groups;
  if (!groups?.repository) return undefined;
  return { repository: groups.repository, tag: groups.tag, digest: groups.digest };
}

/**
 * True when the reference names one build: a digest, or a tag other than `latest`. CI pushes
 * a tag per commit, so a pinned reference lets a rollback redeploy exactly what ran before.
 */
export function isPinned(image: ImageReference): boolean {
  return image.digest !== undefined || (image.tag !== undefined && image.tag !== "latest");
}
