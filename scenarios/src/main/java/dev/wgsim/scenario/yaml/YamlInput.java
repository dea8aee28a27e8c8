package dev.wgsim.scenario.yaml;

import dev.wgsim.scenario.ScenarioException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a scenario file's bytes into a YAML node tree within fixed bounds, so that no input (a
 * huge file, bytes that are not UTF-8, control characters, deep nesting, an alias bomb) costs more
 * than {@link #MAX_BYTES} of reading or ends without a {@code file:line:col}. Each limit is checked
 * before the tree is built; where the problem has no YAML node the place is the byte or character
 * where it starts, as line and column.
 */
public final class YamlInput {
    /** The largest scenario file, in bytes (templates with {@code count:} keep big networks small). */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    /** The deepest nesting of mappings and lists (the scenario format needs 6). */
    public static final int MAX_DEPTH = 50;
    /**
     * The longest line, in characters. SnakeYAML scans a long plain scalar in time quadratic in its
     * length (a 1 MB one takes 16 s and 1.4 GB here); a line this long still reads in milliseconds.
     */
    public static final int MAX_LINE = 65_536;
    /** The most aliases of mappings or lists (each may copy a whole subtree: the "billion laughs"). */
    public static final int MAX_COLLECTION_ALIASES = 50;

    private YamlInput() {
    }

    /** The file as text: at most {@link #MAX_BYTES} bytes are read, and they must be UTF-8. */
    public static String read(Path path, String file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file, 0, 0, "", "no such file", "Check the path.");
        } catch (IOException e) {
            throw new ScenarioException(file, 0, 0, "", "cannot read the file (" + e.getMessage() + ")", "Check the path.");
        }
        if (bytes.length > MAX_BYTES) {
            int[] lc = lineColumn(bytes, MAX_BYTES);
            throw new ScenarioException(file, lc[0], lc[1], "", "the file is larger than the limit of " + MAX_BYTES
                    + " bytes (4 MiB), which it passes here", "Describe large networks with 'count:' templates and 'topology:'.");
        }
        return decode(bytes, file);
    }

    private static String decode(byte[] bytes, String file) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = dec.decode(in, out, true);
        if (r.isError()) {
            int at = in.position();
            int[] lc = lineColumn(bytes, at);
            throw new ScenarioException(file, lc[0], lc[1], "", String.format(
                    "byte 0x%02X at offset %d is not UTF-8", bytes[at] & 0xFF, at),
                    "Save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8).");
        }
        try {
            r = dec.flush(out);
            if (r.isError()) {
                r.throwException();
            }
        } catch (CharacterCodingException e) {
            throw new ScenarioException(file, 0, 0, "", "the file ends inside a UTF-8 character", "Save the file as UTF-8.");
        }
        out.flip();
        return out.toString();
    }

    /** 1-based line and column (in characters) of byte {@code offset} of UTF-8 {@code bytes}. */
    static int[] lineColumn(byte[] bytes, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
                column = 1;
            } else if ((bytes[i] & 0xC0) != 0x80) { // not a continuation byte: a new character
                column++;
            }
        }
        return new int[] {line, column};
    }

    /**
     * The document's root node, or a located {@link ScenarioException}: characters YAML does not
     * allow, a line longer than {@link #MAX_LINE}, nesting deeper than {@link #MAX_DEPTH}, more than {@link #MAX_COLLECTION_ALIASES}
     * aliases of collections, a syntax error, or an empty document.
     */
    public static Node compose(String file, String text) {
        if (text.length() > MAX_BYTES) {
            throw new ScenarioException(file, 0, 0, "", "the text is longer than the limit of " + MAX_BYTES + " characters",
                    "Describe large networks with 'count:' templates and 'topology:'.");
        }
        checkCharacters(file, text);
        try {
            checkStructure(file, text);
            LoaderOptions lo = options();
            lo.setAllowDuplicateKeys(true); // duplicates are reported by YMap with their line
            Node n = new Yaml(new SafeConstructor(lo)).compose(new StringReader(text));
            if (n == null) {
                throw new ScenarioException(file, 1, 1, "", "the file is empty", "Start with a 'scenario:' section.");
            }
            return n;
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            throw new ScenarioException(file, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1, "",
                    "YAML syntax error: " + problem, "Check indentation and quoting around this place.");
        } catch (YAMLException e) {
            // Only a limit the checks above did not foresee gets here; SnakeYAML gives it no place.
            throw new ScenarioException(file, 0, 0, "", "YAML error: " + e.getMessage(), "Check the file's syntax.");
        }
    }

    /** SnakeYAML's own limits, kept as a second line behind the checks here. */
    static LoaderOptions options() {
        LoaderOptions lo = new LoaderOptions();
        lo.setCodePointLimit(MAX_BYTES);
        lo.setNestingDepthLimit(MAX_DEPTH + 1);
        lo.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        return lo;
    }

    /** YAML 1.1's printable set: tab, line breaks, and no other C0/C1 control, surrogate or U+FFFE/U+FFFF. */
    private static void checkCharacters(String file, String text) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0x7E) || c == 0x85
                    || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            if (!ok) {
                String name = c == 0 ? "a NUL character" : String.format("control character U+%04X", c);
                throw new ScenarioException(file, line, column, "", name + " is not allowed in YAML",
                        "Delete it (only tab, line breaks and printable characters may appear).");
            }
            if (c == '\n') {
                line++;
                column = 1;
            } else if (++column > MAX_LINE + 1) {
                throw new ScenarioException(file, line, column - 1, "", "the line is longer than " + MAX_LINE + " characters",
                        "Break it up: a YAML list or mapping can take one entry per line, a long text a '|' block.");
            }
            i += Character.charCount(c);
        }
    }

    /** Walks the parser's events (no tree is built) to find nesting and alias limits with their place. */
    private static void checkStructure(String file, String text) {
        int depth = 0;
        int aliases = 0;
        Set<String> collectionAnchors = new HashSet<>();
        for (Event e : new Yaml(new SafeConstructor(options())).parse(new StringReader(text))) {
            if (e instanceof CollectionStartEvent s) {
                if (s.getAnchor() != null) {
                    collectionAnchors.add(s.getAnchor());
                }
                if (++depth > MAX_DEPTH) {
                    throw at(file, e, "nesting is deeper than " + MAX_DEPTH + " levels",
                            "Flatten the structure: a scenario needs only a few levels.");
                }
            } else if (e instanceof CollectionEndEvent) {
                depth--;
            } else if (e instanceof AliasEvent a && collectionAnchors.contains(a.getAnchor())
                    && ++aliases > MAX_COLLECTION_ALIASES) {
                throw at(file, e, "more than " + MAX_COLLECTION_ALIASES + " aliases of mappings or lists",
                        "Write the values out, or use fewer '*' references (each copies a whole subtree).");
            }
        }
    }

    private static ScenarioException at(String file, Event e, String reason, String fix) {
        Mark m = e.getStartMark();
        return new ScenarioException(file, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1, "", reason, fix);
    }
}
