package dev.osb.templates;

/** A template failed: names the template (and the line) so an override can be fixed. */
public final class RenderException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String template;
  private final String source;
  private final Integer line;
  private final String detail;

  /**
   * @param template the template name, e.g. {@code spec.ftl}
   * @param source where it was read from (an override file), or null for the name
   * @param line the line in the template, or null
   * @param detail what went wrong
   */
  public RenderException(String template, String source, Integer line, String detail, Throwable cause) {
    super("template " + (source != null ? source : template) + (line != null ? ":" + line : "") + ": " + detail, cause);
    this.template = template;
    this.source = source != null ? source : template;
    this.line = line;
    this.detail = detail;
  }

  /** The template name, e.g. {@code spec.ftl}. */
  public String template() {
    return template;
  }

  /** Where the template was read from: the override file, or the template name. */
  public String source() {
    return source;
  }

  /** The line in the template, or null. */
  public Integer line() {
    return line;
  }

  /** What went wrong, without the template name. */
  public String detail() {
    return detail;
  }
}
