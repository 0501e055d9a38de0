package dev.osb.build;

/** A container image could not be built; the message names the image, the engine and the exit code. */
public final class ImageException extends Exception {

  private static final long serialVersionUID = 1L;

  public ImageException(String message) {
    super(message);
  }

  public ImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
