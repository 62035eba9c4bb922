package io.hwnas.spark.s3;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * s3rver (the npm package scripts/setup --test installs under target/tools/s3rver) on a free loopback port with its
 * objects in a directory of the test's, and the S3A settings that reach it: path-style requests to its endpoint,
 * plain HTTP, its fixed key pair, given per bucket so that nothing else in the JVM is pointed at it.
 */
final class S3Emulator implements AutoCloseable {
    /** Where scripts/setup --test installs it, from the repository root; HWNAS_S3RVER names another. */
    static final String INSTALLED = "target/tools/s3rver/node_modules/.bin/s3rver";
    private static final Pattern LISTENING = Pattern.compile("listening on [^:\\s]+:(\\d+)");
    /** s3rver's built-in account */
    private static final String KEY = "S3RVER";

    private final Process process;
    private final String endpoint;

    private S3Emulator(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * Starts s3rver with {@code buckets} created, or skips the test when it is not installed (fails instead with
     * HWNAS_REQUIRE_S3RVER=1, as scripts/test sets).
     */
    static S3Emulator start(Path directory, List<String> buckets) throws IOException, InterruptedException {
        Path executable = executable();
        if (!Files.isExecutable(executable)) {
            String install = "scripts/setup --test installs it";
            if ("1".equals(System.getenv("HWNAS_REQUIRE_S3RVER"))) {
                fail(executable + " is missing but HWNAS_REQUIRE_S3RVER=1 (" + install + ")");
            }
            assumeTrue(false, "s3rver not installed at " + executable + " (" + install + ")");
        }
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--directory", directory.toString(),
                "--address", "127.0.0.1", "--port", "0", "--no-vhost-buckets",
                // it checks V4 signatures by the access key only and V2 ones, which S3A sends here, not quite as
                // the AWS SDK computes them: either way the key must be its own
                "--allow-mismatched-signatures"));
        for (String bucket : buckets) {
            command.addAll(List.of("--configure-bucket", bucket));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // its list continuation tokens are DES-encrypted, which Node's OpenSSL 3 only has in the legacy provider
        builder.environment().put("NODE_OPTIONS", "--openssl-legacy-provider");
        Process process = builder.start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        StringBuilder log = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                    synchronized (log) {
                        if (log.length() < 20_000) {
                            log.append(line).append('\n');
                        }
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IOException("s3rver exited"));
        }, "s3rver-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new S3Emulator(process, "http://127.0.0.1:" + port.get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            synchronized (log) {
                throw new IOException("s3rver did not start: " + e.getMessage() + "\n" + log, e);
            }
        }
    }

    private static Path executable() {
        String named = System.getenv("HWNAS_S3RVER");
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("scripts/setup"))) {
                return dir.resolve(INSTALLED);
            }
        }
        return Path.of(INSTALLED);
    }

    /** The S3A settings for {@code bucket} on this server, without the {@code spark.hadoop.} prefix. */
    Map<String, String> s3aSettings(String bucket) {
        String b = "fs.s3a.bucket." + bucket + ".";
        return Map.of(b + "endpoint", endpoint,
                b + "endpoint.region", "us-east-1",
                b + "path.style.access", "true",
                b + "connection.ssl.enabled", "false",
                b + "aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
                b + "access.key", KEY,
                b + "secret.key", KEY,
                // V4 signing over plain HTTP sends uploads aws-chunked, which s3rver would store undecoded
                b + "signing-algorithm", "S3SignerType",
                // a failure shows in seconds, not after minutes of backing off
                b + "attempts.maximum", "2",
                b + "retry.limit", "2");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
