package dev.osb.load;

import dev.osb.validate.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads one YAML file into a {@link Node} tree that keeps line and column for every value.
 *
 * <p>It works on snakeyaml-engine's event stream and builds the tree itself, without
 * recursion, so that hostile input is refused in bounded time and memory: files over {@link
 * #MAX_BYTES}, nesting deeper than {@link #MAX_DEPTH}, more than {@link #MAX_ALIASES} aliases,
 * trees that expand (through aliases) past {@link #MAX_NODES} values, recursive aliases, more
 * than one document, duplicate keys, non-scalar keys and custom tags are all errors with a
 * location. Plain scalars resolve by the YAML 1.2 core schema ({@code yes} is a string).
 */
public final class YamlReader {

  /** An os.yaml is short; anything larger is a mistake (or an attack). */
  public static final int MAX_BYTES = 1024 * 1024;

  public static final int MAX_DEPTH = 64;
  public static final int MAX_ALIASES = 100;
  public static final int MAX_NODES = 100_000;

  private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
  private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
  private static final Pattern INT = Pattern.compile("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");
  private static final Pattern FLOAT =
      Pattern.compile(
          "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?"
              + "|[-+]?\\.(inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN");
  private static final String CORE = "tag:yaml.org,2002:";

  private YamlReader() {}

  /** Reads a file; every failure is a {@link LoadException} with a located Problem. */
  public static Node read(Path file) throws LoadException {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new LoadException(
          Problem.error(Location.of(file), "cannot read file: " + reason(e), null));
    }
    if (Files.isDirectory(file)) {
      throw new LoadException(Problem.error(Location.of(file), "is a directory, not a file",
          "name the os.yaml file"));
    }
    if (size > MAX_BYTES) {
      throw new LoadException(
          Problem.error(
              Location.of(file),
              String.format(java.util.Locale.ROOT,
                  "file is %,d bytes; an os.yaml may be at most %,d bytes", size, MAX_BYTES),
              "split it with 'extends', and keep large content in files the os.yaml names"));
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new LoadException(
          Problem.error(Location.of(file), "cannot read file: " + reason(e), null));
    }
    return parse(file, decode(file, bytes));
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? "I/O error" : e.getMessage();
  }

  static String decode(Path file, byte[] bytes) throws LoadException {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      int bad = firstInvalidUtf8(bytes);
      int line = 1;
      int col = 1;
      for (int i = 0; i < bad; i++) {
        if (bytes[i] == '\n') {
          line++;
          col = 1;
        } else if ((bytes[i] & 0xC0) != 0x80) {
          col++;
        }
      }
      throw new LoadException(
          Problem.error(
              new Location(file, line, col),
              "file is not valid UTF-8 (byte offset " + bad + ")",
              "save it as UTF-8"));
    }
  }

  /** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
  static int firstInvalidUtf8(byte[] b) {
    int i = 0;
    while (i < b.length) {
      int lead = b[i] & 0xFF;
      int len;
      if (lead < 0x80) {
        len = 1;
      } else if (lead >= 0xC2 && lead <= 0xDF) {
        len = 2;
      } else if (lead >= 0xE0 && lead <= 0xEF) {
        len = 3;
      } else if (lead >= 0xF0 && lead <= 0xF4) {
        len = 4;
      } else {
        return i;
      }
      if (i + len > b.length) {
        return i;
      }
      for (int j = 1; j < len; j++) {
        if ((b[i + j] & 0xC0) != 0x80) {
          return i;
        }
      }
      i += len;
    }
    return b.length;
  }

  /** Parses YAML text that came from {@code file}. */
  public static Node parse(Path file, String text) throws LoadException {
    if (text.length() > MAX_BYTES) {
      throw new LoadException(
          Problem.error(
              Location.of(file),
              String.format(java.util.Locale.ROOT, "text is %,d characters; at most %,d are read", text.length(), MAX_BYTES),
              null));
    }
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file.toString())
            .setUseMarks(true)
            .setCodePointLimit(MAX_BYTES + 1)
            .setMaxAliasesForCollections(MAX_ALIASES)
            .build();
    Builder builder = new Builder(file);
    try {
      for (Event event : new Parse(settings).parseString(text)) {
        builder.accept(event);
      }
    } catch (MarkedYamlEngineException e) {
      throw new LoadException(syntaxProblem(file, text, e));
    } catch (YamlEngineException e) {
      throw new LoadException(controlCharacter(file, text)
          .orElse(Problem.error(Location.of(file), "YAML error: " + firstLine(e.getMessage()), null)));
    }
    return builder.root == null ? new MapNode(Map.of(), Location.of(file)) : builder.root;
  }

  private static Problem syntaxProblem(Path file, String text, MarkedYamlEngineException e) {
    Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
    Location at = mark.map(m -> at(file, m)).orElse(Location.of(file));
    String problem = e.getProblem() == null ? firstLine(e.getMessage()) : e.getProblem();
    if (problem.contains("'\\t'") || problem.contains("\\t(TAB)") || isTabAt(text, mark)) {
      return Problem.error(
          at,
          "tab character in indentation",
          "YAML indents with spaces only; replace the tab with spaces");
    }
    String context = e.getContext();
    Optional<Mark> opened = e.getContextMark();
    if (context != null && opened.isPresent()
        && (context.contains("flow sequence") || context.contains("flow mapping"))) {
      boolean list = context.contains("sequence");
      Location start = at(file, opened.get());
      return Problem.error(start, "'" + (list ? "[" : "{") + "' is never closed",
          "close the " + (list ? "list with ']'" : "map with '}'") + " before " + describe(at));
    }
    if (problem.contains("mapping values are not allowed here")) {
      return Problem.error(at, "unexpected ':' here",
          "indent the keys of one map by the same number of spaces, and quote a value that holds ': '");
    }
    String msg = "YAML syntax error: " + problem;
    if (context != null && !context.isBlank()) {
      msg += " (" + context + ")";
    }
    return Problem.error(at, msg, null);
  }

  private static String describe(Location at) {
    return at.line() <= 1 ? "the end of the line" : "line " + at.line();
  }

  /** The first character YAML refuses (a control character), located and named. */
  private static Optional<Problem> controlCharacter(Path file, String text) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        col = 1;
        continue;
      }
      if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
        return Optional.of(Problem.error(new Location(file, line, col),
            String.format(java.util.Locale.ROOT, "control character U+%04X is not allowed", (int) c),
            "remove it"));
      }
      col++;
    }
    return Optional.empty();
  }

  private static boolean isTabAt(String text, Optional<Mark> mark) {
    if (mark.isEmpty()) {
      return false;
    }
    int idx = mark.get().getIndex();
    return idx >= 0 && idx < text.length() && text.charAt(idx) == '\t';
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  static Location at(Path file, Mark mark) {
    return new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  /** Builds the tree from events with an explicit stack: no recursion, bounded work. */
  private static final class Builder {
    private final Path file;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private final Map<String, Node> anchors = new HashMap<>();
    private final Map<Node, Integer> sizes = new java.util.IdentityHashMap<>();
    private final Set<String> open = new HashSet<>();
    private Node root;
    private int documents;
    private int nodes;
    private int aliases;

    Builder(Path file) {
      this.file = file;
    }

    private Location loc(Event e) {
      return e.getStartMark().map(m -> at(file, m)).orElse(Location.of(file));
    }

    void accept(Event event) throws LoadException {
      switch (event.getEventId()) {
        case StreamStart, StreamEnd, DocumentEnd, Comment -> {}
        case DocumentStart -> {
          documents++;
          if (documents > 1) {
            throw fail(loc(event), "more than one YAML document ('---') in the file",
                "an os.yaml is one document; use 'extends' or 'variants' to combine files");
          }
        }
        case MappingStart, SequenceStart -> {
          CollectionStartEvent c = (CollectionStartEvent) event;
          checkTag(c.getTag(), event instanceof MappingStartEvent ? "map" : "seq", loc(event));
          if (stack.size() >= MAX_DEPTH) {
            throw fail(loc(event), "nesting deeper than " + MAX_DEPTH + " levels",
                "an os.yaml needs only a few levels; check for runaway brackets");
          }
          count(loc(event), 1);
          Frame f = new Frame(event instanceof MappingStartEvent, loc(event), anchor(c));
          if (f.anchor != null) {
            open.add(f.anchor);
          }
          stack.push(f);
        }
        case MappingEnd, SequenceEnd -> {
          Frame f = stack.pop();
          Node n = f.isMap ? new MapNode(f.entries, f.location) : new SeqNode(f.items, f.location);
          sizes.put(n, f.size + 1);
          if (f.anchor != null) {
            open.remove(f.anchor);
            anchors.put(f.anchor, n);
          }
          add(n, f.location);
        }
        case Scalar -> {
          ScalarEvent s = (ScalarEvent) event;
          count(loc(event), 1);
          Node n = scalar(s);
          sizes.put(n, 1);
          String a = anchor(s);
          if (a != null) {
            anchors.put(a, n);
          }
          add(n, loc(event));
        }
        case Alias -> {
          AliasEvent a = (AliasEvent) event;
          String name = a.getAlias().getValue();
          if (++aliases > MAX_ALIASES) {
            throw fail(loc(event), "more than " + MAX_ALIASES + " aliases", "expand the aliases by hand");
          }
          if (open.contains(name)) {
            throw fail(loc(event), "alias '*" + name + "' refers to a value that contains it",
                "recursive YAML structures are not allowed");
          }
          Node target = anchors.get(name);
          if (target == null) {
            throw fail(loc(event), "alias '*" + name + "' names no anchor", "define '&" + name + "' first");
          }
          count(loc(event), sizes.getOrDefault(target, 1));
          add(target, loc(event));
        }
        default -> {}
      }
    }

    private String anchor(NodeEvent e) {
      return e.getAnchor().map(x -> x.getValue()).orElse(null);
    }

    private void count(Location at, int n) throws LoadException {
      nodes += n;
      if (!stack.isEmpty()) {
        for (Frame f : stack) {
          f.size += n;
        }
      }
      if (nodes > MAX_NODES) {
        throw fail(at, "more than " + MAX_NODES + " values (after expanding aliases)",
            "this looks like an alias bomb; an os.yaml needs far fewer values");
      }
    }

    private void checkTag(Optional<String> tag, String kind, Location at) throws LoadException {
      if (tag.isEmpty() || tag.get().equals("!")) {
        return;
      }
      String t = tag.get();
      if (t.equals(CORE + kind)) {
        return;
      }
      throw fail(at, "YAML tag '" + t.replace(CORE, "!!") + "' is not supported here",
          "remove the tag");
    }

    private ScalarNode scalar(ScalarEvent s) throws LoadException {
      Location at = loc(s);
      String v = s.getValue();
      Optional<String> tag = s.getTag();
      if (tag.isPresent() && !tag.get().equals("!")) {
        String t = tag.get();
        ScalarNode.Tag explicit =
            switch (t) {
              case CORE + "str" -> ScalarNode.Tag.STR;
              case CORE + "int" -> ScalarNode.Tag.INT;
              case CORE + "float" -> ScalarNode.Tag.FLOAT;
              case CORE + "bool" -> ScalarNode.Tag.BOOL;
              case CORE + "null" -> ScalarNode.Tag.NULL;
              default -> null;
            };
        if (explicit == null) {
          throw fail(at, "YAML tag '" + t.replace(CORE, "!!") + "' is not supported", "remove the tag");
        }
        return new ScalarNode(v, explicit, at);
      }
      if (!s.isPlain()) {
        return new ScalarNode(v, ScalarNode.Tag.STR, at);
      }
      ScalarNode.Tag resolved;
      if (NULL.matcher(v).matches()) {
        resolved = ScalarNode.Tag.NULL;
      } else if (BOOL.matcher(v).matches()) {
        resolved = ScalarNode.Tag.BOOL;
      } else if (INT.matcher(v).matches()) {
        resolved = ScalarNode.Tag.INT;
      } else if (FLOAT.matcher(v).matches()) {
        resolved = ScalarNode.Tag.FLOAT;
      } else {
        resolved = ScalarNode.Tag.STR;
      }
      return new ScalarNode(v, resolved, at);
    }

    private void add(Node n, Location at) throws LoadException {
      Frame top = stack.peek();
      if (top == null) {
        root = n;
        return;
      }
      if (!top.isMap) {
        top.items.add(n);
        return;
      }
      if (top.pendingKey == null) {
        if (!(n instanceof ScalarNode k)) {
          throw fail(at, "a map key must be a plain value, not " + n.describe(), null);
        }
        if (k.tag() == ScalarNode.Tag.NULL) {
          throw fail(at, "a map key is empty", "write the key before the ':'");
        }
        MapNode.Entry first = top.entries.get(k.text());
        if (first != null) {
          throw fail(at, "duplicate key '" + k.text() + "' (first at line "
              + first.keyLocation().line() + ")", "keep one of them");
        }
        top.pendingKey = k;
        return;
      }
      ScalarNode k = top.pendingKey;
      top.pendingKey = null;
      top.entries.put(k.text(), new MapNode.Entry(k.text(), k.location(), n));
    }

    private LoadException fail(Location at, String message, String hint) {
      return new LoadException(Problem.error(at, message, hint));
    }
  }

  private static final class Frame {
    final boolean isMap;
    final Location location;
    final String anchor;
    final List<Node> items = new ArrayList<>();
    final Map<String, MapNode.Entry> entries = new LinkedHashMap<>();
    ScalarNode pendingKey;
    int size;

    Frame(boolean isMap, Location location, String anchor) {
      this.isMap = isMap;
      this.location = location;
      this.anchor = anchor;
    }
  }
}
