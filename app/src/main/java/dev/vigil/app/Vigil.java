package dev.vigil.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vigil} command line: the composition root of every Vigil command. */
@Command(name = "vigil", mixinStandardHelpOptions = true, version = "vigil 0.1.0",
        description = "Vigil: complex-event processing for real-time fraud detection.",
        subcommands = {CheckCommand.class, FmtCommand.class, TestCommand.class, ReplayCommand.class,
                SimulateCommand.class, ImportCommand.class, ProduceCommand.class,
                CommandLine.HelpCommand.class})
public final class Vigil implements Runnable {
    /** Exit code for a usage mistake (unknown option, missing argument). */
    static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, for example `vigil check rules/`");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Vigil());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("vigil: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return USAGE;
        });
        // A file that cannot be read or written is the user's to fix: say which, without a stack trace.
        cl.setExecutionExceptionHandler((ex, command, parsed) -> {
            Throwable io = ex instanceof java.io.UncheckedIOException u ? u.getCause() : ex;
            if (!(io instanceof java.io.IOException)) {
                throw ex;
            }
            command.getErr().println("vigil " + command.getCommandName() + ": " + io.getClass().getSimpleName() + " "
                    + io.getMessage());
            command.getErr().flush();
            return 1;
        });
        return cl;
    }
}
