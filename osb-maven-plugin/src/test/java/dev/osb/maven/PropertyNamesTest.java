package dev.osb.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Every {@code osb.*} user property of every goal is declared once, in {@link PropertyNames}. */
class PropertyNamesTest {

  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]+)}");

  static Set<String> declared() throws IllegalAccessException {
    Set<String> names = new TreeSet<>();
    for (Field f : PropertyNames.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        assertTrue(names.add((String) f.get(null)), "declared twice: " + f.get(null));
      }
    }
    return names;
  }

  /** goal -> the user properties its parameters read, from the generated plugin.xml. */
  static TreeMap<String, List<String>> descriptorProperties() throws Exception {
    try (InputStream in = PropertyNamesTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
      assertNotNull(in, "target/classes/META-INF/maven/plugin.xml: run the build through process-classes");
      Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
      assertEquals("osb-maven-plugin",
          doc.getDocumentElement().getElementsByTagName("artifactId").item(0).getTextContent());
      TreeMap<String, List<String>> byGoal = new TreeMap<>();
      NodeList mojos = doc.getElementsByTagName("mojo");
      for (int i = 0; i < mojos.getLength(); i++) {
        Element mojo = (Element) mojos.item(i);
        String goal = mojo.getElementsByTagName("goal").item(0).getTextContent();
        List<String> properties = new ArrayList<>();
        NodeList configurations = mojo.getElementsByTagName("configuration");
        for (int c = 0; c < configurations.getLength(); c++) {
          for (Node n = configurations.item(c).getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
              Matcher m = EXPRESSION.matcher(e.getTextContent());
              if (m.matches()) {
                properties.add(m.group(1));
              }
            }
          }
        }
        byGoal.put(goal, properties);
      }
      return byGoal;
    }
  }

  @Test
  void everyConstantIsAnOsbProperty() throws Exception {
    for (String name : declared()) {
      assertTrue(name.matches("osb(\\.[a-z][A-Za-z0-9]*)+"), name);
    }
  }

  @Test
  void everyOsbPropertyOfEveryGoalIsDeclared() throws Exception {
    Set<String> declared = declared();
    TreeMap<String, List<String>> byGoal = descriptorProperties();
    assertTrue(byGoal.containsKey("validate"), "goals: " + byGoal.keySet());
    assertTrue(byGoal.get("validate").contains(PropertyNames.SKIP), byGoal.toString());
    assertTrue(byGoal.get("validate").contains(PropertyNames.OS_YAML), byGoal.toString());
    for (var goal : byGoal.entrySet()) {
      for (String property : goal.getValue()) {
        if (property.startsWith("osb.")) {
          assertTrue(declared.contains(property),
              "osb:" + goal.getKey() + " reads -D" + property + ", which PropertyNames does not declare");
        }
      }
    }
  }

  @Test
  void ourGoalsReadNoUserPropertyOutsideTheOsbNamespace() throws Exception {
    for (var goal : descriptorProperties().entrySet()) {
      if (goal.getKey().equals("help")) {
        continue;
      }
      for (String property : goal.getValue()) {
        boolean maven = property.startsWith("project") || property.startsWith("session")
            || property.startsWith("settings") || property.startsWith("mojoExecution");
        assertFalse(!maven && !property.startsWith("osb."),
            "osb:" + goal.getKey() + " reads -D" + property + "; name it osb.* in PropertyNames");
      }
    }
  }
}
