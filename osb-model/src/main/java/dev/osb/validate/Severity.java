package dev.osb.validate;

/** An error stops the build; a warning is printed and the build goes on. */
public enum Severity {
  ERROR,
  WARNING
}
