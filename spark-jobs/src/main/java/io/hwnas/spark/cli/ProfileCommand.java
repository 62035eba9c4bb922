package io.hwnas.spark.cli;

import io.hwnas.hw.DeviceProfile;
import io.hwnas.hw.DeviceProfiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Device profile files (the format: hardware-profiles/README.md).",
        subcommands = ProfileCommand.Upgrade.class)
final class ProfileCommand {

    @Command(name = "upgrade", mixinStandardHelpOptions = true,
            description = "Check a device profile (format 2 or " + DeviceProfile.FORMAT + ") and write it in format "
                    + DeviceProfile.FORMAT + ". YAML comments are not carried over.")
    static final class Upgrade implements Callable<Integer> {

        @Parameters(paramLabel = "PROFILE", description = "profile YAML file")
        Path input;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "file to write (default: replace PROFILE)")
        Path output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            DeviceProfile profile = DeviceProfiles.load(input);
            Path target = output != null ? output : input;
            DeviceProfiles.write(profile, target);
            spec.commandLine().getOut().printf("wrote %s: profile '%s' in format %d%n", target, profile.id(),
                    DeviceProfile.FORMAT);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
