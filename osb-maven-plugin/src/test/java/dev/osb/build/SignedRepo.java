package dev.osb.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test fixture: a local git repository with commits signed by throw-away OpenPGP keys made at
 * test time with the real gpg, as SnapshotMaker meets them in a sync repository. Two ed25519 keys
 * live in {@code <dir>/gnupg}: the trusted one ({@code OSB Test <test@osb.invalid>}, exported as
 * {@code <dir>/trusted.asc}, the {@code -Dosb.snapshot.keys} file) and another one ({@code Other
 * <other@osb.invalid>}, not exported). The work tree is {@code <dir>/src}, reachable as
 * {@link #url()} ({@code file:///...}).
 *
 * <p>The ITs use it through {@link #main}; {@code SnapshotMakerTest} directly.
 */
public final class SignedRepo implements AutoCloseable {

  /** Who signs a commit. */
  public enum Signer {
    TRUSTED("test@osb.invalid"), OTHER("other@osb.invalid"), NONE(null);

    final String email;

    Signer(String email) {
      this.email = email;
    }
  }

  private final Path dir;
  private final Path gnupg;
  private final Path src;
  private final Path trusted;

  /** Makes the keys, {@code trusted.asc} and an empty repository (branch master) in {@code dir}. */
  public SignedRepo(Path dir) throws IOException, InterruptedException {
    this.dir = dir;
    Files.createDirectories(dir);
    this.gnupg = Files.createDirectory(dir.resolve("gnupg"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    run(dir, "gpg", "--batch", "--passphrase", "", "--quick-gen-key", "OSB Test <" + Signer.TRUSTED.email + ">",
        "ed25519", "sign", "never");
    run(dir, "gpg", "--batch", "--passphrase", "", "--quick-gen-key", "Other <" + Signer.OTHER.email + ">",
        "ed25519", "sign", "never");
    this.trusted = dir.resolve("trusted.asc");
    Files.writeString(trusted, run(dir, "gpg", "--batch", "--armor", "--export", fingerprint(Signer.TRUSTED)) + "\n");
    this.src = Files.createDirectories(dir.resolve("src"));
    run(src, "git", "init", "-q", "-b", "master");
  }

  /** The public key of {@link Signer#TRUSTED}, ASCII-armoured. */
  public Path trustedKeys() {
    return trusted;
  }

  /** The work tree. */
  public Path workTree() {
    return src;
  }

  /** {@code file:///<dir>/src}. */
  public String url() {
    return src.toUri().toString().replaceFirst("^file:/(?!/)", "file:///");
  }

  /** The primary key fingerprint of a signer. */
  public String fingerprint(Signer signer) throws IOException, InterruptedException {
    for (String line : run(dir, "gpg", "--batch", "--with-colons", "--fingerprint", "--list-keys", signer.email)
        .split("\n")) {
      if (line.startsWith("fpr:")) {
        return line.split(":")[9];
      }
    }
    throw new IOException("no fingerprint for " + signer.email);
  }

  /** Writes a file of the work tree (directories made) and stages it. */
  public void write(String relative, String text) throws IOException, InterruptedException {
    Path f = src.resolve(relative);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text, StandardCharsets.UTF_8);
    run(src, "git", "add", "--", relative);
  }

  /**
   * Commits what is staged (or nothing: {@code --allow-empty}), signed by {@code signer}.
   *
   * @return the commit id
   */
  public String commit(Signer signer, String message) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(List.of("git", "-c", "user.name=OSB Test", "-c",
        "user.email=" + Signer.TRUSTED.email, "-c", "gpg.program=gpg"));
    if (signer != Signer.NONE) {
      argv.addAll(List.of("-c", "user.signingkey=" + fingerprint(signer)));
    }
    argv.addAll(List.of("commit", "-q", "--allow-empty", "-m", message));
    if (signer != Signer.NONE) {
      argv.add("-S");
    }
    run(src, argv.toArray(String[]::new));
    return run(src, "git", "rev-parse", "HEAD");
  }

  /**
   * Runs a command in {@code dir} with this fixture's GNUPGHOME, no git configuration of the
   * machine, and fixed dates; returns its output, stripped; fails on a non-zero exit.
   */
  public String run(Path in, String... argv) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(argv).directory(in.toFile()).redirectErrorStream(true);
    Map<String, String> env = new HashMap<>();
    env.put("GNUPGHOME", gnupg.toString());
    env.put("GIT_CONFIG_GLOBAL", "/dev/null");
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z");
    env.put("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z");
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", argv) + " failed with exit code " + p.exitValue() + ": " + out);
    }
    return out.strip();
  }

  /** Stops the gpg-agent the signing started. */
  @Override
  public void close() throws IOException, InterruptedException {
    new ProcessBuilder("gpgconf", "--homedir", gnupg.toString(), "--kill", "all").inheritIO().start().waitFor();
  }

  /**
   * {@code SignedRepo DIR [CATEGORY/PACKAGE]...}: a minimal ::gentoo-like ebuild repository
   * ({@code profiles/repo_name}, {@code metadata/layout.conf}, one ebuild per package named) in
   * {@code DIR/src}, committed and signed by the trusted key, then an empty commit signed by the
   * other key; prints {@code url=}, {@code keys=}, {@code trusted=} (the trusted key's fingerprint), {@code
   * signed=} and {@code other=} lines.
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: SignedRepo DIR [CATEGORY/PACKAGE]...");
      System.exit(64);
    }
    try (SignedRepo repo = new SignedRepo(Path.of(args[0]).toAbsolutePath())) {
      repo.write("profiles/repo_name", "gentoo\n");
      repo.write("metadata/layout.conf", "masters =\nthin-manifests = true\n");
      for (int i = 1; i < args.length; i++) {
        String pn = args[i].substring(args[i].indexOf('/') + 1);
        repo.write(args[i] + "/" + pn + "-1.ebuild", "EAPI=8\nDESCRIPTION=\"OSB test tree: " + args[i] + "\"\n");
      }
      String signed = repo.commit(Signer.TRUSTED, "signed by the trusted test key");
      String other = repo.commit(Signer.OTHER, "signed by a key that is not trusted");
      System.out.println("url=" + repo.url());
      System.out.println("keys=" + repo.trustedKeys());
      System.out.println("trusted=" + repo.fingerprint(Signer.TRUSTED));
      System.out.println("signed=" + signed);
      System.out.println("other=" + other);
    }
  }
}
