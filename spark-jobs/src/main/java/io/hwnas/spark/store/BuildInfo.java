package io.hwnas.spark.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Versions and the git commit this build came from, captured at build time (Maven resource
 * filtering and git-commit-id-maven-plugin), so provenance names the code that actually ran.
 */
public record BuildInfo(String hwnasVersion, String dl4jVersion, String sparkVersion, String scalaVersion,
                        String gitCommit, boolean gitDirty) {

    public static BuildInfo current() {
        Properties build = load("build.properties");
        Properties git = load("git.properties");
        return new BuildInfo(build.getProperty("hwnas.version", "unknown"), build.getProperty("dl4j.version", "unknown"),
                build.getProperty("spark.version", "unknown"), build.getProperty("scala.binary.version", "unknown"),
                git.getProperty("git.commit.id.full", "unknown"), Boolean.parseBoolean(git.getProperty("git.dirty", "false")));
    }

    /** The hwnas version and git commit, marked when the working tree had uncommitted changes. */
    public String codeVersion() {
        return hwnasVersion + "@" + gitCommit + (gitDirty ? "-dirty" : "");
    }

    private static Properties load(String name) {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/io/hwnas/spark/" + name)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read build resource " + name, e);
        }
        return p;
    }
}
