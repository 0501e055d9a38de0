package dev.osb.model;

/**
 * The pinned ::gentoo tree.
 *
 * @param treeish the full 40-hex commit of the sync repository
 * @param repo the sync repository: an https URL, or {@code file:///...} for a local mirror
 */
public record Snapshot(String treeish, String repo) {
  public static final String DEFAULT_REPO = "https://github.com/gentoo-mirror/gentoo.git";
}
