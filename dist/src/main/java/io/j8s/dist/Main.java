package io.j8s.dist;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code j8s} command. */
@Command(name = "j8s", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "A Kubernetes data plane and control plane in one Java process.",
    subcommands = {ServerCommand.class, AgentCommand.class, SecretsCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    int code = new CommandLine(new Main()).execute(args);
    if (code != 0) System.exit(code);
  }

  @Override public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** The version printed by --version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override public String[] getVersion() { return new String[] {"j8s 0.1.0 (Kubernetes API v1.32)"}; }
  }
}
