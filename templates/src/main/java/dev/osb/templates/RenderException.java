package dev.osb.templates;

/** A template failed: names the template (and the line) so an override can be fixed. */
public final class RenderException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String template;

  public RenderException(String template, String source, Integer line, String detail, Throwable cause) {
    super("template " + (source != null ? source : template) + (line != null ? ":" + line : "") + ": " + detail, cause);
    this.template = template;
  }

  public String template() {
    return template;
  }
}
