package io.hwnas.spark.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.apache.spark.SparkConf;

import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the values of settings whose key matches Spark's {@code spark.redaction.regex} (by default
 * {@code (?i)secret|password|token|access[.]key}, Spark's own) wherever hwnas stores or shows config text: run.json,
 * the journal's sweep.yaml, the report. The value becomes Spark's {@value #REPLACEMENT}, quoted in YAML so the text
 * still parses (a resumed run reads it; its secrets come again from {@code --conf}, a properties file or the
 * environment, see README "Secrets").
 */
public final class Redaction {
    public static final String REGEX_KEY = "spark.redaction.regex";
    /** Spark 3.5's default for {@value #REGEX_KEY}. */
    public static final String DEFAULT_REGEX = "(?i)secret|password|token|access[.]key";
    /** What Spark writes instead of a redacted value. */
    public static final String REPLACEMENT = "*********(redacted)";
    private static final String QUOTED = "\"" + REPLACEMENT + "\"";

    /**
     * {@code key: value} on a line of block YAML (optionally a list item), with an optional trailing comment; a quoted
     * value is whole, {@code #} included.
     */
    private static final Pattern BLOCK = Pattern.compile(
            "^([ \\t]*(?:-[ \\t]+)?)([\"']?)([^\"'#:{}\\[\\],\\n]+?)\\2([ \\t]*:[ \\t]+)"
                    + "(\"[^\"\\n]*\"|'[^'\\n]*'|[^\\n]*?)([ \\t]+#[^\\n]*)?$",
            Pattern.MULTILINE);
    /** {@code key: value} inside a flow mapping {@code {...}}. */
    private static final Pattern FLOW = Pattern.compile(
            "([{,][ \\t]*)([\"']?)([^\"'#:{}\\[\\],\\n]+?)\\2([ \\t]*:[ \\t]*)(\"[^\"\\n]*\"|'[^'\\n]*'|[^,}\\n]*)");
    /** A block-YAML {@code key: value} line (optionally a list item) whose value is given, on that line at least. */
    private static final Pattern KEY_LINE = Pattern.compile(
            "^([ \\t]*)(?:-[ \\t]+)?([\"']?)([^\"'#:{}\\[\\],\\n]+?)\\2[ \\t]*:[ \\t]+([^ \\t#{\\[].*)$");
    /** {@code key=value}, as in {@code --conf key=value} or a properties line. */
    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z0-9_.\\-]+)=([^\\s,'\"}\\]]+)");

    private final Pattern keys;

    private Redaction(Pattern keys) {
        this.keys = keys;
    }

    /** The regex in effect for a running application. */
    public static Redaction of(SparkConf conf) {
        return new Redaction(Pattern.compile(conf.get(REGEX_KEY, DEFAULT_REGEX)));
    }

    /**
     * Before a SparkContext, the regex its session will have: a {@code -Dspark.redaction.regex} (as spark-submit
     * passes {@code --conf}), else the config's spark section's (see {@link io.hwnas.spark.Sessions}), else Spark's
     * default.
     */
    public static Redaction beforeSession(Map<String, String> settings) {
        return new Redaction(Pattern.compile(System.getProperty(REGEX_KEY, settings.getOrDefault(REGEX_KEY,
                DEFAULT_REGEX))));
    }

    public boolean secret(String key) {
        return keys.matcher(key).find();
    }

    /** YAML (or properties) text with every secret value replaced; everything else, comments and layout, kept. */
    public String text(String yaml) {
        String out = replace(BLOCK, withoutContinuations(yaml), 3, 5);
        out = replace(FLOW, out, 3, 5);
        return replace(ASSIGNMENT, out, 1, 2);
    }

    /**
     * Drops the lines that continue a secret key's scalar (a block scalar's {@code |} or {@code >} lines, a plain or
     * quoted scalar folded over lines): every following line indented deeper than the key, and blank lines between
     * them. {@link #BLOCK} then hides what is left on the key's line.
     */
    private String withoutContinuations(String yaml) {
        String[] lines = yaml.split("\n", -1);
        StringBuilder out = new StringBuilder(yaml.length());
        for (int i = 0; i < lines.length; i++) {
            out.append(lines[i]);
            Matcher m = KEY_LINE.matcher(lines[i]);
            if (m.matches() && secret(m.group(3).trim())) {
                int indent = m.group(1).length();
                int next = i + 1;
                while (next < lines.length && (lines[next].isBlank() || indentation(lines[next]) > indent)) {
                    next++;
                }
                while (next > i + 1 && lines[next - 1].isBlank()) {
                    next--; // trailing blank lines belong to what follows
                }
                i = next - 1;
            }
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static int indentation(String line) {
        int n = 0;
        while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '\t')) {
            n++;
        }
        return n;
    }

    private String replace(Pattern pattern, String text, int keyGroup, int valueGroup) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String value = m.group(valueGroup);
            boolean hide = secret(m.group(keyGroup).trim()) && !value.isBlank() && !value.equals(QUOTED)
                    && !value.equals(REPLACEMENT) && !value.startsWith("{") && !value.startsWith("[");
            String replacement = m.group();
            if (hide) {
                int from = m.start(valueGroup) - m.start();
                int to = m.end(valueGroup) - m.start();
                replacement = replacement.substring(0, from) + (pattern == ASSIGNMENT ? REPLACEMENT : QUOTED)
                        + replacement.substring(to);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A copy of a JSON tree (a parsed config) with the values of secret keys replaced, at any depth. */
    public JsonNode json(JsonNode node) {
        JsonNode copy = node.deepCopy();
        redactInPlace(copy);
        return copy;
    }

    private void redactInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (secret(field.getKey()) && field.getValue().isValueNode() && !field.getValue().isNull()) {
                    field.setValue(TextNode.valueOf(REPLACEMENT));
                } else {
                    field.setValue(redacted(field.getValue()));
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, redacted(array.get(i)));
            }
        }
    }

    /** Containers redacted in place; a string with {@code key=value} assignments in it, a new string. */
    private JsonNode redacted(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(replace(ASSIGNMENT, node.asText(), 1, 2));
        }
        redactInPlace(node);
        return node;
    }
}
