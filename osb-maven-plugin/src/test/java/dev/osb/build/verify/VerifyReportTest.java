package dev.osb.build.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.build.verify.VerifyReport.Check;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The JUnit XML of a report, read back with the JDK's DOM parser. */
class VerifyReportTest {

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    DocumentBuilder b = f.newDocumentBuilder();
    return b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void oneTestcasePerCheckFailuresWithMessagesEscaped() throws Exception {
    String nasty = "a <b> & \"c\" 'd'\ttab\nline\r\u0001\u0007bell \uD800 \uFFFE end ]]> 😀";
    VerifyReport r = new VerifyReport("stage4", "stage4-amd64-x.tar.xz", List.of(
        new Check("hostname", true, "web1", "web1", null),
        new Check("service <sshd> & co", false, "a \"link\"", "missing", nasty),
        new Check("make.conf", false, "12 lines", "has 'X=\"1\"'", "make.conf: has 'X=\"1\"' ]]> <![CDATA[")));
    String xml = r.toJUnitXml("osb.verify.stage4");
    assertEquals(xml, r.toJUnitXml("osb.verify.stage4"), "deterministic");
    Document d = parse(xml);
    Element suite = d.getDocumentElement();
    assertEquals("testsuite", suite.getTagName());
    assertEquals("osb.verify.stage4", suite.getAttribute("name"));
    assertEquals("3", suite.getAttribute("tests"));
    assertEquals("2", suite.getAttribute("failures"));
    assertEquals("0", suite.getAttribute("errors"));
    NodeList cases = suite.getElementsByTagName("testcase");
    assertEquals(3, cases.getLength());
    Element ok = (Element) cases.item(0);
    assertEquals("hostname", ok.getAttribute("name"));
    assertEquals("osb.verify.stage4", ok.getAttribute("classname"));
    assertEquals(0, ok.getElementsByTagName("failure").getLength());

    Element bad = (Element) cases.item(1);
    assertEquals("service <sshd> & co", bad.getAttribute("name"));
    Element failure = (Element) bad.getElementsByTagName("failure").item(0);
    String expectedMessage = "a <b> & \"c\" 'd'\ttab\nline\r\uFFFD\uFFFDbell \uFFFD \uFFFD end ]]> 😀";
    assertEquals(expectedMessage, failure.getAttribute("message"), "attribute keeps tabs and line breaks");
    assertTrue(failure.getTextContent().startsWith(expectedMessage), failure.getTextContent());
    assertTrue(failure.getTextContent().endsWith("\nexpected: a \"link\"\nactual: missing"), failure.getTextContent());

    Element third = (Element) ((Element) cases.item(2)).getElementsByTagName("failure").item(0);
    assertEquals("make.conf: has 'X=\"1\"' ]]> <![CDATA[", third.getAttribute("message"));

    NodeList props = suite.getElementsByTagName("property");
    assertEquals("osb.build", ((Element) props.item(0)).getAttribute("name"));
    assertEquals("stage4", ((Element) props.item(0)).getAttribute("value"));
    assertEquals("stage4-amd64-x.tar.xz", ((Element) props.item(1)).getAttribute("value"));
    assertFalse(xml.contains("timestamp"), "no time in the report");
  }

  @Test
  void aRealReportParses(@TempDir Path tmp) throws Exception {
    StageVerifierTest.load();
    Fixture fx = StageVerifierTest.openrc;
    StageImage img = Images.openrc(fx, "stage4", tmp);
    img.delete("/etc/runlevels/default/sshd");
    VerifyReport r = StageVerifierTest.verify(fx, "stage4", img, tmp);
    Document d = parse(r.toJUnitXml("osb.verify"));
    Element suite = d.getDocumentElement();
    assertEquals(String.valueOf(r.checks().size()), suite.getAttribute("tests"));
    assertEquals("1", suite.getAttribute("failures"));
    NodeList failures = suite.getElementsByTagName("failure");
    assertEquals(1, failures.getLength());
    Element f = (Element) failures.item(0);
    assertEquals("service sshd: enabled in runlevel default", ((Element) f.getParentNode()).getAttribute("name"));
    assertTrue(f.getAttribute("message").startsWith("service sshd: not enabled in runlevel default"));
    assertTrue(r.summary().endsWith(", 1 failed"), r.summary());
  }

  @Test
  void summaryAndFailures() {
    VerifyReport r = new VerifyReport("zfs", "t.tar.xz", List.of(new Check("a", true, "x", "x", null)));
    assertTrue(r.passed());
    assertEquals(List.of(), r.failures());
    assertEquals("zfs: 1 check of t.tar.xz, all passed", r.summary());
  }
}
