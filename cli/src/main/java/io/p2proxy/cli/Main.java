package io.p2proxy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code p2proxy} command. Exit status (SPEC.md): 0 success, 1 runtime failure, 2 bad usage
 * or bad config.
 */
@Command(name = "p2proxy", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Peer-to-peer TCP proxy: reach TCP services behind NATs.",
        subcommands = {ServerCommand.class, PeerCommand.class, KeygenCommand.class, StatusCommand.class,
            NetcheckCommand.class, DemoCommand.class})
public final class Main implements Runnable {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit status; never calls System.exit. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof ExitException exit) {
                line.getErr().println("p2proxy: " + exit.getMessage());
                return exit.status();
            }
            line.getErr().println("p2proxy: " + e);
            return FAILURE;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
