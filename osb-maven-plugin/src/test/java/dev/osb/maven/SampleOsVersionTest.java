package dev.osb.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.File;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * sample-os cannot be a module of the reactor that builds its plugin, so its version and the
 * plugin version it uses are literals; this keeps both equal to the reactor's version.
 */
class SampleOsVersionTest {

  private static final String FIX =
      " (sample-os/pom.xml spells its <version> and the osb-maven-plugin <version> literally: "
          + "set both to the reactor's version by hand)";

  private static String child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().trim();
      }
    }
    return null;
  }

  @Test
  void sampleOsVersionsEqualTheReactorVersion() throws Exception {
    String reactor = System.getProperty("osb.reactorVersion");
    String pom = System.getProperty("osb.sampleOsPom");
    assertNotNull(reactor, "run through Maven: surefire passes osb.reactorVersion");
    assertNotNull(pom, "run through Maven: surefire passes osb.sampleOsPom");
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File(pom));
    Element project = doc.getDocumentElement();
    assertEquals("dev.osb.samples", child(project, "groupId"));
    assertEquals("sample-os", child(project, "artifactId"));
    assertEquals(reactor, child(project, "version"), "sample-os version" + FIX);

    NodeList plugins = project.getElementsByTagName("plugin");
    int found = 0;
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      if ("osb-maven-plugin".equals(child(plugin, "artifactId"))) {
        assertEquals("dev.osb", child(plugin, "groupId"));
        assertEquals(reactor, child(plugin, "version"), "osb-maven-plugin version" + FIX);
        found++;
      }
    }
    assertEquals(1, found, "sample-os/pom.xml declares dev.osb:osb-maven-plugin once");
  }
}
