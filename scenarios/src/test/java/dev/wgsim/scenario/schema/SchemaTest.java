package dev.wgsim.scenario.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.wgsim.scenario.parse.ScenarioKeys;
import dev.wgsim.scenario.parse.ScenarioParser;
import dev.wgsim.scenario.yaml.ObjectType;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** The shipped JSON Schema and the parser accept the same keys, and every example validates. */
class SchemaTest {
    static final Path SCHEMA = Path.of("schema/wgsim-scenario.schema.json");
    static final JsonNode SCHEMA_JSON = read();

    static JsonNode read() {
        try {
            return new ObjectMapper().readTree(SCHEMA.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Schema schema() {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(SCHEMA_JSON);
    }

    @Test
    void everyParserObjectIsInTheSchemaWithExactlyItsKeys() {
        JsonNode defs = SCHEMA_JSON.get("$defs");
        for (ObjectType t : ScenarioKeys.ALL) {
            JsonNode def = defs.get(t.name());
            assertTrue(def != null, "schema lacks $defs/" + t.name());
            Set<String> schemaKeys = new TreeSet<>();
            def.get("properties").fieldNames().forEachRemaining(schemaKeys::add);
            assertEquals(new TreeSet<>(t.keys()), schemaKeys, t.name());
            assertFalse(def.get("additionalProperties").asBoolean(), t.name() + " must reject unknown keys");
        }
    }

    @Test
    void everyObjectOfTheSchemaIsOneTheParserKnows() {
        Set<String> parser = new TreeSet<>();
        ScenarioKeys.ALL.forEach(t -> parser.add(t.name()));
        SCHEMA_JSON.get("$defs").fields().forEachRemaining(e -> {
            if (e.getValue().has("properties")) {
                assertTrue(parser.contains(e.getKey()), "schema object " + e.getKey() + " has no parser");
            }
        });
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("examples"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleValidatesAndParses(Path example) throws IOException {
        String text = Files.readString(example);
        List<Error> errors = schema().validate(toJson(text));
        assertTrue(errors.isEmpty(), example + ": " + errors);
        assertTrue(text.startsWith("# yaml-language-server: $schema=../schema/wgsim-scenario.schema.json"), example
                + " points editors at the schema");
        ScenarioParser.parse(example);
    }

    @Test
    void theSchemaRejectsWhatTheParserRejects() throws IOException {
        for (String broken : List.of("unknown-key", "bad-key-base64", "duration-without-unit", "loss-out-of-range",
                "unknown-nat-preset", "unknown-event-type", "wrong-type-list")) {
            String text = Files.readString(Path.of("src/test/resources/broken", broken + ".yaml"));
            assertFalse(schema().validate(toJson(text)).isEmpty(), broken + " must not validate");
        }
    }

    /** YAML to JSON as an editor's YAML language server sees it (YAML 1.2 core scalars). */
    static JsonNode toJson(String yaml) {
        Node n = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
        return convert(n);
    }

    private static JsonNode convert(Node n) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (n instanceof MappingNode m) {
            ObjectNode o = f.objectNode();
            for (NodeTuple t : m.getValue()) {
                o.set(((ScalarNode) t.getKeyNode()).getValue(), convert(t.getValueNode()));
            }
            return o;
        }
        if (n instanceof SequenceNode s) {
            ArrayNode a = f.arrayNode();
            for (Node c : new ArrayList<>(s.getValue())) {
                a.add(convert(c));
            }
            return a;
        }
        ScalarNode s = (ScalarNode) n;
        String v = s.getValue();
        if (Tag.INT.equals(s.getTag())) {
            return f.numberNode(Long.parseLong(v.replace("_", "")));
        }
        if (Tag.FLOAT.equals(s.getTag())) {
            return f.numberNode(Double.parseDouble(v));
        }
        if (Tag.BOOL.equals(s.getTag()) && (v.equals("true") || v.equals("false"))) {
            return f.booleanNode(Boolean.parseBoolean(v));
        }
        if (Tag.NULL.equals(s.getTag())) {
            return f.nullNode();
        }
        return f.textNode(v);
    }
}
