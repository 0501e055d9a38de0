package dev.osb.maven;

import org.apache.maven.plugin.logging.Log;

/** The lines a goal prints, by level: Maven's log in a build, a list in a test. */
interface BuildLog {

  void info(String line);

  void warn(String line);

  void error(String line);

  static BuildLog of(Log log) {
    return new BuildLog() {
      @Override
      public void info(String line) {
        log.info(line);
      }

      @Override
      public void warn(String line) {
        log.warn(line);
      }

      @Override
      public void error(String line) {
        log.error(line);
      }
    };
  }
}
