package dev.osb.model;

import java.util.List;

/**
 * Binary packages: hosts used while building ({@code fetch}) and the binhost the image is
 * configured for ({@code ship}, null for none).
 */
public record Binpkgs(List<String> fetch, Ship ship) {

  /** The shipped binrepos.conf entry. */
  public record Ship(String url, boolean verifySignature) {}

  public Binpkgs {
    fetch = List.copyOf(fetch);
  }

  public static Binpkgs none() {
    return new Binpkgs(List.of(), null);
  }
}
